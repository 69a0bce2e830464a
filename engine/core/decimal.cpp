#include "engine/core/decimal.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/decimal_fast_path.hpp"
#include "engine/core/error.hpp"
#include "engine/core/limits.hpp"

#include <array>
#include <stdexcept>

namespace revshare {
namespace {

using Mantissa = Decimal::Mantissa;

// 10^n for n in [0, 76]; 10^76 < 2^255, so every entry fits the checked 256-bit type.
const std::array<Mantissa, limits::decimal_digits_max + 1>& powers_of_ten() {
    static const auto table = [] {
        std::array<Mantissa, limits::decimal_digits_max + 1> powers{};
        powers[0] = 1;
        for (std::size_t i = 1; i < powers.size(); ++i) powers[i] = powers[i - 1] * 10;
        return powers;
    }();
    return table;
}

// 2^63 - 1: mantissas strictly between ±this fit an int64 (and are not INT64_MIN).
const Mantissa& int64_bound() {
    static const Mantissa bound(INT64_MAX);
    return bound;
}

// The mantissa as an int64, when it is one limb below 2^63: a look at the limbs, not a
// 256-bit comparison (operator+ asks this of every cost it adds).
std::optional<std::int64_t> small_mantissa(const Mantissa& mantissa) {
    const auto& backend = mantissa.backend();
    static_assert(sizeof(*backend.limbs()) == sizeof(std::uint64_t));
    if (backend.size() != 1) return std::nullopt;
    const std::uint64_t limb = *backend.limbs();
    if (limb > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    const auto value = static_cast<std::int64_t>(limb);
    return backend.sign() ? -value : value;
}

Mantissa pow10(int n) {
    if (n < 0 || n > limits::decimal_digits_max) {
        throw ArithmeticError("decimal out of range: more than " +
                              std::to_string(limits::decimal_digits_max) + " digits");
    }
    return powers_of_ten()[static_cast<std::size_t>(n)];
}

// Boost's checked integers throw std::overflow_error; the engine speaks ArithmeticError.
template <class F>
auto checked(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const std::overflow_error&) {
        throw ArithmeticError("decimal overflow: the result needs more than " +
                              std::to_string(limits::decimal_digits_max) + " digits");
    } catch (const std::range_error&) {
        throw ArithmeticError("decimal overflow: the result needs more than " +
                              std::to_string(limits::decimal_digits_max) + " digits");
    }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim_spaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

void set_error(std::string* error, std::string message) {
    if (error != nullptr) *error = std::move(message);
}

struct ParsedText {
    bool negative = false;
    std::string_view integer_digits;
    std::string_view fraction_digits;
    int exponent = 0;
};

// Splits `[+-]digits[.digits][(e|E)[+-]digits]`; at least one digit overall.
std::optional<ParsedText> split_number(std::string_view text, bool allow_exponent, bool allow_plus,
                                       std::string* error) {
    ParsedText parts;
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        if (text[i] == '+' && !allow_plus) {
            set_error(error, "a leading '+' is not allowed here");
            return std::nullopt;
        }
        parts.negative = text[i] == '-';
        ++i;
    }
    const std::size_t integer_start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    parts.integer_digits = text.substr(integer_start, i - integer_start);
    if (i < text.size() && text[i] == '.') {
        ++i;
        const std::size_t fraction_start = i;
        while (i < text.size() && is_digit(text[i])) ++i;
        parts.fraction_digits = text.substr(fraction_start, i - fraction_start);
        if (!allow_exponent && (parts.integer_digits.empty() || parts.fraction_digits.empty())) {
            set_error(error, "expected digits on both sides of the point");
            return std::nullopt;
        }
    }
    if (parts.integer_digits.empty() && parts.fraction_digits.empty()) {
        // Name the offending character when there is one (`abc`, `$1.00`): easier to act on.
        set_error(error, i < text.size() ? "unexpected character '" + std::string(1, text[i]) + "'"
                                         : std::string("expected a number"));
        return std::nullopt;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E') && allow_exponent) {
        ++i;
        bool exponent_negative = false;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) exponent_negative = text[i++] == '-';
        const std::size_t exponent_start = i;
        int exponent = 0;
        while (i < text.size() && is_digit(text[i])) {
            if (exponent > limits::decimal_exponent_max) break;
            exponent = exponent * 10 + (text[i] - '0');
            ++i;
        }
        if (i == exponent_start) {
            set_error(error, "expected digits after the exponent mark");
            return std::nullopt;
        }
        if (exponent > limits::decimal_exponent_max) {
            set_error(error, "exponent larger than " + std::to_string(limits::decimal_exponent_max));
            return std::nullopt;
        }
        parts.exponent = exponent_negative ? -exponent : exponent;
    }
    if (i != text.size()) {
        set_error(error, "unexpected character '" + std::string(1, text[i]) + "'");
        return std::nullopt;
    }
    return parts;
}

std::optional<Decimal> build(const ParsedText& parts, std::string* error) {
    // Count significant digits: leading zeros of the whole digit string do not count.
    std::size_t digits_total = parts.integer_digits.size() + parts.fraction_digits.size();
    std::size_t leading_zeros = 0;
    for (char c : parts.integer_digits) {
        if (c != '0') break;
        ++leading_zeros;
    }
    if (leading_zeros == parts.integer_digits.size()) {
        for (char c : parts.fraction_digits) {
            if (c != '0') break;
            ++leading_zeros;
        }
    }
    if (digits_total - leading_zeros > static_cast<std::size_t>(limits::decimal_input_digits_max)) {
        set_error(error, "more than " + std::to_string(limits::decimal_input_digits_max) +
                             " significant digits");
        return std::nullopt;
    }
    // The limit holds for the value written out, not only for the text: an exponent past the
    // fraction appends zeros. Without this, "1E40" (41 digits) parsed but its to_string() did
    // not parse back when a stored line was loaded, and 40 digits E40 overflowed the mantissa
    // with an uncaught exception (both found by fuzzing, issue 8).
    const std::size_t appended_zeros =
        digits_total > leading_zeros && parts.exponent > static_cast<int>(parts.fraction_digits.size())
            ? static_cast<std::size_t>(parts.exponent) - parts.fraction_digits.size()
            : 0;
    if (digits_total - leading_zeros + appended_zeros > static_cast<std::size_t>(limits::decimal_input_digits_max)) {
        set_error(error, "more than " + std::to_string(limits::decimal_input_digits_max) +
                             " digits once the exponent is applied");
        return std::nullopt;
    }
    int scale = static_cast<int>(parts.fraction_digits.size()) - parts.exponent;
    // Trailing zeros carry no value; dropping them keeps huge written scales in range.
    Mantissa mantissa = 0;
    auto accumulate = [&](std::string_view digits) {
        for (char c : digits) mantissa = mantissa * 10 + (c - '0');
    };
    accumulate(parts.integer_digits);
    accumulate(parts.fraction_digits);
    if (scale < 0) {
        mantissa *= pow10(-scale);
        scale = 0;
    }
    while (scale > limits::decimal_scale_max && mantissa % 10 == 0 && mantissa != 0) {
        mantissa /= 10;
        --scale;
    }
    if (mantissa == 0) scale = 0;
    if (scale > limits::decimal_scale_max) {
        set_error(error, "more than " + std::to_string(limits::decimal_scale_max) + " decimal places");
        return std::nullopt;
    }
    if (parts.negative) mantissa = -mantissa;
    return Decimal::from_parts(mantissa, scale);
}

}  // namespace

