#pragma once
// Small pieces several commands share: option parsing and picking contracts.
#include "app/cli.hpp"
#include "engine/core/period.hpp"
#include "schema/contract_store.hpp"
#include "schema/settlement_store.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace revshare::app {

[[nodiscard]] Period parse_period_option(const std::string& command, const std::string& text);
// The named contract, or every stored contract; an error when there is none.
[[nodiscard]] std::vector<schema::StoredContract> selected_contracts(schema::Database& db,
                                                                     const std::optional<std::string>& id,
                                                                     const std::string& command);
// Writes DIR/<contract>/<period>/statement.csv and net.csv atomically; returns the folder.
// `table` (optional) receives the statement as a readable table.
// statement.csv of a stored run, rendered from its stored rows (what its statement_sha256 hashes).
[[nodiscard]] std::string stored_statement_csv(const schema::StoredRun& run);
std::filesystem::path write_period_reports(const std::filesystem::path& out_dir, const schema::StoredRun& run,
                                           std::string* table);

}  // namespace revshare::app
