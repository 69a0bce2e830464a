#pragma once
// What several commands do with stored runs: pick the contracts, render a run's statement as
// stored, write a period's report files.
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
// statement.csv of a stored run, rendered from its stored rows (what its statement_sha256 hashes).
[[nodiscard]] std::string stored_statement_csv(const schema::StoredRun& run);
// Writes DIR/<contract>/<period>/statement.csv, net.csv, lines.csv, reconciliation.csv,
// variance.csv and statement.html atomically (jobs/report_files.cpp; the line detail
// recomputes the run from `db`); returns the folder. `table` (optional) receives the
// statement as a readable table.
std::filesystem::path write_period_reports(schema::Database& db, const std::filesystem::path& out_dir,
                                           const schema::StoredRun& run, std::string* table);

}  // namespace revshare::app
