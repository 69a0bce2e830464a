#include "engine/core/decimal_fast_path.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/limits.hpp"

#include <array>
#include <utility>

namespace revshare::decimal_fast_path {
namespace {

constexpr int digits_max = 18;  // 10^18 - 1 < 2^63 - 1: any 18 digits fit an int64
static_assert(digits_max < limits::decimal_input_digits_max);

constexpr std::array<std::int64_t, digits_max + 1> powers_of_ten = [] {
    std::array<std::int64_t, digits_max + 1> powers{};
    powers[0] = 1;
    for (std::size_t i = 1; i < powers.size(); ++i) powers[i] = powers[i - 1] * 10;
    return powers;
}();

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads digits into `value` from `text[i]` on; false when more than `digits_max` in all.
bool read_digits(std::string_view text, std::size_t& i, std::int64_t& value, int& digits) {
    while (i < text.size() && is_digit(text[i])) {
        if (++digits > digits_max) return false;
        value = value * 10 + (text[i] - '0');  // < 10^18: no overflow
        ++i;
    }
    return true;
}

// `[+-]digits` of an exponent, at most 3 digits; false otherwise.
bool read_exponent(std::string_view text, std::size_t& i, int& exponent) {
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    const std::size_t start = i;
    int value = 0;
    while (i < text.size() && is_digit(text[i]) && i - start < 3) value = value * 10 + (text[i++] - '0');
    if (i == start || i != text.size()) return false;
    exponent = negative ? -value : value;
    return true;
}

}  // namespace

std::optional<SmallDecimal> parse_small(std::string_view text, bool allow_exponent) {
    std::size_t i = 0;
    const bool negative = i < text.size() && text[i] == '-';
    if (negative) ++i;
    std::int64_t value = 0;
    int digits = 0;
    const std::size_t integer_start = i;
    if (!read_digits(text, i, value, digits) || i == integer_start) return std::nullopt;
    int fraction_digits = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        const int before = digits;
        if (!read_digits(text, i, value, digits)) return std::nullopt;
        fraction_digits = digits - before;
        if (fraction_digits == 0) return std::nullopt;  // `5.`: the general path decides
    }
    int exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        if (!allow_exponent) return std::nullopt;
        ++i;
        if (!read_exponent(text, i, exponent)) return std::nullopt;
    }
    if (i != text.size()) return std::nullopt;
    int scale = fraction_digits - exponent;
    if (scale < 0) {
        // value × 10^-scale must still fit in 18 digits.
        if (value != 0 && digits - scale > digits_max) return std::nullopt;
        if (-scale > digits_max) return std::nullopt;
        value *= powers_of_ten[static_cast<std::size_t>(-scale)];
        scale = 0;
    }
    if (scale > limits::decimal_scale_max) return std::nullopt;
    if (value == 0) scale = 0;
    return SmallDecimal{negative ? -value : value, scale};
}

std::string format_small(std::int64_t mantissa, int scale, int places_min) {
    ENGINE_ASSERT(mantissa != INT64_MIN);
    ENGINE_ASSERT(scale >= 0);
    ENGINE_ASSERT(places_min >= 0);
    const bool negative = mantissa < 0;
    std::uint64_t magnitude = static_cast<std::uint64_t>(negative ? -mantissa : mantissa);
    while (scale > places_min && magnitude % 10 == 0) {
        magnitude /= 10;
        --scale;
    }
    // Digits, least significant first, then the zeros the minimum places need.
    char reversed[96];
    std::size_t length = 0;
    for (int i = scale; i < places_min; ++i) reversed[length++] = '0';
    const int places = scale < places_min ? places_min : scale;
    int written = places - scale;
    do {
        if (written == places && places > 0) reversed[length++] = '.';
        reversed[length++] = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
        ++written;
    } while (magnitude != 0 || written <= places);
    std::string text;
    text.reserve(length + 1);
    if (negative) text.push_back('-');
    for (std::size_t i = length; i > 0; --i) text.push_back(reversed[i - 1]);
    return text;
}

void append_canonical_min_places(std::string& out, std::string_view canonical, int places_min) {
    ENGINE_ASSERT(places_min >= 0);
    ENGINE_ASSERT(!canonical.empty());
    out += canonical;
    if (places_min == 0) return;
    const std::size_t point = canonical.find('.');
    const std::size_t places = point == std::string_view::npos ? 0 : canonical.size() - point - 1;
    if (places >= static_cast<std::size_t>(places_min)) return;
    if (point == std::string_view::npos) out += '.';
    out.append(static_cast<std::size_t>(places_min) - places, '0');
}

std::optional<SmallDecimal> add_small(SmallDecimal a, SmallDecimal b) {
    ENGINE_ASSERT(a.scale >= 0 && b.scale >= 0);
    if (a.scale < b.scale) std::swap(a, b);
    const int raise = a.scale - b.scale;  // b's mantissa × 10^raise
    if (raise > digits_max) return std::nullopt;
    std::int64_t raised = 0;
    std::int64_t sum = 0;
    if (__builtin_mul_overflow(b.mantissa, powers_of_ten[static_cast<std::size_t>(raise)], &raised) ||
        __builtin_add_overflow(a.mantissa, raised, &sum) || sum == INT64_MIN) {
        return std::nullopt;
    }
    return SmallDecimal{sum, a.scale};
}

}  // namespace revshare::decimal_fast_path
