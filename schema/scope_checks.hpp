#pragma once
// The scopes' derived facts checked against what they were derived from: each scope's
// supersession against the later deliveries of the same scope, and the scope periods (the line
// ranges settle and report read) against the lines themselves. An edit to either hides lines
// from a settlement or counts them twice, while every other check still holds.
#include "schema/database.hpp"

#include <string>
#include <vector>

namespace revshare::schema {

// Cheap (import_scope is small): verify, and settle before it reads a line. A scope superseded
// by an import that is not later than its own, or is gone (its lines hidden); a scope left
// current although a later delivery of the same scope exists (counted twice). Which later import
// supersedes a scope is not checked: scopes split by migration 0009 keep the supersession of the
// scope they came from, and a superseded scope's lines do not count whichever later import it
// names.
[[nodiscard]] std::vector<std::string> supersession_problems(Database& db);

// One pass over every line (verify --deep): each scope period's line count and line-id range
// against the lines of that scope charged in that month, and each scope's line count.
[[nodiscard]] std::vector<std::string> scope_period_problems(Database& db);

}  // namespace revshare::schema
