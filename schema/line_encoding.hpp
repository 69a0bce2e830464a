#pragma once
// LineEncoder: turns a UsageRecord into what the `line` and `line_dimensions` tables store
// (ImportWriter::store_line runs it; it touches no database, so it can run on any thread).
//   - Text columns become numbers in the order the import first saw each distinct value
//     (the writer maps them to text_value ids, once per value).
//   - The line's dimensions (its text columns and billing period) become the number of their
//     combination, in the order the import first saw each (a line_dimensions row each).
//   - Costs and quantities become their canonical decimal text, as stored.
#include "engine/core/usage_record.hpp"
#include "schema/first_seen_numbers.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::schema {

inline constexpr std::size_t stored_text_count = text_column_count + 1;    // + tags
inline constexpr std::size_t stored_number_count = cost_column_count + 1;  // + consumed quantity

// One line_dimensions row: the text columns (and tags) in the import's text numbering, and
// the billing period in seconds.
struct LineDimensions {
    std::array<std::uint32_t, stored_text_count> texts{};
    std::int64_t billing_period_start = 0;
    std::int64_t billing_period_end = 0;
};

struct EncodedLine {
    std::uint32_t dimensions = 0;                             // the import's combination number
    std::array<std::string, stored_number_count> numbers;     // canonical decimal text
    std::array<bool, stored_number_count> number_present{};   // false: the source cell was empty (NULL)
};

// What a batch of lines saw for the first time: the writer stores these before the lines.
struct NewValues {
    std::vector<std::string> texts;            // in text number order
    std::vector<LineDimensions> dimensions;    // in combination number order
    void clear() {
        texts.clear();
        dimensions.clear();
    }
};

class LineEncoder {
public:
    // Encodes `line` into `out`; texts and combinations seen for the first time in this import
    // are appended to `new_values`, in number order (the first of each is number 0).
    void encode(const UsageRecord& line, EncodedLine& out, NewValues& new_values);

    // Combinations remembered at most (then forgotten, and numbered anew if met again): tens of
    // MB at most, whatever the file. A month of CUR has a few tens of thousands.
    static constexpr std::size_t dimensions_remembered = std::size_t{1} << 17;

private:
    [[nodiscard]] std::uint32_t text_number(const std::string& value, NewValues& new_values);

    // A line's combination is looked up by its bytes (the texts with their lengths, then the
    // billing period): one hash and one compare per line. Only a combination seen for the first
    // time has its texts numbered, one lookup each.
    FirstSeenNumbers<std::string> combinations_{dimensions_remembered};
    FirstSeenNumbers<std::string> texts_;
    std::string key_;  // the line's combination bytes, reused
    std::uint32_t dimensions_count_ = 0;  // combinations numbered so far
};

}  // namespace revshare::schema