Decimal::Decimal(Mantissa mantissa, int scale) : mantissa_(std::move(mantissa)), scale_(scale) {
    ENGINE_ASSERT(scale_ >= 0);
    ENGINE_ASSERT(scale_ <= limits::decimal_scale_max);
}

Decimal Decimal::from_integer(std::int64_t value) { return Decimal(Mantissa(value), 0); }

Decimal Decimal::from_parts(Mantissa mantissa, int scale) {
    ENGINE_ASSERT(scale >= 0);
    Decimal result;
    result.mantissa_ = std::move(mantissa);
    result.scale_ = scale;
    result.fit_scale();
    return result;
}

std::optional<Decimal> Decimal::parse(std::string_view text, std::string* error) {
    text = trim_spaces(text);
    if (const auto small = decimal_fast_path::parse_small(text, /*allow_exponent=*/true)) {
        return Decimal(Mantissa(small->mantissa), small->scale);
    }
    const auto parts = split_number(text, /*allow_exponent=*/true, /*allow_plus=*/true, error);
    if (!parts) return std::nullopt;
    return build(*parts, error);
}

std::optional<Decimal> Decimal::parse_plain(std::string_view text, std::string* error) {
    Decimal value;
    if (!value.assign_plain(text, error)) return std::nullopt;
    return value;
}

