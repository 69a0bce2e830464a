#include "reports/year_csv.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/currency.hpp"
#include "reports/csv_writer.hpp"

namespace revshare::reports {
namespace {

constexpr std::size_t periods_per_quarter = 3;

// The jobs check every run's currency before a report is written (schema::stored_currency).
std::string amount(const Decimal& value, const std::string& currency_code) {
    const auto currency = Currency::from_code(currency_code);
    ENGINE_ASSERT(currency.has_value());
    return value.to_string_min_places(currency->minor_units());
}

std::string quarter_header(const std::vector<settle::PeriodStatement>& periods, std::size_t quarter) {
    const std::size_t first = quarter * periods_per_quarter;
    const std::size_t last = std::min(first + periods_per_quarter, periods.size()) - 1;
    return "Q" + std::to_string(quarter + 1) + " " + periods[first].period.to_string() + ".." +
           periods[last].period.to_string();
}

std::string completeness(const std::vector<settle::PeriodStatement>& periods, std::size_t first, std::size_t count) {
    const std::string missing = missing_periods_text(periods, first, count);
    return missing.empty() ? "complete" : "missing " + missing;
}

void state_row(CsvBuilder& csv, const YearSummaryInput& input) {
    csv.text(input.contract_id).text("").text("state");
    for (int i = 0; i < 5; ++i) csv.text("");
    for (const auto& period : input.periods) csv.text(settle::period_run_state_name(period.state));
    for (std::size_t first = 0; first < input.periods.size(); first += periods_per_quarter) {
        csv.text(completeness(input.periods, first, periods_per_quarter));
    }
    csv.text(completeness(input.periods, 0, input.periods.size()));
    csv.end_row();
}

template <class Cell, class Amount>
void amount_cells(CsvBuilder& csv, const std::vector<std::optional<Cell>>& by_period,
                  const std::vector<std::optional<Cell>>& by_quarter, const std::optional<Cell>& total,
                  const Amount& amount_of) {
    for (const auto& cell : by_period) csv.number(cell ? amount_of(*cell) : "");
    for (const auto& cell : by_quarter) csv.number(cell ? amount_of(*cell) : "");
    csv.number(total ? amount_of(*total) : "");
}

}  // namespace

std::string period_states_text(const std::vector<settle::PeriodStatement>& periods) {
    std::string out;
    for (const auto& period : periods) {
        if (!out.empty()) out += ";";
        out += period.period.to_string() + "=" + std::string(settle::period_run_state_name(period.state));
    }
    return out;
}

std::string missing_periods_text(const std::vector<settle::PeriodStatement>& periods, std::size_t first,
                                 std::size_t count) {
    std::string out;
    for (std::size_t i = first; i < periods.size() && i < first + count; ++i) {
        if (settle::period_run_state_complete(periods[i].state)) continue;
        if (!out.empty()) out += ";";
        out += periods[i].period.to_string();
    }
    return out;
}

std::string year_to_date_as_csv(const YearToDateInput& input) {
    ENGINE_ASSERT(!input.periods.empty());
    ENGINE_ASSERT(input.periods.back().period == input.period);
    CsvBuilder csv({"period", "contract", "year_start", "currency", "kind", "rule", "payer", "payee", "owed", "rows",
                    "lines", "basis", "share", "periods", "missing_periods"});
    const std::string states = period_states_text(input.periods);
    const std::string missing = missing_periods_text(input.periods, 0, input.periods.size());
    for (const settle::YearRow& row : input.totals.rows) {
        ENGINE_ASSERT(row.total.has_value());
        const settle::RowTotals& total = *row.total;
        csv.text(input.period.to_string()).text(input.contract_id).text(input.periods.front().period.to_string());
        csv.text(row.key.currency).text(settle::row_kind_name(row.key.kind)).text(row.key.rule_id);
        csv.text(row.key.payer).text(row.key.payee).text(row.key.owed ? "true" : "false");
        csv.number(std::to_string(total.rows)).number(std::to_string(total.lines));
        csv.number(amount(total.basis, row.key.currency)).number(amount(total.share, row.key.currency));
        csv.text(states).text(missing);
        csv.end_row();
    }
    return csv.str();
}

std::string year_summary_as_csv(const YearSummaryInput& input) {
    ENGINE_ASSERT(!input.periods.empty());
    std::vector<std::string> header = {"contract", "currency", "row", "kind", "rule", "payer", "payee", "owed"};
    for (const auto& period : input.periods) header.push_back(period.period.to_string());
    for (std::size_t q = 0; q * periods_per_quarter < input.periods.size(); ++q) header.push_back(quarter_header(input.periods, q));
    header.push_back("year " + input.periods.front().period.to_string() + ".." + input.periods.back().period.to_string());
    CsvBuilder csv(std::vector<std::string_view>(header.begin(), header.end()));
    state_row(csv, input);
    for (const settle::YearRow& row : input.totals.rows) {
        csv.text(input.contract_id).text(row.key.currency).text("share").text(settle::row_kind_name(row.key.kind));
        csv.text(row.key.rule_id).text(row.key.payer).text(row.key.payee).text(row.key.owed ? "true" : "false");
        amount_cells(csv, row.by_period, row.by_quarter, row.total,
                     [&](const settle::RowTotals& cell) { return amount(cell.share, row.key.currency); });
        csv.end_row();
    }
    for (const settle::YearNetRow& row : input.totals.net) {
        csv.text(input.contract_id).text(row.key.currency).text("net").text("").text("");
        csv.text(row.key.first).text(row.key.second).text("");
        amount_cells(csv, row.by_period, row.by_quarter, row.total,
                     [&](const Decimal& cell) { return amount(cell, row.key.currency); });
        csv.end_row();
    }
    return csv.str();
}

}  // namespace revshare::reports
