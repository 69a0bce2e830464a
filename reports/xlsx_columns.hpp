#pragma once
// What statement.xlsx writes in each column, by the column's name in its CSV file, and the
// number an exact decimal shows as. Pure: no libxlsxwriter here (reports/statement_xlsx.cpp
// writes the cells).
#include <optional>
#include <string_view>

namespace revshare::reports {

enum class XlsxColumnType {
    text,     // a string: identifiers, dates, names, codes (never a formula, leading zeros kept)
    integer,  // a count or an id, as a number
    amount,   // money: NAME rounded to its currency's minor units, and NAME_exact as text
    decimal,  // an exact rate (fx_rate): NAME as the nearest double, and NAME_exact as text
    percent,  // a change in percent, already rounded to 2 decimals: a number with 2 decimals
};

[[nodiscard]] XlsxColumnType xlsx_column_type(std::string_view name);
// Whether the column is followed by its `_exact` text column.
[[nodiscard]] bool has_exact_column(XlsxColumnType type);
// The column holding the currency of amount column `name`: cost_currency for lines.csv's
// `cost`, `currency` otherwise.
[[nodiscard]] std::string_view currency_column_of(std::string_view name);

// The double a spreadsheet shows for the exact decimal text `exact` (a report's own text:
// `-?digits[.digits]`), rounded half-to-even to `places` first when given: display only,
// never an input to arithmetic. nullopt when `exact` is not such a text.
[[nodiscard]] std::optional<double> display_number(std::string_view exact, std::optional<int> places);
// An integer cell's number: nullopt when it is not an integer a double holds exactly (|n| ≤ 2^53).
[[nodiscard]] std::optional<double> integer_number(std::string_view text);

}  // namespace revshare::reports