bool Decimal::assign_plain(std::string_view text, std::string* error) {
    if (const auto small = decimal_fast_path::parse_small(text, /*allow_exponent=*/false)) {
        mantissa_ = small->mantissa;
        scale_ = small->scale;
        return true;
    }
    const auto parts = split_number(text, /*allow_exponent=*/false, /*allow_plus=*/false, error);
    if (!parts) return false;
    auto built = build(*parts, error);
    if (!built) return false;
    *this = std::move(*built);
    return true;
}

void Decimal::fit_scale() {
    while (scale_ > limits::decimal_scale_max && mantissa_ % 10 == 0 && mantissa_ != 0) {
        mantissa_ /= 10;
        --scale_;
    }
    if (mantissa_ == 0) scale_ = 0;
    if (scale_ > limits::decimal_scale_max) {
        throw ArithmeticError("decimal precision exceeded: the exact result needs more than " +
                              std::to_string(limits::decimal_scale_max) + " decimal places");
    }
}

Decimal::Mantissa Decimal::mantissa_at(int scale) const {
    ENGINE_ASSERT(scale >= scale_);
    if (scale == scale_) return mantissa_;
    return checked([&] { return Mantissa(mantissa_ * pow10(scale - scale_)); });
}

int Decimal::significant_scale() const {
    Mantissa m = mantissa_;
    int scale = scale_;
    while (scale > 0 && m % 10 == 0) {
        m /= 10;
        --scale;
    }
    return scale;
}

bool Decimal::magnitude_below_power_of_ten(int digits) const {
    ENGINE_ASSERT(digits >= 0);
    // |value| < 10^digits  <=>  |mantissa| < 10^(digits + scale).
    const int exponent = digits + scale_;
    // A 256-bit mantissa is below 2^256 < 10^78.
    if (exponent > limits::decimal_digits_max + 1) return true;
    if (const auto small = small_mantissa(mantissa_)) {
        if (exponent > 18) return true;  // |small| < 2^63 < 10^19
        std::int64_t bound = 1;
        for (int i = 0; i < exponent; ++i) bound *= 10;
        return *small < bound && *small > -bound;
    }
    static const Mantissa ten_to_77 = powers_of_ten().back() * 10;  // 10^77 < 2^256: fits
    const Mantissa& bound =
        exponent > limits::decimal_digits_max ? ten_to_77 : powers_of_ten()[static_cast<std::size_t>(exponent)];
    return mantissa_ < bound && -mantissa_ < bound;
}

std::string Decimal::to_string() const { return to_string_min_places(0); }

std::string Decimal::to_string_min_places(int places_min) const {
    ENGINE_ASSERT(places_min >= 0);
    // Most values (every cost of an export) fit an int64: format them without 256-bit division.
    if (places_min <= limits::decimal_scale_max && mantissa_ < int64_bound() && mantissa_ > -int64_bound()) {
        return decimal_fast_path::format_small(mantissa_.convert_to<std::int64_t>(), scale_, places_min);
    }
    Mantissa m = mantissa_;
    int scale = scale_;
    while (scale > places_min && m % 10 == 0) {
        m /= 10;
        --scale;
    }
    if (scale < places_min) {
        m = checked([&] { return Mantissa(m * pow10(places_min - scale)); });
        scale = places_min;
    }
    const bool negative = m < 0;
    std::string digits = (negative ? Mantissa(-m) : m).str();
    if (scale > 0) {
        if (digits.size() <= static_cast<std::size_t>(scale)) {
            digits.insert(0, static_cast<std::size_t>(scale) + 1 - digits.size(), '0');
        }
        digits.insert(digits.size() - static_cast<std::size_t>(scale), 1, '.');
    }
    return negative ? "-" + digits : digits;
}

namespace {
// Divides `numerator` by `denominator` (> 0), rounding the quotient half-to-even.
// Symmetric for negatives: -0.125 -> -0.12.
Mantissa divide_half_even(const Mantissa& numerator, const Mantissa& denominator) {
    ENGINE_ASSERT(denominator > 0);
    const bool negative = numerator < 0;
    const Mantissa magnitude = negative ? Mantissa(-numerator) : numerator;
    Mantissa quotient = magnitude / denominator;
    const Mantissa remainder = magnitude % denominator;
    const Mantissa twice = remainder * 2;  // remainder < denominator < 2^254: fits
    if (twice > denominator || (twice == denominator && quotient % 2 == 1)) quotient += 1;
    return negative ? Mantissa(-quotient) : quotient;
}
}  // namespace

