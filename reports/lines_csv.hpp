#pragma once
// lines.csv (issue 6): every normalised line a current statement row used, one CSV row per
// (line, statement row) match, with its provenance, its cost in its own currency, the FX rate
// and its cost in the settlement currency. A row whose rule is `net_of` other rules also gets
// one `net_of` row per netted rule carrying minus that rule's final share, so that the sum of
// `settlement_cost` per (segment_start, version, rule) is exactly the statement's basis.
// Formatting only; rows are streamed (the caller writes each string as it comes).
#include "engine/core/currency.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"
#include "engine/settle/statement.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::reports {

struct LinesContext {
    std::string contract_id;
    Period period;
    Currency currency;  // the settlement currency
};

// One matched line's cells (views into the caller's line, valid for the call).
struct MatchedLine {
    std::int64_t line_id = 0;
    std::string_view import_file;
    std::int64_t source_line = 0;
    Instant charge_period_start{};
    std::string_view provider_name;
    std::string_view billing_account_id;
    std::string_view sub_account_id;
    std::string_view service_name;
    std::string_view sku_meter;
    std::string_view cost_currency;
    std::optional<Decimal> cost;  // nullopt: the cost cell was empty (adds zero)
    std::optional<Decimal> fx_rate;
    Decimal settlement_cost;
};

constexpr std::size_t formatted_text_cells = 6;

// The same line with its text cells already formatted, each as text_cell() writes it: a caller
// formatting millions of lines formats each distinct text once and passes the cells (views
// valid for the call). The amounts are the caller's.
struct FormattedLine {
    std::int64_t line_id = 0;
    std::string_view import_file_cell;
    std::int64_t source_line = 0;
    Instant charge_period_start{};
    // provider_name, billing_account_id, sub_account_id, service_name, sku_meter, cost_currency
    std::array<std::string_view, formatted_text_cells> text_cells;
    std::string_view cost_currency;  // the code itself, for the cost's minor units
    const std::optional<Decimal>& cost;
    // The settlement converts a line once: every statement row it matched uses these.
    const std::optional<Decimal>& fx_rate;
    const Decimal& settlement_cost;
    // cost->to_string(), when the caller has it (a stored cost is stored as that text): the
    // cost cells are then printed from it, not formatted again. Empty: formatted from `cost`.
    std::string_view cost_text;
};

// Formats lines.csv rows for one settlement's current rows. The cells of a statement row are
// formatted once (every line of the row repeats them) and currencies are looked up once.
//   period,contract,segment_start,version,rule,payer,payee,kind,line_id,import_file,source_line,
//   charge_period_start,provider,billing_account,sub_account,service_name,sku_meter,cost_currency,
//   cost,fx_rate,currency,settlement_cost,net_of_rule
class LinesCsvFormatter {
public:
    LinesCsvFormatter(LinesContext context, const std::vector<settle::StatementRow>& rows);
    [[nodiscard]] static std::string header();
    // A text cell as lines.csv writes it (csv_cell of a text), then its comma.
    [[nodiscard]] static std::string text_cell(std::string_view value);
    // Appends the row of `line` in statement row `row_index` to `out`.
    void append_matched_line(std::size_t row_index, const MatchedLine& line, std::string& out);
    // The rows of one line in statement rows `row_indexes`, in that order, from cells formatted
    // ahead (what LineDetailPass passes); each is append_matched_line's row. Called once per
    // matched line of a period (millions): a line's rows differ only in the statement row's
    // cells, so the line's cells are formatted once; each charge day's date and the last
    // currency looked up are remembered.
    void append_line_rows(std::span<const std::size_t> row_indexes, const FormattedLine& line, std::string& out);
    // The `net_of` row of row `row_index`: minus `netted`'s final share, which its basis excludes.
    [[nodiscard]] std::string net_of(std::size_t row_index, const settle::StatementRow& netted) const;

private:
    // Appends `value` in the currency `currency_code`; `canonical`: value.to_string() or empty.
    void append_amount_in(std::string& out, const Decimal& value, std::string_view canonical,
                          std::string_view currency_code);
    // Appends the charge_period_start cell (format_instant's text) and its comma.
    void append_instant_cell(std::string& out, Instant instant);
    LinesContext context_;
    std::vector<std::string> row_prefixes_;  // the statement row's cells, then a comma
    std::string settlement_currency_cell_;   // the `currency` cell, then a comma
    std::map<std::string, std::optional<Currency>, std::less<>> currencies_;
    std::optional<std::string> last_currency_code_;  // and its currency, looked up last
    std::optional<Currency> last_currency_;
    // Charge days formatted, by day number modulo 64 (a period's days never share a slot).
    struct DateText {
        std::optional<Day> day;
        bool four_digits = false;      // whether its year has four digits, and then
        std::array<char, 10> text{};   // its "YYYY-MM-DD"
    };
    std::array<DateText, 64> dates_{};
    std::string line_cells_;  // scratch: the cells of the line being written, after the statement row's
};

}  // namespace revshare::reports
