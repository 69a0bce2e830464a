#include "reports/lines_csv.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/decimal_fast_path.hpp"
#include "engine/core/diagnostic.hpp"
#include "reports/csv_writer.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>

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

// Appends csv_cell(value, kind) and a comma. Most cells need neither the leading `'` nor
// quotes: those are copied as they are, the others go through csv_cell.
void append_cell(std::string& out, std::string_view value, CellKind kind) {
    const bool neutralise = kind == CellKind::text && !value.empty() &&
                            (value.front() == '=' || value.front() == '+' || value.front() == '-' || value.front() == '@' ||
                             value.front() == '\t' || value.front() == '\r');
    // One pass over the bytes: string_view::find_first_of calls memchr once per byte.
    const bool needs_quotes = std::any_of(value.begin(), value.end(),
                                          [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
    if (neutralise || needs_quotes) {
        out += csv_cell(value, kind);
    } else {
        out += value;
    }
    out += ',';
}

// Writes `value` (0..99) as two digits at `at`.
void two_digits(char* at, long value) {
    at[0] = static_cast<char>('0' + value / 10);
    at[1] = static_cast<char>('0' + value % 10);
}

// value.to_string_min_places(places_min), from value.to_string() when the caller has it.
void append_amount(std::string& out, const Decimal& value, std::string_view canonical, int places_min) {
    if (canonical.empty()) {
        out += value.to_string_min_places(places_min);
    } else {
        decimal_fast_path::append_canonical_min_places(out, canonical, places_min);
    }
}

void append_integer_cell(std::string& out, std::int64_t value) {
    char digits[24];
    const auto result = std::to_chars(std::begin(digits), std::end(digits), value);
    ENGINE_ASSERT(result.ec == std::errc());
    out.append(digits, result.ptr);
    out += ',';
}

}  // namespace

LinesCsvFormatter::LinesCsvFormatter(LinesContext context, const std::vector<settle::StatementRow>& rows)
    : context_(std::move(context)), settlement_currency_cell_(csv_cell(context_.currency.code(), CellKind::text) + ",") {
    row_prefixes_.reserve(rows.size());
    for (const auto& row : rows) row_prefixes_.push_back(row_prefix(context_, row));
}

std::string LinesCsvFormatter::header() { return CsvBuilder(header_cells).str(); }

// An amount in a currency: at least its minor-unit digits (cli.md); an unknown code keeps the text.
void LinesCsvFormatter::append_amount_in(std::string& out, const Decimal& value, std::string_view canonical,
                                         std::string_view currency_code) {
    if (!last_currency_code_ || *last_currency_code_ != currency_code) {
        auto found = currencies_.find(currency_code);
        if (found == currencies_.end()) found = currencies_.emplace(std::string(currency_code), Currency::from_code(currency_code)).first;
        last_currency_code_ = currency_code;
        last_currency_ = found->second;
    }
    const int places_min = last_currency_ ? last_currency_->minor_units() : 0;
    append_amount(out, value, canonical, places_min);
}

std::string LinesCsvFormatter::text_cell(std::string_view value) {
    std::string cell;
    append_cell(cell, utf8_escaped(value), CellKind::text);  // a file name may be any bytes
    return cell;
}

// format_instant(instant) ("2026-05-01T13:00:00Z") without date::format's stream and without
// allocating: it is written for every matched line. Its cell needs neither quotes nor the
// leading `'`. Years outside 1000..9999 go through format_instant and text_cell.
void LinesCsvFormatter::append_instant_cell(std::string& out, Instant instant) {
    const Day day = date::floor<date::days>(instant);
    DateText& date = dates_[static_cast<std::size_t>(day.time_since_epoch().count()) & (dates_.size() - 1)];
    if (!date.day || *date.day != day) {
        date.day = day;
        const date::year_month_day ymd{day};
        const int year = static_cast<int>(ymd.year());
        date.four_digits = year >= 1000 && year <= 9999;
        if (date.four_digits) {
            date.text = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0'};
            two_digits(&date.text[0], year / 100);
            two_digits(&date.text[2], year % 100);
            two_digits(&date.text[5], static_cast<unsigned>(ymd.month()));
            two_digits(&date.text[8], static_cast<unsigned>(ymd.day()));
        }
    }
    if (!date.four_digits) {
        out += text_cell(format_instant(instant));
        return;
    }
    const long seconds = static_cast<long>((instant - day).count());  // of the day: [0, 86400)
    char cell[] = "0000-00-00T00:00:00Z,";
    std::copy(date.text.begin(), date.text.end(), cell);
    two_digits(&cell[11], seconds / 3600);
    two_digits(&cell[14], seconds / 60 % 60);
    two_digits(&cell[17], seconds % 60);
    out.append(cell, sizeof cell - 1);
}

void LinesCsvFormatter::append_matched_line(std::size_t row_index, const MatchedLine& line, std::string& out) {
    const std::array<std::string, formatted_text_cells> cells = {
        text_cell(line.provider_name), text_cell(line.billing_account_id), text_cell(line.sub_account_id),
        text_cell(line.service_name),  text_cell(line.sku_meter),          text_cell(line.cost_currency)};
    append_line_rows({&row_index, 1},
                     FormattedLine{line.line_id, text_cell(line.import_file), line.source_line, line.charge_period_start,
                                   {cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]}, line.cost_currency,
                                   line.cost, line.fx_rate, line.settlement_cost, {}},
                     out);
}

// Amount cells are Decimal texts (`-`, digits, `.`): csv_cell would leave them as they are.
void LinesCsvFormatter::append_line_rows(std::span<const std::size_t> row_indexes, const FormattedLine& line,
                                         std::string& out) {
    std::string& cells = line_cells_;  // kind .. net_of_rule
    cells.assign("line,");
    append_integer_cell(cells, line.line_id);
    cells += line.import_file_cell;
    append_integer_cell(cells, line.source_line);
    append_instant_cell(cells, line.charge_period_start);
    for (const std::string_view cell : line.text_cells) cells += cell;
    if (line.cost) append_amount_in(cells, *line.cost, line.cost_text, line.cost_currency);
    cells += ',';
    if (line.fx_rate) cells += line.fx_rate->to_string();
    cells += ',';
    cells += settlement_currency_cell_;
    // Not converted (the cost's currency is the settlement's), it is the cost itself: the
    // same mantissa and scale, so the same text.
    const bool is_cost = line.cost && line.settlement_cost.scale() == line.cost->scale() &&
                         line.settlement_cost.mantissa() == line.cost->mantissa();
    append_amount(cells, line.settlement_cost, is_cost ? line.cost_text : std::string_view(), context_.currency.minor_units());
    cells += ",\n";  // net_of_rule: empty
    for (const std::size_t row_index : row_indexes) {
        ENGINE_ASSERT(row_index < row_prefixes_.size());
        out += row_prefixes_[row_index];
        out += cells;
    }
}

std::string LinesCsvFormatter::net_of(std::size_t row_index, const settle::StatementRow& netted) const {
    ENGINE_ASSERT(row_index < row_prefixes_.size());
    // line_id .. fx_rate (12 cells): no line.
    return row_prefixes_[row_index] + "net_of,,,,,,,,,,,,," + csv_cell(context_.currency.code(), CellKind::text) + "," +
           (-netted.share).to_string_min_places(context_.currency.minor_units()) + "," +
           csv_cell(netted.rule_id, CellKind::text) + "\n";
}

}  // namespace revshare::reports
