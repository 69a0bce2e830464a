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
    bool operator==(const LineDimensions&) const = default;
};

struct LineDimensionsHash {
    std::uint64_t operator()(const LineDimensions& dimensions) const;
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

    // Combinations remembered at most (then forgotten, and numbered anew if met again): a few
    // tens of MB, whatever the file. A month of CUR has a few tens of thousands.
    static constexpr std::size_t dimensions_remembered = std::size_t{1} << 18;

private:
    [[nodiscard]] std::uint32_t text_number(std::size_t slot, const std::string& value, NewValues& new_values);

    FirstSeenNumbers<std::string> texts_;
    FirstSeenNumbers<LineDimensions, LineDimensionsHash> dimensions_{dimensions_remembered};
    // Per text column, the previous line's value and number: consecutive lines mostly repeat
    // them, and a string compare is cheaper than a hash lookup. Likewise the combination.
    struct LastText {
        std::string value;
        std::uint32_t number = 0;
        bool known = false;
    };
    std::array<LastText, stored_text_count> last_{};
    LineDimensions current_;
    LineDimensions last_dimensions_;
    std::uint32_t last_dimensions_number_ = 0;
    bool last_dimensions_known_ = false;
};

}  // namespace revshare::schema
