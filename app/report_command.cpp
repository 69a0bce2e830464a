// `revshare report --period YYYY-MM [--contract ID] --out DIR`: writes the period's reports
#include "schema/stored_values.hpp"
// (statement.csv, net.csv, lines.csv, reconciliation.csv, variance.csv, statement.html; see
// app/report_files.cpp) under DIR/<contract>/<period>/ atomically and prints the statement.
#include "app/command_support.hpp"
#include "app/commands.hpp"
#include "app/nightly_files.hpp"
#include "reports/statement_csv.hpp"
#include "schema/settlement_store.hpp"

#include <SQLiteCpp/Transaction.h>

#include <iostream>

namespace revshare::app {

std::string stored_statement_csv(const schema::StoredRun& run) {
    const Currency currency =
        schema::stored_currency(run.header.currency, "settlement_run.currency of run " + std::to_string(run.header.run_id));
    return reports::statement_as_csv(reports::StatementView{run.header.contract_id, run.header.period, currency, run.rows,
                                                            run.net, run.journal});
}

int command_report(const GlobalOptions& options, Arguments& arguments) {
    const Period period = parse_period_option("report", arguments.take_required("period"));
    const auto contract_id = arguments.take_option("contract");
    const std::filesystem::path out_dir = arguments.take_required("out");
    (void)arguments.positionals();
    schema::Database db(options.db_path);
    SQLite::Transaction snapshot(db.sql());  // one consistent read; rolled back when it ends
    for (const auto& stored : selected_contracts(db, contract_id, "report")) {
        const auto run = schema::load_current_run(db, stored.contract_id, period);
        if (!run) {
            if (contract_id) {
                throw Error("report: " + stored.contract_id + " " + period.to_string() +
                            " was never settled; run revshare settle --period " + period.to_string() + " first");
            }
            continue;
        }
        std::string table;
        const auto dir = write_period_reports(db, out_dir, *run, &table);
        if (!options.quiet) std::cout << table << "wrote " << dir.string() << "/: statement.csv, net.csv, lines.csv, reconciliation.csv, variance.csv, statement.html\n";
    }
    // A report killed while writing left `.<name>.tmp-<pid>` files; its rerun removes them (issue 8).
    (void)remove_abandoned_temporaries(out_dir);
    return 0;
}

}  // namespace revshare::app
