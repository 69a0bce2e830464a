#include "jobs/period_reports.hpp"

#include "engine/core/error.hpp"
#include "reports/statement_csv.hpp"
#include "schema/stored_values.hpp"

namespace revshare::app {

std::vector<schema::StoredContract> selected_contracts(schema::Database& db, const std::optional<std::string>& id,
                                                       const std::string& command) {
    if (id) {
        auto stored = schema::load_current_contract(db, *id);
        if (!stored) throw Error(command + ": no contract '" + *id + "' (add it with revshare contract add FILE)");
        return {std::move(*stored)};
    }
    auto all = schema::load_current_contracts(db);
    if (all.empty()) throw Error(command + ": no contract is stored (add one with revshare contract add FILE)");
    return all;
}

reports::StatementColumns stored_statement_columns(const schema::RunHeader& header) {
    const auto columns = reports::statement_columns_from_count(header.statement_columns);
    // settlement_run's CHECK allows only 12 and 16.
    if (!columns) {
        throw Error("internal invariant failed: run " + std::to_string(header.run_id) + " names a statement.csv of " +
                        std::to_string(header.statement_columns) + " columns (12 or 16); run revshare verify",
                    ExitCode::locked_or_invariant);
    }
    return *columns;
}

reports::StatementView stored_statement_view(const schema::StoredRun& run, const Currency& currency) {
    return reports::StatementView{run.header.contract_id, run.header.period, currency, run.rows, run.net, run.journal,
                                  stored_statement_columns(run.header)};
}

std::string stored_statement_csv(const schema::StoredRun& run) {
    const Currency currency =
        schema::stored_currency(run.header.currency, "settlement_run.currency of run " + std::to_string(run.header.run_id));
    return reports::statement_as_csv(stored_statement_view(run, currency));
}

}  // namespace revshare::app
