#pragma once
// Limits on everything (STYLE.md section 4). Input over a limit is a diagnostic; the engine
// exceeding one is an assertion failure.
#include <cstddef>
#include <cstdint>

namespace revshare::limits {

// Decimal: a 256-bit checked mantissa holds 76 full decimal digits.
inline constexpr int decimal_digits_max = 76;
// Digits accepted when parsing text (significant digits after stripping leading zeros).
inline constexpr int decimal_input_digits_max = 40;
// Largest scale (digits after the point) a Decimal may carry.
inline constexpr int decimal_scale_max = 60;
// Largest exponent magnitude accepted in E-notation input.
inline constexpr int decimal_exponent_max = 40;
static_assert(decimal_input_digits_max + decimal_exponent_max <= decimal_digits_max + 4);
static_assert(decimal_scale_max < decimal_digits_max);

// CSV input.
inline constexpr std::size_t csv_record_bytes_max = 1024 * 1024;  // one record, all fields
inline constexpr std::size_t csv_columns_max = 2048;
inline constexpr std::size_t csv_header_bytes_max = 256 * 1024;
inline constexpr std::int64_t csv_rows_max = 100'000'000;
// Per file: more rejects than this fails the whole file (exit 2, nothing stored).
inline constexpr std::int64_t rejects_per_file_max = 10'000;

// Contracts.
inline constexpr std::size_t contract_bytes_max = 4 * 1024 * 1024;
inline constexpr std::size_t contract_versions_max = 1000;
inline constexpr std::size_t contract_rules_per_version_max = 10'000;
inline constexpr std::size_t contract_parties_max = 1000;
inline constexpr std::size_t contract_tiers_max = 100;
inline constexpr std::size_t contract_patterns_max = 10'000;

}  // namespace revshare::limits
