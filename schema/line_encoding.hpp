#pragma once
// LineEncoder: turns a UsageRecord into what the `line` table stores, on the import's reading
// thread, so that the thread writing SQLite only binds numbers and short texts (issue 7:
// the writer's thread is the import's bottleneck).
//   - Text columns become numbers in the order the import first saw each distinct value
//     (`ImportWriter::add_texts` maps them to text_value ids, once per value).
//   - Costs and quantities become their canonical decimal text, as stored.
#include "engine/core/usage_record.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::schema {

inline constexpr std::size_t stored_text_count = text_column_count + 1;    // + tags
inline constexpr std::size_t stored_number_count = cost_column_count + 1;  // + consumed quantity

struct EncodedLine {
    std::array<std::uint32_t, stored_text_count> texts{};        // numbers in the import's text numbering
    std::array<std::string, stored_number_count> numbers;        // canonical decimal text
    std::array<bool, stored_number_count> number_present{};      // false: the source cell was empty (NULL)
};

class LineEncoder {
public:
    // Encodes `line` into `out`; values seen for the first time in this import are appended
    // to `new_texts`, in number order (the first distinct value is number 0).
    void encode(const UsageRecord& line, EncodedLine& out, std::vector<std::string>& new_texts);

private:
    [[nodiscard]] std::uint32_t number_of(std::size_t slot, const std::string& value, std::vector<std::string>& new_texts);

    // The distinct values, by number, and an open-addressing table over them (most columns of
    // an export change every line, so this lookup runs about ten times a line: a flat table
    // with a power-of-two size probes one cache line where std::unordered_map chased nodes).
    std::vector<std::string> texts_;
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t number = empty;
    };
    static constexpr std::uint32_t empty = ~std::uint32_t{0};
    std::vector<Slot> slots_ = std::vector<Slot>(1024);
    void grow();
    // Per column, the previous line's value and number: consecutive lines mostly repeat them,
    // and a string compare is cheaper than a hash lookup.
    struct LastText {
        std::string value;
        std::uint32_t number = 0;
        bool known = false;
    };
    std::array<LastText, stored_text_count> last_{};
};

}  // namespace revshare::schema
