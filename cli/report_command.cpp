// `revshare report --period YYYY-MM [--contract ID] --out DIR`: writes the period's reports
#include "schema/stored_values.hpp"
// (statement.csv, net.csv, lines.csv, reconciliation.csv, variance.csv, statement.html, statement.xlsx; see
// jobs/report_files.cpp; and ytd.csv, jobs/year_reports.hpp) under DIR/<contract>/<period>/ atomically and prints the statement.
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "jobs/contracts.hpp"
#include "jobs/nightly_files.hpp"
#include "jobs/period_states.hpp"
#include "jobs/stale_run.hpp"
#include "jobs/year_reports.hpp"
#include "reports/statement_csv.hpp"
#include "schema/settlement_store.hpp"

#include <SQLiteCpp/Transaction.h>

#include <iostream>

namespace revshare::app {

namespace {

// A report of an open run settled before data that changes it says so (it is still written:
// it is what was settled).
void warn_if_stale(schema::Database& db, const schema::StoredContract& stored, const PeriodStates& states,
                   const schema::StoredRun& run) {
    const StaleRun stale = describe_staleness(db, stored, states, run);
    if (stale.reasons.empty()) return;
    std::cerr << "revshare: warning: report: " << stored.contract_id << " " << run.header.period.to_string() << " (run "
              << run.header.run_id << ") is stale: " << stale.why() << "; revshare settle --period "
              << run.header.period.to_string() << " brings it up to date\n";
}

}  // namespace

int command_report(const GlobalOptions& options, Arguments& arguments) {
    const Period period = parse_period_option("report", arguments.take_required("period"));
    const auto contract_id = arguments.take_option("contract");
    const std::filesystem::path out_dir = out_folder_option("report", arguments);
    (void)arguments.positionals();
    schema::Database db(options.db_path);
    SQLite::Transaction snapshot(db.sql());  // one consistent read; rolled back when it ends
    int written = 0;
    for (const auto& stored : selected_contracts(db, contract_id, "report")) {
        const auto run = schema::load_current_run(db, stored.contract_id, period);
        const PeriodStates states(db, parse_stored_contract(stored));
        if (!run) {
            if (contract_id && states.counts_as_closed(period)) {
                throw Error("report: " + stored.contract_id + " " + period.to_string() + " comes before the closed period " +
                            states.last_closed()->to_string() +
                            " and was never settled: it counts as closed with no rows of its own; its late data is in "
                            "the adjustment rows (for_period " + period.to_string() + ") of later periods' statements");
            }
            if (contract_id) {
                throw Error("report: " + stored.contract_id + " " + period.to_string() +
                            " was never settled; run revshare settle --period " + period.to_string() + " first");
            }
            continue;
        }
        if (!states.was_closed(period)) warn_if_stale(db, stored, states, *run);
        std::string table;
        const auto dir = write_period_reports(db, out_dir, *run, &table);
        const std::string missing = write_year_to_date(db, out_dir, *run);
        if (!options.quiet) {
            std::cout << table << "wrote " << dir.string()
                      << "/: statement.csv, net.csv, lines.csv, reconciliation.csv, variance.csv, statement.html, statement.xlsx, "
                         "ytd.csv\n";
            if (!missing.empty()) std::cout << "note: ytd.csv: no statement for " << missing << " (never settled)\n";
        }
        ++written;
    }
    if (written == 0) {
        throw Error("report: no contract has a settled " + period.to_string() + "; run revshare settle --period " +
                    period.to_string() + " first");
    }
    // A report killed while writing left `.<name>.tmp-<pid>` files; its rerun removes them (issue 8).
    (void)remove_abandoned_temporaries(out_dir);
    return 0;
}

}  // namespace revshare::app
