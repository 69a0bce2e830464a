#include "jobs/late_data_check.hpp"

#include "jobs/contracts.hpp"
#include "jobs/period_states.hpp"
#include "engine/core/error.hpp"

#include <algorithm>

namespace revshare::app {
namespace {

std::string run_name(const schema::RunHeader& header) {
    return "run " + std::to_string(header.run_id) + " (" + header.contract_id + " " + header.period.to_string() + ")";
}

bool recomputes(const schema::StoredRun& run, const schema::PeriodClose& close) {
    return std::any_of(run.adjusted_periods.begin(), run.adjusted_periods.end(), [&](const schema::AdjustedPeriod& adjusted) {
        return adjusted.for_period == close.period && adjusted.closed_run_id == close.run_id;
    });
}

void check_adjustment_rows(const schema::StoredRun& run, std::vector<std::string>& problems) {
    for (const auto& row : run.rows) {
        if (row.kind != settle::RowKind::adjustment) continue;
        const bool recomputed = std::any_of(run.adjusted_periods.begin(), run.adjusted_periods.end(),
                                            [&](const schema::AdjustedPeriod& adjusted) { return adjusted.for_period == row.for_period; });
        if (recomputed && row.for_period < run.header.period) continue;
        problems.push_back(run_name(run.header) + ": an adjustment row for " + row.for_period.to_string() + " (rule " +
                           row.rule_id + ") settles a period the run did not recompute");
        return;
    }
}

void check_contract(schema::Database& db, const schema::StoredContract& stored, std::vector<std::string>& problems) {
    const PeriodStates states(db, parse_stored_contract(stored));
    const auto last = states.last_closed();
    for (const auto& header : states.runs_settled_out_of_order()) {
        problems.push_back(run_name(header) + ": settled as an open period although the later period " + last->to_string() +
                           " is closed; its lines are late data that no run posts (revshare settle --period " +
                           last->next().to_string() + " replaces it and posts them as adjustments)");
    }
    bool earliest = true;
    for (const auto& header : schema::load_current_run_headers(db, stored.contract_id)) {
        if (states.counts_as_closed(header.period)) continue;
        const auto run = schema::load_run(db, header.run_id);
        if (!run) continue;
        check_adjustment_rows(*run, problems);
        if (!earliest && !run->adjusted_periods.empty()) {
            problems.push_back(run_name(header) + ": recomputes the late data of closed periods but is not the earliest "
                               "open run; that late data would be counted twice");
        }
        if (earliest && !run->adjusted_periods.empty()) {
            for (const auto& close : states.closes()) {
                if (close.period >= header.period || recomputes(*run, close)) continue;
                problems.push_back(run_name(header) + ": does not recompute the late data of closed " +
                                   close.period.to_string() + " (run " + std::to_string(close.run_id) +
                                   "); revshare settle --period " + header.period.to_string() + " settles it again");
            }
        }
        earliest = false;
    }
}

}  // namespace

std::vector<std::string> late_data_coverage_problems(schema::Database& db) {
    std::vector<std::string> problems;
    for (const auto& stored : schema::load_current_contracts(db)) {
        try {
            check_contract(db, stored, problems);
        } catch (const Error& error) {
            problems.push_back("contract " + stored.contract_id + ": its late data cannot be checked: " + error.what());
        }
    }
    return problems;
}

}  // namespace revshare::app
