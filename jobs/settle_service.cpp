#include "jobs/settle_service.hpp"

#include "jobs/adjustments.hpp"
#include "jobs/clock.hpp"
#include "jobs/period_reports.hpp"
#include "schema/integrity_store.hpp"
#include "jobs/contracts.hpp"
#include "runtime/fault_injection.hpp"
#include "jobs/stop_request.hpp"
#include "jobs/period_states.hpp"
#include "engine/core/error.hpp"
#include "engine/core/sha256.hpp"
#include "reports/statement_csv.hpp"
#include "schema/close_store.hpp"
#include "schema/fx_store.hpp"
#include "schema/period_lines.hpp"
#include "schema/run_revenue_store.hpp"
#include "schema/scope_checks.hpp"

#include <SQLiteCpp/Transaction.h>
#include <spdlog/spdlog.h>

#include <set>

namespace revshare::app {
namespace {

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
    run.header.statement_columns = reports::statement_column_count(reports::StatementColumns::explained);
    run.rows = std::move(settlement.rows);
    run.net = std::move(settlement.net);
    run.journal = std::move(settlement.journal);
    run.cap_totals_after = std::move(settlement.cap_totals_after);
    run.cap_totals_before = inputs.cap_totals_before;
    run.carried_before = inputs.carried;
    run.adjusted_periods = inputs.adjusted_periods;
    run.header.statement_sha256 = Sha256::of(stored_statement_csv(run));
    return run;
}

// Late data is settled against the closed statements: one that no longer hashes to what its
// close recorded (edited in the database) is never built on.
void check_closed_statements_intact(schema::Database& db, const std::string& contract_id,
                                    const std::vector<schema::AdjustedPeriod>& adjusted_periods) {
    for (const auto& adjusted : adjusted_periods) {
        if (!adjusted.closed_run_id) continue;
        const auto run = schema::load_run(db, *adjusted.closed_run_id);
        const auto close = schema::load_period_close(db, contract_id, adjusted.for_period);
        if (run && close && close->statement_sha256 == run->header.statement_sha256 &&
            Sha256::of(stored_statement_csv(*run)) == close->statement_sha256) {
            continue;
        }
        throw Error("internal invariant failed: settle " + contract_id + ": the stored statement of closed period " +
                        adjusted.for_period.to_string() + " (run " + std::to_string(*adjusted.closed_run_id) +
                        ") no longer hashes to what its close recorded, so late data cannot be settled against it; "
                        "run revshare verify",
                    ExitCode::locked_or_invariant);
    }
}

// Runs of months before a closed one that earlier builds settled as open: the earliest open
// run, which now posts their lines as late data, replaces them (nothing in them was closed).
void retire_runs_settled_out_of_order(schema::Database& db, const rules::Contract& contract, std::int64_t earliest_open_run) {
    std::vector<std::int64_t> run_ids;
    for (const auto& header : PeriodStates(db, contract).runs_settled_out_of_order()) {
        spdlog::warn("settle {}: run {} settled {} as an open period although a later period is closed; run {} "
                     "replaces it and posts its lines as late data",
                     contract.id, header.run_id, header.period.to_string(), earliest_open_run);
        run_ids.push_back(header.run_id);
    }
    schema::retire_runs_out_of_order(db, run_ids, earliest_open_run);
}

PeriodOutcome settle_one(schema::Database& db, const schema::StoredContract& stored, const rules::Contract& contract,
                         const Period& period, bool force, bool earliest_open) {
    PeriodOutcome outcome{.period = period, .settled = false, .unchanged = false, .run_id = 0, .missing_rates = {}};
    SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    const RunInputs inputs = describe_run_inputs(db, stored, contract, period, earliest_open);
    const auto existing = schema::load_current_run(db, contract.id, period);
    // A run stored before the explanation columns (12-column statement) is settled again: an open
    // period's statement.csv gets the columns cli.md lists.
    const bool current_layout = existing && existing->header.statement_columns ==
                                                reports::statement_column_count(reports::StatementColumns::explained);
    if (existing && !force && current_layout && existing->header.inputs_sha256 == inputs.fingerprint) {
        outcome.unchanged = true;
        outcome.run_id = existing->header.run_id;
        return outcome;
    }
    check_closed_statements_intact(db, contract.id, inputs.adjusted_periods);
    const settle::FxTable fx = load_fx_table(db, inputs.fx_high_water);
    auto result = compute_period_with_adjustments(
        db, PeriodRequest{contract, period, inputs.import_high_water, fx, inputs.cap_totals_before, inputs.adjusted_periods,
                          nullptr, nullptr, inputs.carried});
    if (!result.settlement) {
        outcome.missing_rates = std::move(result.missing_rates);
        return outcome;
    }
    const auto revenue_by_provider = std::move(result.settlement->matched_revenue_by_provider);
    const schema::StoredRun run = run_to_store(stored, inputs, std::move(*result.settlement));
    outcome.run_id = schema::store_run(db, run, inputs.import_ids);
    schema::store_run_revenue(db, outcome.run_id, revenue_by_provider);
    if (earliest_open) retire_runs_settled_out_of_order(db, contract, outcome.run_id);
    crash_point("settle-commit");
    transaction.commit();
    outcome.settled = true;
    spdlog::info("settled {} {}: {} rows, run {}", contract.id, period.to_string(), run.rows.size(), outcome.run_id);
    return outcome;
}

// A period that counts as closed is never settled on its own (contract.md "Closed periods and
// late data").
void check_settleable(const rules::Contract& contract, const PeriodStates& states, const Period& target) {
    const std::string what = contract.id + " " + target.to_string();
    if (states.was_closed(target)) {
        throw Error("settle: " + what +
                    " is closed; its statement never changes (late data is settled as adjustments in the earliest open "
                    "period)");
    }
    if (states.counts_as_closed(target)) {
        const Period last = *states.last_closed();
        throw Error("settle: " + what + " comes before the closed period " + last.to_string() +
                    ", so it counts as closed and is never settled on its own: its lines are late data, settled as "
                    "adjustments in the earliest open period (revshare settle --period " + last.next().to_string() + ")");
    }
    if (states.is_retired(target)) {
        throw Error("settle: " + what + ": the contract is retired from " + states.retired_from()->to_string() +
                    " (revshare contract retire): no month from then on is settled; its closed periods stay as they were");
    }
    if (!has_version_in_force(contract, target)) {
        const rules::Version& first = contract.versions.front();
        throw Error("settle: " + contract.id + " has no version in force in " + target.to_string() + " (its first version, " +
                    first.id + ", takes effect on " + format_day(first.effective_from) + "); nothing to settle");
    }
}

}  // namespace

