#pragma once
// verify's check that every closed period's late data is covered exactly once (contract.md
// "Closed periods and late data"): by closed runs and the earliest open run together.
#include "schema/database.hpp"

#include <string>
#include <vector>

namespace revshare::app {

// What breaks the rule, one text per problem (empty: it holds). Per contract:
//  - no open run for a period that counts as closed (a month before a closed one);
//  - only the earliest open run recomputes closed periods, and when it does, it recomputes
//    every closed period before it (against that close's run);
//  - every adjustment row settles a period its run recomputed.
[[nodiscard]] std::vector<std::string> late_data_coverage_problems(schema::Database& db);

}  // namespace revshare::app
