#include "schema/line_encoding.hpp"

#include "engine/core/assert.hpp"

#include <functional>
#include <string_view>
#include <utility>

namespace revshare::schema {

std::uint32_t LineEncoder::number_of(std::size_t slot, const std::string& value, std::vector<std::string>& new_texts) {
    LastText& last = last_[slot];
    if (last.known && last.value == value) return last.number;
    const std::uint64_t hash = std::hash<std::string_view>{}(value);
    const std::size_t mask = slots_.size() - 1;
    std::size_t at = static_cast<std::size_t>(hash) & mask;
    while (slots_[at].number != empty && (slots_[at].hash != hash || texts_[slots_[at].number] != value)) {
        at = (at + 1) & mask;
    }
    if (slots_[at].number == empty) {
        // Distinct values per file are bounded by its rows, far below 2^32.
        ENGINE_ASSERT(texts_.size() < empty);
        slots_[at] = Slot{hash, static_cast<std::uint32_t>(texts_.size())};
        texts_.push_back(value);
        new_texts.push_back(value);
        last.number = slots_[at].number;
        if (texts_.size() * 2 > slots_.size()) grow();  // at most half full: probes stay short
    } else {
        last.number = slots_[at].number;
    }
    last.value = value;
    last.known = true;
    return last.number;
}

void LineEncoder::grow() {
    std::vector<Slot> larger(slots_.size() * 2);
    const std::size_t mask = larger.size() - 1;
    for (const Slot& entry : slots_) {
        if (entry.number == empty) continue;
        std::size_t at = static_cast<std::size_t>(entry.hash) & mask;
        while (larger[at].number != empty) at = (at + 1) & mask;
        larger[at] = entry;
    }
    slots_ = std::move(larger);
}

void LineEncoder::encode(const UsageRecord& line, EncodedLine& out, std::vector<std::string>& new_texts) {
    for (std::size_t column = 0; column < text_column_count; ++column) {
        out.texts[column] = number_of(column, line.text[column], new_texts);
    }
    out.texts[text_column_count] = number_of(text_column_count, line.tags, new_texts);
    for (std::size_t column = 0; column < stored_number_count; ++column) {
        const std::optional<Decimal>& value = column < cost_column_count ? line.cost[column] : line.consumed_quantity;
        out.number_present[column] = value.has_value();
        if (value) {
            out.numbers[column] = value->to_string();
        } else {
            out.numbers[column].clear();
        }
    }
}

}  // namespace revshare::schema
