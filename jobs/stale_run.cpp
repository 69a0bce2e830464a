#include "jobs/stale_run.hpp"

#include "jobs/contracts.hpp"
#include "schema/period_lines.hpp"

namespace revshare::app {

std::string StaleRun::why() const {
    std::string text;
    for (const auto& reason : reasons) text += (text.empty() ? "" : "; ") + reason;
    return text;
}

std::string period_list(const std::vector<Period>& periods) {
    std::string text;
    for (const auto& period : periods) text += (text.empty() ? "" : ", ") + period.to_string();
    return text;
}

StaleRun describe_staleness(schema::Database& db, const schema::StoredContract& stored, const PeriodStates& states,
                            const schema::StoredRun& run) {
    StaleRun stale;
    const rules::Contract contract = parse_stored_contract(stored);
    const Period period = run.header.period;
    const schema::LineSelection then{period, contract.cost_column, run.header.import_high_water};
    const schema::LineSelection now{period, contract.cost_column, schema::load_import_high_water(db)};
    if (schema::load_scopes_in_selection(db, then) != schema::load_scopes_in_selection(db, now) ||
        schema::load_superseded_event_lines(db, then) != schema::load_superseded_event_lines(db, now)) {
        stale.reasons.push_back("its lines changed since (" + std::to_string(schema::count_lines_in_selection(db, now)) +
                                " lines now, " + std::to_string(schema::count_lines_in_selection(db, then)) + " when settled)");
    }
    if (states.open_periods_with_data(period).empty()) {  // the earliest open run: it posts late data
        std::vector<Period> late;
        for (const auto& changed : schema::load_periods_changed_after(db, run.header.import_high_water)) {
            if (changed < period && states.counts_as_closed(changed)) late.push_back(changed);
        }
        if (!late.empty()) stale.reasons.push_back("late data arrived since for closed " + period_list(late));
    }
    if (stored.contract_text_id != run.header.contract_text_id) {
        stale.reasons.push_back("a newer contract text was added since");
        stale.contract_text_changed = true;
    }
    if (run.header.fx_high_water && schema::load_cap_totals_before(db, contract.id, period) != run.cap_totals_before) {
        stale.reasons.push_back("the cap totals it starts from changed since (an earlier period was settled again)");
        stale.totals_before_changed = true;
    }
    if (settle::carried_into(contract, period, schema::load_rows_posted_before(db, contract.id, period)) != run.carried_before) {
        stale.reasons.push_back("the year totals or advance balances it starts from changed since (an earlier period was "
                                "settled again)");
        stale.totals_before_changed = true;
    }
    return stale;
}

}  // namespace revshare::app
