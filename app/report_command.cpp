// `revshare report --period YYYY-MM [--contract ID] --out DIR`: writes
// DIR/<contract>/<period>/statement.csv and net.csv atomically and prints the statement.
#include "app/atomic_file.hpp"
#include "app/command_support.hpp"
#include "app/commands.hpp"
#include "reports/statement_csv.hpp"
#include "schema/settlement_store.hpp"

#include <iostream>

namespace revshare::app {

std::string stored_statement_csv(const schema::StoredRun& run) {
    const auto currency = Currency::from_code(run.header.currency);
    if (!currency) throw Error("internal invariant failed: stored run has currency " + run.header.currency, ExitCode::locked_or_invariant);
    return reports::statement_as_csv(reports::StatementView{run.header.contract_id, run.header.period, *currency, run.rows,
                                                            run.net, run.journal});
}

std::filesystem::path write_period_reports(const std::filesystem::path& out_dir, const schema::StoredRun& run,
                                           std::string* table) {
    const auto currency = Currency::from_code(run.header.currency);
    if (!currency) throw Error("internal invariant failed: stored run has currency " + run.header.currency, ExitCode::locked_or_invariant);
    const reports::StatementView view{run.header.contract_id, run.header.period, *currency, run.rows, run.net, run.journal};
    const std::string statement = reports::statement_as_csv(view);
    const std::string net = reports::net_as_csv(view);
    const auto dir = out_dir / run.header.contract_id / run.header.period.to_string();
    write_file_atomically(dir / "statement.csv", statement);
    write_file_atomically(dir / "net.csv", net);
    if (table != nullptr) *table = reports::statement_as_table(view);
    return dir;
}

int command_report(const GlobalOptions& options, Arguments& arguments) {
    const Period period = parse_period_option("report", arguments.take_required("period"));
    const auto contract_id = arguments.take_option("contract");
    const std::filesystem::path out_dir = arguments.take_required("out");
    (void)arguments.positionals();
    schema::Database db(options.db_path);
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
        const auto dir = write_period_reports(out_dir, *run, &table);
        if (!options.quiet) std::cout << table << "wrote " << (dir / "statement.csv").string() << " and net.csv\n";
    }
    return 0;
}

}  // namespace revshare::app
