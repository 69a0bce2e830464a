#pragma once
// Text columns of a stored line arrive as integer ids into a dictionary of distinct texts, so
// that matching costs one glob per distinct value rather than one per line.
#include "engine/core/usage_record.hpp"

#include <array>
#include <cstdint>
#include <string>

namespace revshare::rules {

// One id per TextColumn, indexed by the column's enum value.
using TextIds = std::array<std::int64_t, text_column_count>;

class TextDictionary {
public:
    virtual ~TextDictionary() = default;
    // The text of `id`. An absent column is stored as the id of the empty text, so it reads
    // as "" here (contract.md: "an absent column counts as empty").
    [[nodiscard]] virtual const std::string& text(std::int64_t id) const = 0;
};

}  // namespace revshare::rules
