#pragma once
// The archived copy of an import, checked against the import's record: the bytes it holds must
// hash to the import's SHA-256 and add up to its size (the content, for a plain delivery the
// archive compressed; the file itself, for a delivery that was gzip already), and its name must
// be the one that SHA-256 gives. `verify` checks every import's; `show-line` checks one before
// calling its bytes "delivered".
#include <filesystem>
#include "runtime/background_task.hpp"
#include "schema/database.hpp"
#include "schema/import_store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace revshare::app {

// nullopt when the copy in `archive_dir` is what the import recorded; else what is wrong, naming
// the import. Reads no database (so it may run on a thread of its own).
[[nodiscard]] std::optional<std::string> archived_copy_problem(const std::filesystem::path& archive_dir,
                                                               const schema::ImportRecord& import);

// Every import's archived_copy_problem, found on a thread of its own (the imports are read
// from `db` first, here); get() waits for the list.
[[nodiscard]] BackgroundTask<std::vector<std::string>> archived_copy_problems_behind(schema::Database& db);

}  // namespace revshare::app
