#include "reports/statement_html.hpp"

#include "reports/revenue_chart_svg.hpp"
#include "reports/row_explanation.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>

#include <set>
#include <tuple>

namespace revshare::reports {
namespace {

// Print: A4 portrait, tables never split a row, the chart kept whole; screen: the same page.
constexpr const char* style = R"css(
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #111;
       max-width: 186mm; margin: 8mm auto; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; break-after: avoid; }
p.subtitle { margin: 0 0 4mm; color: #444; }
table { border-collapse: collapse; width: 100%; margin-bottom: 3mm; }
th, td { text-align: left; padding: 1mm 1.5mm; border-bottom: 1px solid #ddd; vertical-align: top; }
th { background: #f0f0f0; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.current, table.adjustment, table.true-up { font-size: 8pt; }
td.nowrap { white-space: nowrap; }
p.note { font-size: 8.5pt; color: #444; margin: 0 0 2mm; }
tr { break-inside: avoid; }
tr.total td { font-weight: 600; border-top: 1px solid #555; }
tr.memo td { color: #666; font-style: italic; }
td.why { font-size: 7.5pt; color: #333; }
p.draft { border: 2px solid #b00; color: #b00; font-weight: 700; padding: 2mm; margin: 0 0 4mm; }
svg.chart { display: block; break-inside: avoid; font-size: 9px; max-width: 100%; height: auto; }
code { font-size: 8pt; word-break: break-all; }
p.empty { color: #666; font-style: italic; }
@media print { body { margin: 0; max-width: none; } h2 { margin-top: 4mm; } }
)css";

std::string amount(const Decimal& value, const Currency& currency) {
    return value.to_string_min_places(currency.minor_units());
}

std::string cell(std::string_view text, const char* css_class = nullptr) {
    return std::string(css_class ? "<td class=\"" + std::string(css_class) + "\">" : "<td>") + html_escape(text) + "</td>";
}

std::string parties_html(const StatementHtmlInput& input) {
    std::string html = "<h2>Parties</h2><table><thead><tr><th>key</th><th>name</th></tr></thead><tbody>";
    for (const auto& [key, name] : input.parties) html += "<tr>" + cell(key) + cell(name) + "</tr>";
    return html + "</tbody></table>";
}

std::string versions_html(const StatementView& statement) {
    std::string html = "<h2>Versions in force</h2>";
    std::set<std::tuple<Day, Day, std::string>> segments;
    for (const auto& row : statement.rows) {
        if (row.kind == settle::RowKind::current) segments.emplace(row.segment_start, row.segment_end, row.version_id);
    }
    if (segments.empty()) return html + "<p class=\"empty\">No version of the contract is in force in this period.</p>";
    html += "<table><thead><tr><th>version</th><th>from</th><th>to (inclusive)</th></tr></thead><tbody>";
    for (const auto& [start, end, version] : segments) {
        html += "<tr>" + cell(version) + cell(format_day(start)) + cell(format_day(end - date::days(1))) + "</tr>";
    }
    return html + "</tbody></table>";
}

// Owed shares per payer -> payee, in byte order: a total that adds payments in both
// directions would mean nothing.
std::string pair_totals_html(const StatementView& statement, const std::vector<const settle::StatementRow*>& rows,
                             int columns) {
    std::map<std::pair<std::string, std::string>, Decimal> totals;
    Decimal memo;
    bool any_memo = false;
    for (const auto* row : rows) {
        if (row->owed) {
            totals[{row->payer, row->payee}] += row->share;
        } else {
            memo += row->share;
            any_memo = true;
        }
    }
    std::string html;
    const std::string currency = html_escape(statement.currency.code());
    for (const auto& [pair, total] : totals) {
        html += "<tr class=\"total\"><td colspan=\"" + std::to_string(columns) + "\">total " + html_escape(pair.first) +
                " &#8594; " + html_escape(pair.second) + " (" + currency + ")</td>" +
                cell(amount(total, statement.currency), "num") + "<td></td></tr>";
    }
    if (any_memo) {
        html += "<tr class=\"total memo\"><td colspan=\"" + std::to_string(columns) + "\">memo rows, owed by no one (" +
                currency + ")</td>" + cell(amount(memo, statement.currency), "num") + "<td></td></tr>";
    }
    return html;
}

// The statement rows of the given kinds, each with why its share is what it is, and the owed
// totals per payer -> payee.
std::string rows_html(const StatementHtmlInput& input, std::initializer_list<settle::RowKind> kinds, const char* none) {
    const StatementView& statement = input.statement;
    const bool current = *kinds.begin() == settle::RowKind::current;
    std::vector<const settle::StatementRow*> rows;
    for (const auto& row : statement.rows) {
        if (std::find(kinds.begin(), kinds.end(), row.kind) != kinds.end()) rows.push_back(&row);
    }
    if (rows.empty()) return std::string("<p class=\"empty\">") + none + "</p>";
    std::string html = "<table class=\"" + std::string(settle::row_kind_name(*kinds.begin())) + "\"><thead><tr>" +
                       std::string(current ? "<th>segment</th>" : "<th>kind</th><th>for period</th>") +
                       "<th>version</th><th>rule</th><th>payer</th><th>payee</th><th class=\"num\">lines</th>"
                       "<th class=\"num\">basis</th><th class=\"num\">share</th><th>why</th></tr></thead><tbody>";
    for (const auto* row : rows) {
        const std::string where = current ? cell(format_day(row->segment_start) + ".." +
                                                     format_day(row->segment_end - date::days(1)).substr(5),
                                                 "nowrap")
                                          : cell(settle::row_kind_name(row->kind)) + cell(row->for_period.to_string());
        const std::string why = input.contract != nullptr ? explain_row(*row, *input.contract) : std::string();
        html += std::string(row->owed ? "<tr class=\"statement-row\">" : "<tr class=\"statement-row memo\">") + where +
                cell(row->version_id) + cell(row->rule_id) + cell(row->payer) + cell(row->payee) +
                cell(std::to_string(row->lines), "num lines") + cell(amount(row->basis, statement.currency), "num basis") +
                cell(amount(row->share, statement.currency), "num share") + cell(why, "why") + "</tr>";
    }
    html += pair_totals_html(statement, rows, current ? 7 : 8);
    return html + "</tbody></table>";
}

std::string net_html(const StatementView& statement) {
    std::string html = "<h2>Net</h2>";
    if (statement.net.empty()) return html + "<p class=\"empty\">Every pair of parties nets to zero.</p>";
    html += "<table class=\"net\"><thead><tr><th>pays</th><th>to</th><th class=\"num\">amount</th></tr></thead><tbody>";
    for (const auto& row : statement.net) {
        html += "<tr class=\"net-row\">" + cell(row.from_party) + cell(row.to_party) +
                cell(amount(row.amount, statement.currency), "num amount") + "</tr>";
    }
    return html + "</tbody></table>";
}

std::string hashes_html(const StatementHtmlInput& input) {
    std::string html = "<h2>For audit</h2><table class=\"hashes\"><tbody>";
    html += "<tr><th>statement.csv SHA-256</th><td><code>" + html_escape(input.statement_sha256) + "</code></td></tr>";
    html += "<tr><th>contract text SHA-256</th><td><code>" + html_escape(input.contract_sha256) + "</code></td></tr>";
    html += "<tr><th>close chain SHA-256</th><td>" +
            (input.close_chain_sha256 ? "<code>" + html_escape(*input.close_chain_sha256) + "</code>"
                                      : std::string("open period (not closed)")) +
            "</td></tr>";
    return html + "</tbody></table><p>revshare replay --period " + input.statement.period.to_string() +
           " recomputes this statement and checks these hashes.</p>";
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::string statement_as_html(const StatementHtmlInput& input) {
    const StatementView& statement = input.statement;
    check_balanced(statement);
    const bool draft = !input.close_chain_sha256.has_value();
    const std::string title =
        std::string(draft ? "DRAFT " : "") + input.contract_name + " — statement " + statement.period.to_string();
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html_escape(title) +
                       "</title><style>" + style + "</style></head><body>";
    if (draft) {
        html += "<p class=\"draft\">DRAFT: " + statement.period.to_string() +
                " is an open period, not closed; these figures change when it is settled again.</p>";
    }
    html += "<h1>" + html_escape(input.contract_name) + "</h1><p class=\"subtitle\">Statement for " +
            statement.period.to_string() + " · contract <code>" + html_escape(statement.contract_id) +
            "</code> · amounts in " + html_escape(statement.currency.code()) + "</p>";
    html += parties_html(input) + versions_html(statement);
    html += "<h2>Statement</h2>" + rows_html(input, {settle::RowKind::current}, "No statement rows.");
    html += "<h2>Adjustments for closed periods</h2>" + rows_html(input, {settle::RowKind::adjustment}, "No adjustments.");
    const bool has_period_end_rows = std::any_of(statement.rows.begin(), statement.rows.end(), [](const auto& row) {
        return row.kind != settle::RowKind::current && row.kind != settle::RowKind::adjustment;
    });
    if (has_period_end_rows) {
        html += "<h2>True-ups, advances and withholding</h2>" +
                rows_html(input,
                          {settle::RowKind::true_up, settle::RowKind::advance, settle::RowKind::recoupment,
                           settle::RowKind::withholding},
                          "");
    }
    html += net_html(statement);
    html += "<h2>Matched revenue by provider, last " + std::to_string(input.months.size()) + " settled periods</h2>";
    html += "<p class=\"note\">The cost (contract cost column, converted to " + html_escape(statement.currency.code()) +
            ") of the lines some rule of the version in force matched, each line once; lines.csv lists them.</p>";
    html += revenue_chart_svg(input.months, statement.currency) + revenue_table_html(input.months, statement.currency);
    html += hashes_html(input);
    return html + "</body></html>\n";
}

}  // namespace revshare::reports
