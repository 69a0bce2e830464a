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

// Amounts, FX rates and share rates: checked where they enter (import, `fx import`,
// `contract add`) so that settlement's arithmetic is exact and what it stores fits.
//
// A share is computed as (sum of cost x FX rate over the lines) x rate (contract.md steps
// 3-5). Its exact value has a scale of at most cost + FX rate + rate decimals, and its
// mantissa, for N lines, is below N x 10^(integer digits + decimals of each factor), since a
// rate is at most 1. Both must fit the Decimal: scale <= decimal_scale_max, mantissa < 10^77
// (the 256-bit checked integer holds up to 2^256 - 1 > 10^77). An amount a statement stores
// (a share, a net, a cap total, a bound of the contract) is a count of minor units in an
// int64 (settled minor units, STYLE.md 7), at most 4 minor-unit digits (CLF, UYW).
//
// Largest |amount| (a cost of one line, a contract's minimum/maximum/cap/up_to, and any
// amount settlement stores): below 10^amount_integer_digits_max.
inline constexpr int amount_integer_digits_max = 14;
// Decimals of a cost (trailing zeros do not count): Azure exports carry 24
// (0.000000007292255759239199).
inline constexpr int cost_decimals_max = 24;
// An FX rate: 0 < rate < 10^7 (a rial or a dong per dinar is below 10^6), 12 decimals.
inline constexpr int fx_rate_integer_digits_max = 7;
inline constexpr int fx_rate_decimals_max = 12;
// A share rate (or a tier rate) is in [0, 1] with at most 10 decimals (0.0000000001).
inline constexpr int rate_decimals_max = 10;
// Lines summed into one statement row that the Decimal is proven to hold at every limit at
// once: 10^10. More, all at the limits, stops the settlement with an error naming the
// contract and period (ArithmeticError), never a wrong number.
inline constexpr int lines_per_row_digits_proven = 10;
inline constexpr int minor_unit_digits_max = 4;

// The exact share's scale fits: cost x FX rate x rate.
static_assert(cost_decimals_max + fx_rate_decimals_max + rate_decimals_max <= decimal_scale_max);
// The exact share's mantissa fits: N x 10^(14 + 7) x 10^(24 + 12) x 10^10 < 10^77.
static_assert(lines_per_row_digits_proven + amount_integer_digits_max + fx_rate_integer_digits_max +
                  cost_decimals_max + fx_rate_decimals_max + rate_decimals_max <=
              decimal_digits_max + 1);
// A stored amount in minor units fits an int64: 10^(14 + 4) < 2^63 - 1, with room for the
// sum of 9 of them (a net of two shares, an adjustment of two stored shares).
static_assert(amount_integer_digits_max + minor_unit_digits_max <= 18);
// Every value that passes these limits parses back from its stored text.
static_assert(amount_integer_digits_max + cost_decimals_max <= decimal_input_digits_max);
static_assert(fx_rate_integer_digits_max + fx_rate_decimals_max <= decimal_input_digits_max);

// Dates: 1900-01-01 to 9998-12-31 in every input (exports, FX files, contracts, --period).
// The end of 9999-12 (the exclusive end of its period, the day after a line's last day) is in
// year 10000, which no YYYY-MM-DD text holds; nothing billed or quoted predates 1900, so an
// earlier year (0026 for 2026) is a typing error.
inline constexpr int year_min = 1900;
inline constexpr int year_max = 9998;
static_assert(year_min >= 1 && year_max <= 9998);  // a period's previous and next stay in 0001..9999

// CSV input.
inline constexpr std::size_t csv_record_bytes_max = 1024 * 1024;  // one record, all fields
inline constexpr std::size_t csv_columns_max = 2048;
inline constexpr std::size_t csv_header_bytes_max = 256 * 1024;
inline constexpr std::int64_t csv_rows_max = 100'000'000;
// Per file: more rejects than this fails the whole file (exit 2, nothing stored).
inline constexpr std::int64_t rejects_per_file_max = 10'000;

// Zip deliveries (`.csv.zip`): a CSV member is unzipped into a temporary file before it is
// imported. More than this many bytes in one member is a zip bomb or not one export (the
// providers split a month into parts of a few GB): it is refused, never unzipped to a full disk.
inline constexpr std::uint64_t zip_member_bytes_max = std::uint64_t{64} << 30;  // 64 GiB
// Members a zip may list (each one's name is held while the zip is read).
inline constexpr std::size_t zip_members_max = 100'000;

// Contracts.
inline constexpr std::size_t contract_bytes_max = 4 * 1024 * 1024;
inline constexpr std::size_t contract_versions_max = 1000;
inline constexpr std::size_t contract_rules_per_version_max = 10'000;
inline constexpr std::size_t contract_parties_max = 1000;
inline constexpr std::size_t contract_tiers_max = 100;
inline constexpr std::size_t contract_patterns_max = 10'000;
inline constexpr std::size_t contract_advances_max = 1000;
inline constexpr std::size_t contract_withholdings_max = 1000;
// Table header parts + dotted key parts + open brackets at any point of a contract's text
// (contract_nesting.hpp): the seed contract nests 6 deep; toml++ recurses once per level.
inline constexpr int contract_nesting_depth_max = 32;
// A ledger account of a contract's [accounts] table (a name finance reads; beancount and hledger
// set no bound of their own).
inline constexpr std::size_t ledger_account_bytes_max = 1024;

// An exported journal (revshare journal): every amount, and the sum of the magnitudes of each
// account's amounts in a currency (so every running balance too), has at most this many
// significant digits: beancount computes in Python's decimal context of 28 digits and rounds
// what is longer, so a longer amount would not be posted exactly.
inline constexpr int journal_amount_digits_max = 28;
static_assert(amount_integer_digits_max + minor_unit_digits_max < journal_amount_digits_max);

}  // namespace revshare::limits
