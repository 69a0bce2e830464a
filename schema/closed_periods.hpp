#pragma once
// Which periods of a contract are closed (table period_close): their statements never change.
#include "engine/core/period.hpp"
#include "schema/database.hpp"

#include <set>
#include <string>

namespace revshare::schema {

[[nodiscard]] std::set<Period> load_closed_periods(Database& db, const std::string& contract_id);

}  // namespace revshare::schema
