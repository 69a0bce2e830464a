#include "reports/xlsx_columns.hpp"

#include "engine/core/decimal.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <string>

namespace revshare::reports {
namespace {

// Every amount column of statement, net, reconciliation, variance and lines.csv.
constexpr std::array<std::string_view, 18> amount_columns = {
    "basis",          "share",          "share_before_limits", "cap_remaining",     "amount",        "previous_basis",
    "basis_change",   "previous_share", "share_change",        "cost",              "settlement_cost", "cost_imported",
    "cost_other_periods", "cost_superseded", "cost_before_contract", "cost_tax",    "cost_unmatched",  "cost_matched"};
constexpr std::array<std::string_view, 8> integer_columns = {
    "lines", "import_id", "rows_read", "rows_quarantined", "rows_imported", "rows_already_known", "line_id", "source_line"};

bool contains(auto names, std::string_view name) {
    for (const std::string_view candidate : names) {
        if (candidate == name) return true;
    }
    return false;
}

}  // namespace

XlsxColumnType xlsx_column_type(std::string_view name) {
    if (contains(amount_columns, name) || name == "cost_outside_billing_period") return XlsxColumnType::amount;
    if (contains(integer_columns, name) || name.starts_with("lines_")) return XlsxColumnType::integer;
    if (name.ends_with("_percent")) return XlsxColumnType::percent;
    if (name == "fx_rate") return XlsxColumnType::decimal;
    return XlsxColumnType::text;
}

bool has_exact_column(XlsxColumnType type) { return type == XlsxColumnType::amount || type == XlsxColumnType::decimal; }

std::string_view currency_column_of(std::string_view name) { return name == "cost" ? "cost_currency" : "currency"; }

std::optional<double> display_number(std::string_view exact, std::optional<int> places) {
    auto value = Decimal::parse_plain(exact);
    if (!value) return std::nullopt;
    // The one rounding here is for display: the exact text goes in the _exact column.
    const std::string text = places ? value->round(*places, RoundingMode::half_even).to_string() : value->to_string();
    double number = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), number);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
    return number;
}

std::optional<double> integer_number(std::string_view text) {
    std::int64_t value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
    constexpr std::int64_t exact_max = std::int64_t{1} << 53;  // every integer up to it is a double
    if (value > exact_max || value < -exact_max) return std::nullopt;
    return static_cast<double>(value);
}

}  // namespace revshare::reports
