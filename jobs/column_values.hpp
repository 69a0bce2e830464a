#pragma once
// `revshare values COLUMN`: the distinct values of one text column of the current lines, with
// how many lines have each, for an analyst writing a contract's `match` (docs/contracts.md,
// "Writing a contract with confidence").
#include "engine/core/period.hpp"
#include "engine/core/usage_record.hpp"
#include "schema/database.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace revshare::app {

struct ValuesRequest {
    TextColumn column = TextColumn::ProviderName;
    std::optional<Period> period;      // only the lines charged in it; nullopt: every current line
    std::optional<std::size_t> limit;  // at most this many values (the most frequent)
    bool csv = false;                  // `value,lines` CSV instead of the aligned table
};

// What `values` prints: by lines descending, then value in byte order. The table shows an
// empty value as `""` and says how many values and lines --limit left out; the CSV writes the
// value as it is (an empty cell) and leaves the rest out silently.
[[nodiscard]] std::string column_values_text(schema::Database& db, const ValuesRequest& request);

}  // namespace revshare::app
