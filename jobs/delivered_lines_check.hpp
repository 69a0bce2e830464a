#pragma once
// `verify --deep`: every import's stored lines and quarantined rows against its archived
// delivery read again by the same importer. A line edited by hand in any table (line,
// line_dimensions, text_value, quarantine) or an import's format edited is found, also in a
// month no run has settled yet, where no statement hash covers it. Reads every archived
// delivery whole: about as long as the imports took.
#include "schema/database.hpp"

#include <string>
#include <vector>

namespace revshare::app {

// One problem per import that differs (its first few differences named); imports whose archived
// copy is itself wrong are left to the archive check (archived_copy_problem).
[[nodiscard]] std::vector<std::string> delivered_line_problems(schema::Database& db);

}  // namespace revshare::app
