#pragma once
// The revenue chart of statement.html: matched revenue per month, stacked by provider, as an
// inline SVG (no script). Bar heights are whole pixels from whole minor units; the exact
// amounts are printed as labels and in the table beside the chart.
#include "engine/core/currency.hpp"
#include "reports/statement_html.hpp"

#include <string>
#include <vector>

namespace revshare::reports {

[[nodiscard]] std::string revenue_chart_svg(const std::vector<MonthRevenue>& months, const Currency& currency);
// The same numbers as a table (for print and for screen readers).
[[nodiscard]] std::string revenue_table_html(const std::vector<MonthRevenue>& months, const Currency& currency);

}  // namespace revshare::reports
