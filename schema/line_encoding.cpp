#include "schema/line_encoding.hpp"

#include <functional>
#include <string_view>

namespace revshare::schema {
namespace {

std::int64_t seconds(Instant instant) { return instant.time_since_epoch().count(); }

}  // namespace

std::uint64_t LineDimensionsHash::operator()(const LineDimensions& dimensions) const {
    // FNV-1a over the fields, then a final mix (the texts are small consecutive numbers).
    std::uint64_t hash = 14695981039346656037ULL;
    const auto add = [&hash](std::uint64_t value) {
        hash ^= value;
        hash *= 1099511628211ULL;
    };
    for (const std::uint32_t number : dimensions.texts) add(number);
    add(static_cast<std::uint64_t>(dimensions.billing_period_start));
    add(static_cast<std::uint64_t>(dimensions.billing_period_end));
    hash ^= hash >> 29;
    hash *= 0xbf58476d1ce4e5b9ULL;
    return hash ^ (hash >> 32);
}

std::uint32_t LineEncoder::text_number(std::size_t slot, const std::string& value, NewValues& new_values) {
    LastText& last = last_[slot];
    if (last.known && last.value == value) return last.number;
    const auto [number, first_seen] = texts_.number_of(value);
    if (first_seen) new_values.texts.push_back(value);
    last.value = value;
    last.number = number;
    last.known = true;
    return number;
}

void LineEncoder::encode(const UsageRecord& line, EncodedLine& out, NewValues& new_values) {
    for (std::size_t column = 0; column < text_column_count; ++column) {
        current_.texts[column] = text_number(column, line.text[column], new_values);
    }
    current_.texts[text_column_count] = text_number(text_column_count, line.tags, new_values);
    current_.billing_period_start = seconds(line.billing_period_start);
    current_.billing_period_end = seconds(line.billing_period_end);
    if (!last_dimensions_known_ || current_ != last_dimensions_) {
        const auto [number, first_seen] = dimensions_.number_of(current_);
        if (first_seen) new_values.dimensions.push_back(current_);
        last_dimensions_ = current_;
        last_dimensions_number_ = number;
        last_dimensions_known_ = true;
    }
    out.dimensions = last_dimensions_number_;
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
