#include "reports/lines_csv.hpp"

#include "engine/core/assert.hpp"
#include "reports/csv_writer.hpp"

namespace revshare::reports {
namespace {

const std::vector<std::string_view> header_cells = {
    "period",       "contract",   "segment_start",   "version",         "rule",           "payer",
    "payee",        "kind",       "line_id",         "import_file",     "source_line",    "charge_period_start",
    "provider",     "billing_account", "sub_account", "service_name",   "sku_meter",      "cost_currency",
    "cost",         "fx_rate",    "currency",        "settlement_cost", "net_of_rule"};

// The cells of a statement row that start every lines.csv row of it, without the `kind`.
std::string row_prefix(const LinesContext& context, const settle::StatementRow& row) {
    std::string cells;
    for (const std::string& value : {context.period.to_string(), context.contract_id, format_day(row.segment_start),
                                     row.version_id, row.rule_id, row.payer, row.payee}) {
        cells += csv_cell(value, CellKind::text) + ",";
    }
    return cells;
}

}  // namespace

LinesCsvFormatter::LinesCsvFormatter(LinesContext context, const std::vector<settle::StatementRow>& rows)
    : context_(std::move(context)) {
    row_prefixes_.reserve(rows.size());
    for (const auto& row : rows) row_prefixes_.push_back(row_prefix(context_, row));
}

std::string LinesCsvFormatter::header() { return CsvBuilder(header_cells).str(); }

// An amount in a currency: at least its minor-unit digits (cli.md); an unknown code keeps the text.
std::string LinesCsvFormatter::amount_in(const Decimal& value, std::string_view currency_code) {
    auto found = currencies_.find(currency_code);
    if (found == currencies_.end()) found = currencies_.emplace(std::string(currency_code), Currency::from_code(currency_code)).first;
    return found->second ? value.to_string_min_places(found->second->minor_units()) : value.to_string();
}

std::string LinesCsvFormatter::matched_line(std::size_t row_index, const MatchedLine& line) {
    ENGINE_ASSERT(row_index < row_prefixes_.size());
    std::string out = row_prefixes_[row_index] + "line,";
    auto text = [&out](std::string_view value) { out += csv_cell(value, CellKind::text) + ","; };
    auto number = [&out](std::string_view value) { out += csv_cell(value, CellKind::number) + ","; };
    number(std::to_string(line.line_id));
    text(line.import_file);
    number(std::to_string(line.source_line));
    text(format_instant(line.charge_period_start));
    text(line.provider_name);
    text(line.billing_account_id);
    text(line.sub_account_id);
    text(line.service_name);
    text(line.sku_meter);
    text(line.cost_currency);
    number(line.cost ? amount_in(*line.cost, line.cost_currency) : "");
    number(line.fx_rate ? line.fx_rate->to_string() : "");
    text(context_.currency.code());
    out += line.settlement_cost.to_string_min_places(context_.currency.minor_units()) + ",\n";  // net_of_rule: empty
    return out;
}

std::string LinesCsvFormatter::net_of(std::size_t row_index, const settle::StatementRow& netted) const {
    ENGINE_ASSERT(row_index < row_prefixes_.size());
    // line_id .. fx_rate (12 cells): no line.
    return row_prefixes_[row_index] + "net_of,,,,,,,,,,,,," + csv_cell(context_.currency.code(), CellKind::text) + "," +
           (-netted.share).to_string_min_places(context_.currency.minor_units()) + "," +
           csv_cell(netted.rule_id, CellKind::text) + "\n";
}

}  // namespace revshare::reports
