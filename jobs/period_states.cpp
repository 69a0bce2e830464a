#include "jobs/period_states.hpp"

#include "schema/contract_change_store.hpp"
#include "schema/period_lines.hpp"

#include <algorithm>
#include <set>

namespace revshare::app {

PeriodStates::PeriodStates(schema::Database& db, const rules::Contract& contract)
    : db_(db),
      contract_id_(contract.id),
      first_month_(Period::containing(Instant(contract.versions.front().effective_from))),
      closes_(schema::load_period_closes(db, contract.id)),
      periods_with_lines_(schema::load_periods_with_lines(db)),
      current_runs_(schema::load_current_run_headers(db, contract.id)),
      year_start_month_(contract.year_start_month),
      retired_from_(schema::load_retired_from(db, contract.id)) {
    for (const auto& advance : contract.advances) {
        periods_owing_without_lines_.push_back(Period::containing(Instant(advance.paid_on)));
    }
    has_annual_minimum_ = std::any_of(contract.versions.begin(), contract.versions.end(), [](const auto& version) {
        return std::any_of(version.rules.begin(), version.rules.end(), [](const auto& rule) { return rule.annual_minimum.has_value(); });
    });
}

std::optional<Period> PeriodStates::last_closed() const {
    if (closes_.empty()) return std::nullopt;
    return closes_.back().period;
}

bool PeriodStates::counts_as_closed(const Period& period) const {
    const auto last = last_closed();
    return last && period <= *last;
}

bool PeriodStates::was_closed(const Period& period) const {
    return std::any_of(closes_.begin(), closes_.end(), [&](const schema::PeriodClose& close) { return close.period == period; });
}

std::vector<Period> PeriodStates::open_periods_with_data(std::optional<Period> before) const {
    std::set<Period> periods;
    const auto keep = [&](const Period& period) {
        return !counts_as_closed(period) && !is_retired(period) && (!before || period < *before);
    };
    for (const auto& period : periods_with_lines_) {
        if (period >= first_month_ && keep(period)) periods.insert(period);
    }
    for (const auto& header : current_runs_) {
        if (keep(header.period)) periods.insert(header.period);
    }
    // Up to the latest period with data (or `before`): a month owing without lines is settled
    // on the way to a later one, never on its own.
    const std::optional<Period> bound = before ? before : (periods.empty() ? std::nullopt : std::optional(*periods.rbegin()));
    if (!bound) return {};
    std::vector<Period> owing = periods_owing_without_lines_;  // the advances' months
    if (has_annual_minimum_) {
        // Each contract year's last month (the month before year_start_month), up to the bound.
        for (Period period = first_month_; period <= *bound; period = period.next()) {
            if (static_cast<unsigned>(period.next().month().month()) == year_start_month_) owing.push_back(period);
        }
    }
    for (const auto& period : owing) {
        if (period >= first_month_ && keep(period) && period <= *bound) periods.insert(period);
    }
    return {periods.begin(), periods.end()};
}

bool PeriodStates::has_nothing_to_settle(const Period& period) const {
    const auto is_period = [&](const Period& other) { return other == period; };
    if (std::any_of(periods_with_lines_.begin(), periods_with_lines_.end(), is_period)) return false;
    if (std::any_of(current_runs_.begin(), current_runs_.end(),
                    [&](const schema::RunHeader& header) { return header.period == period; })) {
        return false;
    }
    const auto owing = open_periods_with_data(period.next());
    if (std::any_of(owing.begin(), owing.end(), is_period)) return false;
    // The month after the last close is where late data is posted (its run is what a later
    // close freezes them against).
    if (const auto last = last_closed(); last && period == last->next()) return false;
    return !has_late_data();
}

std::vector<schema::AdjustedPeriod> PeriodStates::late_data_periods(const Period& open_period) const {
    std::vector<schema::AdjustedPeriod> periods;
    for (const auto& close : closes_) {
        if (close.period < open_period) periods.push_back(schema::AdjustedPeriod{close.period, close.run_id});
    }
    // Never settled: those with current lines, and those a closed run already posted late data
    // for (their lines may since have been restated away: what was posted is then reversed).
    std::set<Period> never_settled;
    for (const auto& period : periods_with_lines_) {
        if (period >= first_month_) never_settled.insert(period);
    }
    for (const auto& period : schema::load_never_settled_periods_adjusted_by_closes(db_, contract_id_)) never_settled.insert(period);
    for (const auto& period : never_settled) {
        if (counts_as_closed(period) && !was_closed(period)) periods.push_back(schema::AdjustedPeriod{period, std::nullopt});
    }
    std::sort(periods.begin(), periods.end(),
              [](const schema::AdjustedPeriod& a, const schema::AdjustedPeriod& b) { return a.for_period < b.for_period; });
    return periods;
}

bool PeriodStates::has_late_data() const {
    if (closes_.empty()) return false;
    for (const auto& period : schema::load_periods_changed_after(db_, closes_.back().import_high_water)) {
        if (period >= first_month_ && counts_as_closed(period)) return true;
    }
    return false;
}

std::vector<schema::RunHeader> PeriodStates::runs_settled_out_of_order() const {
    std::vector<schema::RunHeader> runs;
    for (const auto& header : current_runs_) {
        if (counts_as_closed(header.period) && !was_closed(header.period)) runs.push_back(header);
    }
    return runs;
}

}  // namespace revshare::app
