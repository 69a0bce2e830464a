#pragma once
// The rows of a seller-feed import quarantined as conflicting-version (formats.md S5): the
// event ledger decides them once the file is read, so their delivered bytes are read back from
// the archived copy of the delivery (just written and hashed) to be kept in the quarantine.
#include "engine/core/diagnostic.hpp"
#include "schema/event_ledger.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace revshare::app {

// One diagnostic per conflict, in source line order: file:line:column (the column named by the
// conflict's field, found in the file's header), the message, and the row's delivered bytes.
[[nodiscard]] std::vector<Diagnostic> conflicting_version_rows(const std::filesystem::path& archived,
                                                               const std::string& shown,
                                                               const std::vector<schema::EventConflict>& conflicts);

}  // namespace revshare::app