namespace {

// The seller lines a newer version or a deletion replaced (formats.md S4), as the fingerprint
// names them: empty when there are none, so that no fingerprint of other data changes.
std::string superseded_event_lines_text(schema::Database& db, const schema::LineSelection& selection) {
    const auto ids = schema::load_superseded_event_lines(db, selection);
    if (ids.empty()) return "";
    std::string text = "\nsuperseded event lines";
    for (const auto id : ids) text += " " + std::to_string(id);
    return text;
}

}  // namespace

bool has_version_in_force(const rules::Contract& contract, const Period& period) {
    return contract.versions.front().effective_from < period.end_exclusive();
}

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
    text += superseded_event_lines_text(db, selection);
    text += "\nfx " + std::to_string(db.sql().execAndGet("SELECT count(*) FROM fx_rate").getInt64());
    for (const auto& [group, total] : inputs.cap_totals_before) text += "\ncap " + group + " " + total.to_string();
    inputs.carried = settle::carried_into(contract, period, schema::load_rows_posted_before(db, contract.id, period));
    for (const auto& [rule, total] : inputs.carried.year_basis) text += "\nyear basis " + rule + " " + total.to_string();
    for (const auto& [rule, total] : inputs.carried.year_share) text += "\nyear share " + rule + " " + total.to_string();
    for (const auto& [advance, total] : inputs.carried.recouped) text += "\nrecouped " + advance + " " + total.to_string();
    if (earliest_open) inputs.adjusted_periods = PeriodStates(db, contract).late_data_periods(period);
    for (const auto& closed : inputs.adjusted_periods) {
        // Late data of a closed period: new lines or supersessions change its scopes.
        text += "\nclosed " + closed.for_period.to_string() + " run " +
                (closed.closed_run_id ? std::to_string(*closed.closed_run_id) : std::string("none")) + " scopes";
        const schema::LineSelection late{closed.for_period, contract.cost_column, inputs.import_high_water};
        for (const auto scope : schema::load_scopes_in_selection(db, late)) text += " " + std::to_string(scope);
        text += superseded_event_lines_text(db, late);
    }
    inputs.fingerprint = Sha256::of(text);
    return inputs;
}

void refuse_tampered_inputs(schema::Database& db, const std::string& command) {
    // Lines whose import row was deleted by hand would be settled with no delivery behind them.
    if (const auto gone = schema::first_missing_import_of_a_scope(db)) {
        throw Error(command + ": import " + std::to_string(*gone) + " is gone, yet its lines are still in the database (its "
                    "import row was deleted): nothing is settled; run revshare verify",
                    ExitCode::locked_or_invariant);
    }
    // A rate edited, deleted or added by hand would be settled with as if fx import stored it;
    // a supersession edited hides lines or counts them twice.
    auto problems = schema::fx_seal_problems(db);
    for (auto& problem : schema::supersession_problems(db)) problems.push_back(std::move(problem));
    if (!problems.empty()) {
        throw Error(command + ": " + problems.front() + ": nothing is settled; run revshare verify",
                    ExitCode::locked_or_invariant);
    }
}

ContractOutcome settle_contract_through(schema::Database& db, const schema::StoredContract& stored,
                                        const SettleRequest& request) {
    const rules::Contract contract = parse_stored_contract(stored);
    refuse_tampered_inputs(db, "settle");
    const PeriodStates states(db, contract);
    check_settleable(contract, states, request.target);
    if (!request.allow_empty && states.has_nothing_to_settle(request.target)) {
        throw Error("settle: " + contract.id + " " + request.target.to_string() +
                    " has no lines, was never settled and owes nothing without lines; nothing was stored (a run of it "
                    "would be permanent). Check the period, or give --allow-empty to settle it anyway");
    }
    ContractOutcome outcome{contract.id, {}, std::nullopt};
    auto periods = states.open_periods_with_data(request.target);
    periods.push_back(request.target);
    bool earliest_open = true;  // every period before it counts as closed
    for (const auto& period : periods) {
        if (auto stop = stop_requested_at("settle-period")) {  // between two periods' transactions
            outcome.interrupted = std::move(stop);
            break;
        }
        const bool force = period == request.target && request.settle_target_even_if_unchanged;
        outcome.periods.push_back(settle_one(db, stored, contract, period, force, earliest_open));
        earliest_open = false;
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
