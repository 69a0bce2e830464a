#include "jobs/year_statements.hpp"

#include "jobs/period_states.hpp"
#include "engine/core/error.hpp"
#include "schema/close_store.hpp"

namespace revshare::app {
namespace {

settle::PeriodStatement statement_of(const schema::StoredRun& run, const Period& period, settle::PeriodRunState state) {
    return settle::PeriodStatement{period, state, run.header.currency, run.rows, run.net};
}

settle::PeriodStatement load_one(schema::Database& db, const rules::Contract& contract, const PeriodStates& states,
                                 const Period& period) {
    using settle::PeriodRunState;
    if (period < states.first_month()) return settle::PeriodStatement{period, PeriodRunState::before_contract, {}, {}, {}};
    if (const auto close = schema::load_period_close(db, contract.id, period)) {
        const auto run = schema::load_run(db, close->run_id);
        if (!run) {
            throw Error("internal invariant failed: the close of " + contract.id + " " + period.to_string() + " names run " +
                            std::to_string(close->run_id) + ", which is not stored; run revshare verify",
                        ExitCode::locked_or_invariant);
        }
        return statement_of(*run, period, PeriodRunState::closed);
    }
    if (states.counts_as_closed(period)) return settle::PeriodStatement{period, PeriodRunState::closed_no_run, {}, {}, {}};
    if (const auto run = schema::load_current_run(db, contract.id, period)) {
        return statement_of(*run, period, PeriodRunState::draft);
    }
    return settle::PeriodStatement{period, PeriodRunState::missing, {}, {}, {}};
}

}  // namespace

std::vector<settle::PeriodStatement> load_period_statements(schema::Database& db, const rules::Contract& contract,
                                                            const YearSpan& span, const schema::StoredRun* own_run) {
    const PeriodStates states(db, contract);
    std::vector<settle::PeriodStatement> out;
    for (Period period = span.first; period <= span.last; period = period.next()) {
        if (own_run != nullptr && own_run->header.period == period) {
            const auto close = schema::load_period_close(db, contract.id, period);
            const bool closed = close && close->run_id == own_run->header.run_id;
            out.push_back(statement_of(*own_run, period,
                                       closed ? settle::PeriodRunState::closed : settle::PeriodRunState::draft));
            continue;
        }
        out.push_back(load_one(db, contract, states, period));
    }
    return out;
}

YearSpan contract_year_starting_in(const rules::Contract& contract, int year) {
    const Period first(date::year(year) / date::month(contract.year_start_month));
    return YearSpan{first, Period(first.month() + date::months(11))};
}

std::string span_text(const YearSpan& span) { return span.first.to_string() + ".." + span.last.to_string(); }

}  // namespace revshare::app
