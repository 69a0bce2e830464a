#pragma once
// Read-only queries over the normalised lines.
#include "schema/database.hpp"

#include <cstdint>
#include <optional>
#include <utility>

namespace revshare::schema {

// (import id, source line) of a normalised line.
[[nodiscard]] std::optional<std::pair<std::int64_t, std::int64_t>> load_line_source(Database& db, std::int64_t line_id);

}  // namespace revshare::schema
