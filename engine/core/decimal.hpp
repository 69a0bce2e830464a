#pragma once
// Decimal: an exact decimal number, value = mantissa × 10^-scale.
//
// The mantissa is a 256-bit checked integer (about 76 decimal digits), so `amount × FX rate ×
// share rate` keeps every digit of real exports (10-24 decimals) without rounding. Overflow
// throws ArithmeticError; nothing is ever silently rounded. Rounding happens only through
// round(), which takes an explicit RoundingMode.
#include <boost/multiprecision/cpp_int.hpp>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace revshare {

enum class RoundingMode { half_even };

class Decimal {
public:
    using Mantissa = boost::multiprecision::checked_int256_t;

    Decimal() = default;  // zero
    // Exact integer value.
    [[nodiscard]] static Decimal from_integer(std::int64_t value);
    // mantissa × 10^-scale; scale in [0, limits::decimal_scale_max].
    [[nodiscard]] static Decimal from_parts(Mantissa mantissa, int scale);

    // Parses what exports contain: optional surrounding spaces, optional sign, digits with an
    // optional point, optional E-notation exponent (`1.2E-7`, `6.5e+02`). Returns nullopt and
    // sets `error` (a phrase for a person) on anything else, or on more digits than the limits.
    [[nodiscard]] static std::optional<Decimal> parse(std::string_view text, std::string* error = nullptr);
    // Plain decimal only (`-?digits[.digits]`): contracts and FX files.
    [[nodiscard]] static std::optional<Decimal> parse_plain(std::string_view text, std::string* error = nullptr);
    // parse_plain into this value, in place: no temporary Decimal, for readers of millions of
    // stored costs (parse_plain is this on a new value). False, this value unchanged and
    // `error` set, where parse_plain gives nullopt.
    [[nodiscard]] bool assign_plain(std::string_view text, std::string* error = nullptr);

    // Canonical text: no exponent, no trailing fractional zeros, no "-0" (`-3.5`, `0.00000012`, `0`).
    [[nodiscard]] std::string to_string() const;
    // At least `places_min` fractional digits, more only when significant (`100.00`, `142.3663`).
    [[nodiscard]] std::string to_string_min_places(int places_min) const;

    [[nodiscard]] Decimal round(int places, RoundingMode mode) const;
    // The exact value of this × numerator / denominator, rounded once to `places`.
    [[nodiscard]] Decimal mul_div_round(std::int64_t numerator, std::int64_t denominator, int places,
                                        RoundingMode mode) const;

    [[nodiscard]] bool is_zero() const { return mantissa_ == 0; }
    [[nodiscard]] int sign() const { return mantissa_.sign(); }
    [[nodiscard]] bool is_negative() const { return mantissa_ < 0; }
    // Digits after the point as carried (not normalised): `10.500` has scale 3.
    [[nodiscard]] int scale() const { return scale_; }
    // Fractional digits once trailing zeros are removed.
    [[nodiscard]] int significant_scale() const;
    // Whether |value| < 10^digits (digits >= 0): the limit checks of every imported cost, so
    // an int64 comparison for the mantissas that fit one.
    [[nodiscard]] bool magnitude_below_power_of_ten(int digits) const;
    [[nodiscard]] const Mantissa& mantissa() const { return mantissa_; }
    // The value scaled to `places` digits as an integer, when exact and it fits int64
    // (e.g. minor units). nullopt if rounding would be needed or it does not fit.
    [[nodiscard]] std::optional<std::int64_t> to_scaled_int64(int places) const;

    [[nodiscard]] Decimal operator-() const;
    friend Decimal operator+(const Decimal& a, const Decimal& b);
    friend Decimal operator-(const Decimal& a, const Decimal& b);
    friend Decimal operator*(const Decimal& a, const Decimal& b);
    Decimal& operator+=(const Decimal& other);  // in place when both fit an int64 (sums of costs)
    Decimal& operator-=(const Decimal& other) { return *this = *this - other; }

    friend bool operator==(const Decimal& a, const Decimal& b);
    friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);

    [[nodiscard]] static Decimal min(const Decimal& a, const Decimal& b) { return b < a ? b : a; }
    [[nodiscard]] static Decimal max(const Decimal& a, const Decimal& b) { return a < b ? b : a; }

private:
    Decimal(Mantissa mantissa, int scale);
    // Same value with the scale raised to `scale` (mantissa × 10^(scale - scale_)).
    [[nodiscard]] Mantissa mantissa_at(int scale) const;
    // Removes trailing zeros while scale > limits::decimal_scale_max; throws if it cannot.
    void fit_scale();

    Mantissa mantissa_ = 0;
    int scale_ = 0;
};

}  // namespace revshare
