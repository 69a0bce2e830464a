#include "schema/line_encoding.hpp"

#include "engine/core/assert.hpp"

#include <cstring>

namespace revshare::schema {
namespace {

std::int64_t seconds(Instant instant) { return instant.time_since_epoch().count(); }

void append_bytes(std::string& key, const void* bytes, std::size_t size) {
    key.append(static_cast<const char*>(bytes), size);
}

// A text's length, then its bytes: no two different lists of texts give the same key.
void append_text(std::string& key, const std::string& text) {
    const auto size = static_cast<std::uint32_t>(text.size());
    append_bytes(key, &size, sizeof size);
    key += text;
}

}  // namespace

std::uint32_t LineEncoder::text_number(const std::string& value, NewValues& new_values) {
    const auto [number, first_seen] = texts_.number_of(value);
    if (first_seen) new_values.texts.push_back(value);
    return number;
}

void LineEncoder::encode(const UsageRecord& line, EncodedLine& out, NewValues& new_values) {
    const std::int64_t billing_start = seconds(line.billing_period_start);
    const std::int64_t billing_end = seconds(line.billing_period_end);
    key_.clear();
    for (const std::string& text : line.text) append_text(key_, text);
    append_text(key_, line.tags);
    append_bytes(key_, &billing_start, sizeof billing_start);
    append_bytes(key_, &billing_end, sizeof billing_end);
    const auto [number, first_seen] = combinations_.number_of(key_);
    out.dimensions = number;
    if (first_seen) {
        ENGINE_ASSERT(number == dimensions_count_);  // numbered in order, also after forgetting
        ++dimensions_count_;
        LineDimensions dimensions;
        for (std::size_t column = 0; column < text_column_count; ++column) {
            dimensions.texts[column] = text_number(line.text[column], new_values);
        }
        dimensions.texts[text_column_count] = text_number(line.tags, new_values);
        dimensions.billing_period_start = billing_start;
        dimensions.billing_period_end = billing_end;
        new_values.dimensions.push_back(dimensions);
    }
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
