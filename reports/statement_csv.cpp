#include "reports/statement_csv.hpp"

#include "engine/core/assert.hpp"
#include "reports/csv_writer.hpp"

#include <algorithm>

namespace revshare::reports {
namespace {

std::string amount(const Decimal& value, const Currency& currency) {
    return value.to_string_min_places(currency.minor_units());
}

std::string pad(std::string text, std::size_t width, bool right) {
    if (text.size() >= width) return text;
    return right ? std::string(width - text.size(), ' ') + text : text + std::string(width - text.size(), ' ');
}

}  // namespace

void assert_balanced(const StatementView& statement) {
    ENGINE_ASSERT(statement.journal.size() == 2 * statement.rows.size());
    Decimal sum;
    for (const auto& entry : statement.journal) sum += entry.amount;
    ENGINE_ASSERT(sum.is_zero());
}

std::string statement_as_csv(const StatementView& statement) {
    assert_balanced(statement);
    CsvBuilder csv({"period", "contract", "kind", "for_period", "version", "rule", "payer", "payee", "currency",
                    "basis", "share", "lines"});
    const std::string period = statement.period.to_string();
    for (const auto& row : statement.rows) {
        ENGINE_ASSERT(row.share.significant_scale() <= statement.currency.minor_units());
        csv.text(period)
            .text(statement.contract_id)
            .text(row.kind)
            .text(row.for_period.to_string())
            .text(row.version_id)
            .text(row.rule_id)
            .text(row.payer)
            .text(row.payee)
            .text(statement.currency.code())
            .number(amount(row.basis, statement.currency))
            .number(amount(row.share, statement.currency))
            .number(std::to_string(row.lines));
        csv.end_row();
    }
    return csv.str();
}

std::string net_as_csv(const StatementView& statement) {
    assert_balanced(statement);
    CsvBuilder csv({"period", "contract", "from_party", "to_party", "currency", "amount"});
    for (const auto& row : statement.net) {
        ENGINE_ASSERT(row.amount.sign() > 0);
        csv.text(statement.period.to_string())
            .text(statement.contract_id)
            .text(row.from_party)
            .text(row.to_party)
            .text(statement.currency.code())
            .number(amount(row.amount, statement.currency));
        csv.end_row();
    }
    return csv.str();
}

std::string statement_as_table(const StatementView& statement) {
    std::vector<std::vector<std::string>> cells = {
        {"segment", "kind", "version", "rule", "payer", "payee", "lines", "basis", "share"}};
    for (const auto& row : statement.rows) {
        const std::string segment = format_day(row.segment_start) + ".." +
                                    format_day(row.segment_end - date::days(1));
        cells.push_back({row.kind == "adjustment" ? "for " + row.for_period.to_string() : segment, row.kind,
                         row.version_id, row.rule_id, row.payer, row.payee, std::to_string(row.lines),
                         amount(row.basis, statement.currency), amount(row.share, statement.currency)});
    }
    std::vector<std::size_t> widths(cells.front().size(), 0);
    for (const auto& line : cells) {
        for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], line[i].size());
    }
    std::string out = statement.contract_id + " " + statement.period.to_string() + " (" + statement.currency.code() + ")\n";
    for (const auto& line : cells) {
        for (std::size_t i = 0; i < line.size(); ++i) {
            out += (i == 0 ? "  " : "  ") + pad(line[i], widths[i], i >= 6);
        }
        out += "\n";
    }
    out += "net:\n";
    if (statement.net.empty()) out += "  every pair of parties nets to zero\n";
    for (const auto& row : statement.net) {
        out += "  " + row.from_party + " pays " + row.to_party + " " + amount(row.amount, statement.currency) + " " +
               statement.currency.code() + "\n";
    }
    return out;
}

}  // namespace revshare::reports
