#include "app/settle_service.hpp"

#include "app/adjustments.hpp"
#include "app/clock.hpp"
#include "app/contracts.hpp"
#include "app/fault_injection.hpp"
#include "engine/core/error.hpp"
#include "engine/core/sha256.hpp"
#include "reports/statement_csv.hpp"
#include "schema/fx_store.hpp"
#include "schema/period_lines.hpp"
#include "schema/run_revenue_store.hpp"

#include <SQLiteCpp/Transaction.h>
#include <spdlog/spdlog.h>

#include <set>

namespace revshare::app {
namespace {

// The periods to look at for a contract up to `target`: those with current lines or a stored
// run, from the first version's month on, plus the target itself.
std::vector<Period> candidate_periods(schema::Database& db, const rules::Contract& contract, const Period& target) {
    std::set<Period> periods;
    const Period first = Period::containing(Instant(contract.versions.front().effective_from));
    for (const auto& period : schema::load_periods_with_lines(db)) {
        if (period >= first && period < target) periods.insert(period);
    }
    for (const auto& header : schema::load_current_run_headers(db, contract.id)) {
        if (header.period < target) periods.insert(header.period);
    }
    periods.insert(target);
    return {periods.begin(), periods.end()};
}

bool is_closed(schema::Database& db, const std::string& contract_id, const Period& period) {
    SQLite::Statement query(db.sql(), "SELECT 1 FROM period_close WHERE contract_id = ? AND period = ?");
    query.bind(1, contract_id);
    query.bind(2, period.to_string());
    return query.executeStep();
}

schema::StoredRun run_to_store(const schema::StoredContract& stored, const RunInputs& inputs, settle::Settlement settlement) {
    schema::StoredRun run;
    run.header.contract_id = settlement.contract_id;
    run.header.period = settlement.period;
    run.header.contract_text_id = stored.contract_text_id;
    run.header.currency = settlement.currency.code();
    run.header.inputs_sha256 = inputs.fingerprint;
    run.header.import_high_water = inputs.import_high_water;
    run.header.fx_high_water = inputs.fx_high_water;
    run.header.settled_at = utc_now_text();
    run.rows = std::move(settlement.rows);
    run.net = std::move(settlement.net);
    run.journal = std::move(settlement.journal);
    run.cap_totals_after = std::move(settlement.cap_totals_after);
    run.cap_totals_before = inputs.cap_totals_before;
    run.adjusted_periods = inputs.adjusted_periods;
    const reports::StatementView view{run.header.contract_id, run.header.period, settlement.currency, run.rows, run.net, run.journal};
    run.header.statement_sha256 = Sha256::of(reports::statement_as_csv(view));
    return run;
}

PeriodOutcome settle_one(schema::Database& db, const schema::StoredContract& stored, const rules::Contract& contract,
                         const Period& period, bool force, bool earliest_open) {
    PeriodOutcome outcome{.period = period, .settled = false, .unchanged = false, .run_id = 0, .missing_rates = {}};
    SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    const RunInputs inputs = describe_run_inputs(db, stored, contract, period, earliest_open);
    const auto existing = schema::load_current_run(db, contract.id, period);
    if (existing && !force && existing->header.inputs_sha256 == inputs.fingerprint) {
        outcome.unchanged = true;
        outcome.run_id = existing->header.run_id;
        return outcome;
    }
    const settle::FxTable fx = load_fx_table(db, inputs.fx_high_water);
    auto result = compute_period_with_adjustments(
        db, PeriodRequest{contract, period, inputs.import_high_water, fx, inputs.cap_totals_before, inputs.adjusted_periods});
    if (!result.settlement) {
        outcome.missing_rates = std::move(result.missing_rates);
        return outcome;
    }
    const auto revenue_by_provider = std::move(result.settlement->matched_revenue_by_provider);
    const schema::StoredRun run = run_to_store(stored, inputs, std::move(*result.settlement));
    outcome.run_id = schema::store_run(db, run, inputs.import_ids);
    schema::store_run_revenue(db, outcome.run_id, revenue_by_provider);
    crash_point("settle-commit");
    transaction.commit();
    outcome.settled = true;
    spdlog::info("settled {} {}: {} rows, run {}", contract.id, period.to_string(), run.rows.size(), outcome.run_id);
    return outcome;
}

}  // namespace

bool ContractOutcome::stopped_by_missing_rates() const {
    return !periods.empty() && !periods.back().missing_rates.empty();
}

RunInputs describe_run_inputs(schema::Database& db, const schema::StoredContract& stored, const rules::Contract& contract,
                              const Period& period, bool earliest_open) {
    RunInputs inputs;
    inputs.import_high_water = schema::load_import_high_water(db);
    inputs.fx_high_water = schema::load_fx_high_water(db);
    const schema::LineSelection selection{period, contract.cost_column, inputs.import_high_water};
    inputs.import_ids = schema::load_imports_in_selection(db, selection);
    inputs.cap_totals_before = schema::load_cap_totals_before(db, contract.id, period);
    std::string text = "contract " + stored.sha256 + "\nperiod " + period.to_string() + "\nscopes";
    for (const auto scope : schema::load_scopes_in_selection(db, selection)) text += " " + std::to_string(scope);
    text += "\nfx " + std::to_string(db.sql().execAndGet("SELECT count(*) FROM fx_rate").getInt64());
    for (const auto& [group, total] : inputs.cap_totals_before) text += "\ncap " + group + " " + total.to_string();
    if (earliest_open) inputs.adjusted_periods = closed_periods_before(db, contract.id, period);
    for (const auto& closed : inputs.adjusted_periods) {
        // Late data of a closed period: new lines or supersessions change its scopes.
        text += "\nclosed " + closed.for_period.to_string() + " run " + std::to_string(closed.closed_run_id) + " scopes";
        const schema::LineSelection late{closed.for_period, contract.cost_column, inputs.import_high_water};
        for (const auto scope : schema::load_scopes_in_selection(db, late)) text += " " + std::to_string(scope);
    }
    inputs.fingerprint = Sha256::of(text);
    return inputs;
}

ContractOutcome settle_contract_through(schema::Database& db, const schema::StoredContract& stored,
                                        const SettleRequest& request) {
    const rules::Contract contract = parse_stored_contract(stored);
    ContractOutcome outcome{contract.id, {}};
    bool earlier_all_closed = true;  // every earlier candidate period is closed
    for (const auto& period : candidate_periods(db, contract, request.target)) {
        if (is_closed(db, contract.id, period)) {
            if (period == request.target) {
                throw Error("settle: " + contract.id + " " + period.to_string() +
                            " is closed; its statement never changes (late data is settled as adjustments in the "
                            "earliest open period)");
            }
            continue;
        }
        const bool is_target = period == request.target;
        const bool force = is_target && request.settle_target_even_if_unchanged;
        outcome.periods.push_back(settle_one(db, stored, contract, period, force, earlier_all_closed));
        earlier_all_closed = false;
        if (!outcome.periods.back().missing_rates.empty()) break;  // later periods depend on this one
    }
    return outcome;
}

std::string missing_rates_text(const std::vector<settle::MissingRate>& missing) {
    std::string text;
    for (const auto& rate : missing) {
        if (!text.empty()) text += ", ";
        text += rate.currency + " " + format_day(rate.date);
    }
    return text;
}

}  // namespace revshare::app
