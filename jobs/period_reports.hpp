#pragma once
// What several commands do with stored runs: pick the contracts, render a run's statement as
// stored, write a period's report files.
#include "reports/statement_csv.hpp"
#include "schema/contract_store.hpp"
#include "schema/database.hpp"
#include "schema/settlement_store.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace revshare::app {

// The named contract, or every stored contract; an error when there is none.
[[nodiscard]] std::vector<schema::StoredContract> selected_contracts(schema::Database& db,
                                                                     const std::optional<std::string>& id,
                                                                     const std::string& command);
// The layout a stored run's statement.csv is written in (its statement_sha256 is of it).
[[nodiscard]] reports::StatementColumns stored_statement_columns(const schema::RunHeader& header);
// A stored run as the reports see it, in its own statement.csv layout.
[[nodiscard]] reports::StatementView stored_statement_view(const schema::StoredRun& run, const Currency& currency);
// statement.csv of a stored run, rendered from its stored rows (what its statement_sha256 hashes).
[[nodiscard]] std::string stored_statement_csv(const schema::StoredRun& run);
// Writes DIR/<contract>/<period>/statement.csv, net.csv, lines.csv, reconciliation.csv,
// variance.csv, statement.html and statement.xlsx atomically (jobs/report_files.cpp; the line detail
// recomputes the run from `db`); returns the folder. `table` (optional) receives the
// statement as a readable table.
std::filesystem::path write_period_reports(schema::Database& db, const std::filesystem::path& out_dir,
                                           const schema::StoredRun& run, std::string* table);

}  // namespace revshare::app
