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

std::string stored_statement_csv(const schema::StoredRun& run) {
    const Currency currency =
        schema::stored_currency(run.header.currency, "settlement_run.currency of run " + std::to_string(run.header.run_id));
    return reports::statement_as_csv(reports::StatementView{run.header.contract_id, run.header.period, currency, run.rows,
                                                            run.net, run.journal});
}

}  // namespace revshare::app
