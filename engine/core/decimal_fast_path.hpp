#pragma once
// Fast paths for Decimal's text conversions, used by Decimal itself. An export has millions of
// cells like `0.0000123450` or `1.2345E-7`: they have at most 18 digits, so their mantissa
// fits an int64 and needs no 256-bit arithmetic and no string. Anything else (more digits,
// odd forms, errors) returns nullopt and goes through the exact general path, so results and
// error messages are the same either way.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace revshare::decimal_fast_path {

struct SmallDecimal {
    std::int64_t mantissa = 0;  // parse_small: |mantissa| < 10^18; add_small: not INT64_MIN
    int scale = 0;              // in [0, limits::decimal_scale_max]
};

// `-?digits[.digits]` and, when `allow_exponent`, `[(e|E)[+-]digits]` after it, with at most
// 18 digits in all and a scale in range; nullopt for anything else (not an error: fall back).
[[nodiscard]] std::optional<SmallDecimal> parse_small(std::string_view text, bool allow_exponent);

// Canonical text of mantissa × 10^-scale with at least `places_min` fractional digits
// (the same text as Decimal::to_string_min_places), when mantissa ≠ INT64_MIN.
[[nodiscard]] std::string format_small(std::int64_t mantissa, int scale, int places_min);

// Appends to `out` what Decimal::to_string_min_places(places_min) gives for the value whose
// canonical text (Decimal::to_string(): no exponent, no trailing fractional zeros) is
// `canonical`: that text with zeros added up to `places_min` fractional digits. A report
// prints millions of stored costs, which are stored as canonical text, without parsing them.
void append_canonical_min_places(std::string& out, std::string_view canonical, int places_min);

// a + b of two values mantissa × 10^-scale, when both mantissas and the sum at the larger
// scale fit an int64 (sums of costs, millions per settlement); nullopt otherwise (the caller
// takes the exact general path).
[[nodiscard]] std::optional<SmallDecimal> add_small(SmallDecimal a, SmallDecimal b);

}  // namespace revshare::decimal_fast_path