Decimal Decimal::round(int places, RoundingMode mode) const {
    ENGINE_ASSERT(places >= 0);
    ENGINE_ASSERT(mode == RoundingMode::half_even);
    if (places >= scale_) return *this;
    return Decimal(divide_half_even(mantissa_, pow10(scale_ - places)), places);
}

Decimal Decimal::mul_div_round(std::int64_t numerator, std::int64_t denominator, int places,
                               RoundingMode mode) const {
    ENGINE_ASSERT(denominator > 0);
    ENGINE_ASSERT(places >= 0);
    ENGINE_ASSERT(mode == RoundingMode::half_even);
    return checked([&] {
        // value × n / d at `places` = mantissa × n × 10^(places - scale) / d.
        Mantissa top = mantissa_ * numerator;
        Mantissa bottom = denominator;
        if (places >= scale_) {
            top *= pow10(places - scale_);
        } else {
            bottom *= pow10(scale_ - places);
        }
        return Decimal(divide_half_even(top, bottom), places);
    });
}

std::optional<std::int64_t> Decimal::to_scaled_int64(int places) const {
    ENGINE_ASSERT(places >= 0);
    if (significant_scale() > places) return std::nullopt;
    try {
        Mantissa scaled = places >= scale_ ? mantissa_at(places) : Mantissa(mantissa_ / pow10(scale_ - places));
        if (scaled > Mantissa(INT64_MAX) || scaled < Mantissa(INT64_MIN)) return std::nullopt;
        return scaled.convert_to<std::int64_t>();
    } catch (const ArithmeticError&) {
        return std::nullopt;
    }
}

Decimal Decimal::operator-() const { return Decimal(-mantissa_, scale_); }

namespace {

// a + b in an int64, when both mantissas and the sum fit one: sums of costs (millions per
// settlement) mostly do; nullopt sends the caller to the 256-bit path.
std::optional<decimal_fast_path::SmallDecimal> small_sum(const Decimal& a, const Decimal& b) {
    const auto left = small_mantissa(a.mantissa());
    const auto right = left ? small_mantissa(b.mantissa()) : std::nullopt;
    if (!right) return std::nullopt;
    return decimal_fast_path::add_small({*left, a.scale()}, {*right, b.scale()});
}

}  // namespace

Decimal operator+(const Decimal& a, const Decimal& b) {
    if (const auto sum = small_sum(a, b)) return Decimal(Mantissa(sum->mantissa), sum->scale);
    const int scale = std::max(a.scale_, b.scale_);
    return checked([&] { return Decimal(a.mantissa_at(scale) + b.mantissa_at(scale), scale); });
}

Decimal operator-(const Decimal& a, const Decimal& b) { return a + (-b); }

Decimal& Decimal::operator+=(const Decimal& other) {
    if (const auto sum = small_sum(*this, other)) {  // in place: no temporary 256-bit Decimal
        mantissa_ = sum->mantissa;
        scale_ = sum->scale;
        return *this;
    }
    return *this = *this + other;
}

Decimal operator*(const Decimal& a, const Decimal& b) {
    return checked([&] { return Decimal::from_parts(a.mantissa_ * b.mantissa_, a.scale_ + b.scale_); });
}

bool operator==(const Decimal& a, const Decimal& b) { return (a <=> b) == std::strong_ordering::equal; }

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
    if (a.sign() != b.sign()) return a.sign() <=> b.sign();
    const int scale = std::max(a.scale_, b.scale_);
    // Aligning the scales can need more than 76 digits (1E-40 against a 40-digit number).
    // Then the side scaled up is larger in magnitude than any 256-bit mantissa, so larger than
    // the other side: the order is still defined, and never throws.
    const auto aligned = [scale](const Decimal& value) -> std::optional<Mantissa> {
        try {
            return value.mantissa_at(scale);
        } catch (const ArithmeticError&) {
            return std::nullopt;
        }
    };
    const auto left_aligned = aligned(a);
    const auto right_aligned = aligned(b);
    if (!left_aligned || !right_aligned) {
        // Same sign, not both zero; only the value with the smaller scale is scaled up.
        const bool left_larger_magnitude = !left_aligned;
        const bool positive = a.sign() > 0;
        return left_larger_magnitude == positive ? std::strong_ordering::greater : std::strong_ordering::less;
    }
    const Mantissa& left = *left_aligned;
    const Mantissa& right = *right_aligned;
    if (left < right) return std::strong_ordering::less;
    if (left > right) return std::strong_ordering::greater;
    return std::strong_ordering::equal;
}

}  // namespace revshare
