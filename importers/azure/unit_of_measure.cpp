#include "importers/azure/unit_of_measure.hpp"

#include <array>
#include <utility>

namespace revshare::importers {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim_spaces(std::string_view text) {
    const std::size_t begin = text.find_first_not_of(' ');
    if (begin == std::string_view::npos) return {};
    return text.substr(begin, text.find_last_not_of(' ') - begin + 1);
}

// Multiplier of an SI-like suffix glued to the number (`10K`, `1M`, `1B`); 1 when none.
std::int64_t suffix_multiplier(char c) {
    switch (c) {
        case 'K': return 1'000;
        case 'M': return 1'000'000;
        case 'B': return 1'000'000'000;
        default: return 1;
    }
}

// The unit text after the block size: empty means plain units; `/Hour` means units per hour.
std::string unit_after_block(std::string_view rest) {
    rest = trim_spaces(rest);
    if (rest.empty()) return "Units";
    if (rest.front() == '/') return "Units" + std::string(rest);
    return std::string(rest);
}

}  // namespace

std::optional<UnitOfMeasure> parse_unit_of_measure(std::string_view text) {
    text = trim_spaces(text);
    // At most 12 digits: the number is below 10^12, so value × multiplier (≤ 10^9) < 10^21
    // is checked against block_size_max before it is formed.
    constexpr std::size_t digits_max = 12;
    std::size_t pos = 0;
    std::int64_t value = 0;
    while (pos < text.size() && is_digit(text[pos])) {
        if (pos == digits_max) return std::nullopt;
        value = value * 10 + (text[pos] - '0');
        ++pos;
    }
    if (pos == 0 || value == 0) return std::nullopt;
    std::int64_t multiplier = 1;
    if (pos < text.size()) multiplier = suffix_multiplier(text[pos]);
    if (multiplier > 1) ++pos;
    // The block size must stand alone: `10000s` or `100MB` are not block sizes we know.
    if (pos < text.size() && text[pos] != ' ' && text[pos] != '/') return std::nullopt;
    if (value > block_size_max / multiplier) return std::nullopt;
    return UnitOfMeasure{value * multiplier, unit_after_block(text.substr(pos))};
}

std::string_view focus_unit_name(std::string_view unit) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> time_units = {{
        {"Year", "Years"}, {"Month", "Months"}, {"Day", "Days"}, {"Hour", "Hours"}, {"Minute", "Minutes"}, {"Second", "Seconds"},
    }};
    for (const auto& [singular, plural] : time_units) {
        if (unit == singular) return plural;
    }
    return unit;
}

}  // namespace revshare::importers
