#include "jobs/column_values.hpp"

#include "engine/core/diagnostic.hpp"
#include "reports/csv_writer.hpp"
#include "schema/line_values.hpp"
#include "schema/period_lines.hpp"

#include <algorithm>
#include <vector>

namespace revshare::app {
namespace {

std::string plural(std::int64_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string as_csv(const std::vector<schema::TextValueCount>& values, std::size_t shown) {
    reports::CsvBuilder csv({"value", "lines"});
    for (std::size_t i = 0; i < shown; ++i) {
        csv.text(values[i].value).number(std::to_string(values[i].lines));
        csv.end_row();
    }
    return csv.str();
}

std::string as_table(const ValuesRequest& request, const std::vector<schema::TextValueCount>& values, std::size_t shown) {
    std::int64_t lines = 0;
    for (const auto& value : values) lines += value.lines;
    std::string out = std::string(text_column_name(request.column)) + " of the " + plural(lines, "current line", "current lines") +
                      (request.period ? " charged in " + request.period->to_string() : std::string()) + ": " +
                      plural(static_cast<std::int64_t>(values.size()), "value", "values") + "\n";
    if (values.empty()) return out;
    const std::size_t width = std::max<std::size_t>(5, std::to_string(values.front().lines).size());
    out += "  " + std::string(width - 5, ' ') + "lines  value\n";
    std::int64_t shown_lines = 0;
    for (std::size_t i = 0; i < shown; ++i) {
        const std::string count = std::to_string(values[i].lines);
        out += "  " + std::string(width - count.size(), ' ') + count + "  " +
               (values[i].value.empty() ? std::string("\"\"") : printable(values[i].value)) + "\n";
        shown_lines += values[i].lines;
    }
    if (shown < values.size()) {
        out += "  (" + plural(static_cast<std::int64_t>(values.size() - shown), "more value", "more values") + " in " +
               plural(lines - shown_lines, "line", "lines") + ": raise --limit to see them)\n";
    }
    return out;
}

}  // namespace

std::string column_values_text(schema::Database& db, const ValuesRequest& request) {
    std::optional<schema::LineSelection> selection;
    if (request.period) {
        selection = schema::LineSelection{*request.period, CostColumn::BilledCost, schema::load_import_high_water(db)};
    }
    const auto values = schema::count_text_values(db, request.column, selection);
    const std::size_t shown = std::min(values.size(), request.limit.value_or(values.size()));
    return request.csv ? as_csv(values, shown) : as_table(request, values, shown);
}

}  // namespace revshare::app
