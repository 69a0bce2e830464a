// `revshare replay --period YYYY-MM [--contract ID]`: recomputes a settled or closed period from
// the inputs as they stood when its run was stored (lines up to the run's import high-water
// mark, supersessions by later imports ignored, the contract text the run used, its cap totals
// before, FX rates up to its FX high-water mark, its adjustments recomputed the same way) and
// compares statement.csv byte for byte. Never writes: the connection is query-only.
#include "jobs/adjustments.hpp"
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "jobs/contracts.hpp"
#include "jobs/settle_service.hpp"
#include "jobs/statement_diff.hpp"
#include "jobs/verify_stored_facts.hpp"
#include "engine/core/sha256.hpp"
#include "reports/statement_csv.hpp"
#include "schema/close_store.hpp"

#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <iostream>
#include <sstream>

namespace revshare::app {
namespace {

std::string recompute_statement(schema::Database& db, const schema::StoredRun& run) {
    const auto text = schema::load_contract_text(db, run.header.contract_text_id);
    if (!text) throw Error("replay: contract text " + std::to_string(run.header.contract_text_id) + " is missing", ExitCode::locked_or_invariant);
    const rules::Contract contract = parse_stored_contract(*text);
    const settle::FxTable fx = load_fx_table(db, run.header.fx_high_water);
    const PeriodRequest request{contract, run.header.period, run.header.import_high_water, fx,
                                stored_cap_totals_before(db, run), run.adjusted_periods, nullptr, nullptr, run.carried_before};
    auto result = compute_period_with_adjustments(db, request);
    if (!result.settlement) return "(cannot recompute: missing FX rates for " + missing_rates_text(result.missing_rates) + ")\n";
    const settle::Settlement& settlement = *result.settlement;
    return reports::statement_as_csv(reports::StatementView{settlement.contract_id, settlement.period, settlement.currency,
                                                            settlement.rows, settlement.net, settlement.journal,
                                                            stored_statement_columns(run.header)});
}

// The adjustments of a run are differences against closed statements: a changed closed
// statement changes them too.
std::string changed_closed_statements(schema::Database& db, const schema::StoredRun& run) {
    std::string text;
    for (const auto& adjusted : run.adjusted_periods) {
        if (!adjusted.closed_run_id) continue;  // never settled: closed with no rows
        const auto closed = schema::load_run(db, *adjusted.closed_run_id);
        if (closed && Sha256::of(stored_statement_csv(*closed)) == closed->header.statement_sha256) continue;
        text += "cause: the stored statement of closed period " + adjusted.for_period.to_string() + " (run " +
                std::to_string(*adjusted.closed_run_id) +
                "), which this run's adjustments are computed against, no longer hashes to its statement_sha256\n";
    }
    return text;
}

std::string causes(const std::string& recorded, const std::string& expected_sha, const std::string& stored_sha,
                   const std::optional<schema::PeriodClose>& close) {
    std::string text;
    if (stored_sha != recorded) {
        text += "cause: the stored statement rows hash to " + stored_sha + ", not to the statement_sha256 the run recorded (" +
                recorded + "): they were changed after the run was stored\n";
    }
    if (expected_sha != recorded) {
        text += "cause: recomputing from the inputs as they stood gives " + expected_sha + ", not the recorded " + recorded +
                ": the stored inputs of the run (lines, contract text, FX rates) changed\n";
    }
    if (close && close->statement_sha256 != recorded) {
        text += "cause: the close recorded statement sha256 " + close->statement_sha256 + ", the run " + recorded + "\n";
    }
    return text;
}

// Prints the outcome for one run; true when identical.
bool replay_run(schema::Database& db, const schema::StoredRun& run, const std::optional<schema::PeriodClose>& close) {
    const std::string expected = recompute_statement(db, run);
    const std::string stored = stored_statement_csv(run);
    const std::string expected_sha = Sha256::of(expected);
    const std::string stored_sha = Sha256::of(stored);
    const std::string& recorded = run.header.statement_sha256;
    const std::string what = run.header.contract_id + " " + run.header.period.to_string() + " run " +
                             std::to_string(run.header.run_id) + (close ? " (closed)" : " (open)");
    const std::string net = net_difference(run);
    const bool same = expected == stored && stored_sha == recorded && (!close || close->statement_sha256 == recorded) &&
                      net.empty();
    if (same) {
        std::cout << "identical " << recorded << " " << what << "\n";
        return true;
    }
    std::cout << "differs " << what << "\n" << row_diff(expected, stored) << causes(recorded, expected_sha, stored_sha, close)
              << changed_closed_statements(db, run)
              << (net.empty() ? "" : "cause: the stored net rows are not what the statement rows net to: " + net + "\n");
    return false;
}

}  // namespace

int command_replay(const GlobalOptions& options, Arguments& arguments) {
    const Period period = parse_period_option("replay", arguments.take_required("period"));
    const auto contract_id = arguments.take_option("contract");
    (void)arguments.positionals();
    schema::Database db(options.db_path);
    db.make_query_only();  // a replay never writes
    SQLite::Transaction snapshot(db.sql());   // one consistent read; rolled back when it ends
    int exit_code = 0;
    int replayed = 0;
    for (const auto& stored : selected_contracts(db, contract_id, "replay")) {
        const auto close = schema::load_period_close(db, stored.contract_id, period);
        const auto run = close ? schema::load_run(db, close->run_id) : schema::load_current_run(db, stored.contract_id, period);
        if (!run) continue;
        ++replayed;
        if (!replay_run(db, *run, close)) exit_code = 1;
    }
    if (replayed == 0) {
        throw Error("replay: " + period.to_string() + " was never settled" +
                    (contract_id ? " for " + *contract_id : std::string()) + "; nothing to replay");
    }
    return exit_code;
}

}  // namespace revshare::app
