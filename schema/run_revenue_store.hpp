#pragma once
// The matched revenue by provider of each settlement run (migration 0006), stored by settle
// with the run, so that statement.html's chart of the last 12 periods reads it instead of
// recomputing every earlier period's lines.
#include "engine/core/decimal.hpp"
#include "schema/database.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace revshare::schema {

// Stores the revenue of run `run_id` (in the run's currency, exact) and marks it stored, even
// when empty. Call inside the transaction that stores the run.
void store_run_revenue(Database& db, std::int64_t run_id, const std::map<std::string, Decimal>& revenue_by_provider);

// The stored revenue of run `run_id`; nullopt for a run stored before migration 0006.
[[nodiscard]] std::optional<std::map<std::string, Decimal>> load_run_revenue(Database& db, std::int64_t run_id);

}  // namespace revshare::schema
