#include "reports/statement_csv.hpp"

#include "engine/core/error.hpp"
#include "reports/csv_writer.hpp"
#include "engine/settle/journal.hpp"

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

namespace {

[[noreturn]] void fail_check(const StatementView& statement, const std::string& what) {
    throw Error("internal invariant failed: the stored settlement of " + statement.contract_id + " " +
                    statement.period.to_string() + " " + what +
                    "; settle never stores that, so the database was changed after settling (revshare verify lists "
                    "what differs); no report was written",
                ExitCode::locked_or_invariant);
}

}  // namespace

int statement_column_count(StatementColumns columns) {
    return columns == StatementColumns::explained ? 16 : 12;
}

std::optional<StatementColumns> statement_columns_from_count(int count) {
    if (count == 16) return StatementColumns::explained;
    if (count == 12) return StatementColumns::before_explanations;
    return std::nullopt;
}

void check_balanced(const StatementView& statement) {
    const Currency& currency = statement.currency;
    const std::size_t owed_rows = settle::owed_row_count(statement.rows);
    if (statement.journal.size() != 2 * owed_rows) {
        fail_check(statement, "has " + std::to_string(statement.journal.size()) + " journal entries for " +
                                  std::to_string(owed_rows) + " owed statement rows, not two per row");
    }
    Decimal sum;
    for (const auto& entry : statement.journal) sum += entry.amount;
    if (!sum.is_zero()) {
        fail_check(statement, "has a journal that sums to " + amount(sum, currency) + " " + currency.code() + ", not zero");
    }
    for (const auto& row : statement.rows) {
        if (row.share.significant_scale() > currency.minor_units()) {
            fail_check(statement, "has the share " + row.share.to_string() + " of rule \"" + row.rule_id + "\", not in " +
                                      currency.code() + " minor units");
        }
    }
    for (const auto& row : statement.net) {
        if (row.amount.sign() <= 0) {
            fail_check(statement, "has a net from " + row.from_party + " to " + row.to_party + " of " +
                                      amount(row.amount, currency) + ", not > 0");
        }
    }
}

namespace {

CsvBuilder statement_builder(const StatementView& statement, bool keep_table) {
    check_balanced(statement);
    std::vector<std::string_view> header{"period", "contract", "kind",     "for_period", "version", "rule",
                                         "payer",  "payee",    "currency", "basis",      "share",   "lines"};
    const bool explained = statement.columns == StatementColumns::explained;
    if (explained) {
        for (const char* column : {"share_before_limits", "limited_by", "cap_remaining", "owed"}) header.emplace_back(column);
    }
    CsvBuilder csv(header, keep_table);
    const std::string period = statement.period.to_string();
    const auto optional_amount = [&statement](const std::optional<Decimal>& value) {
        return value ? amount(*value, statement.currency) : std::string();
    };
    for (const auto& row : statement.rows) {
        csv.text(period)
            .text(statement.contract_id)
            .text(settle::row_kind_name(row.kind))
            .text(row.for_period.to_string())
            .text(row.version_id)
            .text(row.rule_id)
            .text(row.payer)
            .text(row.payee)
            .text(statement.currency.code())
            .number(amount(row.basis, statement.currency))
            .number(amount(row.share, statement.currency))
            .number(std::to_string(row.lines));
        if (explained) {
            csv.number(optional_amount(row.share_before_limits))
                .text(row.limited_by.text())
                .number(optional_amount(row.cap_remaining))
                .text(row.owed ? "true" : "false");
        }
        csv.end_row();
    }
    return csv;
}

CsvBuilder net_builder(const StatementView& statement, bool keep_table) {
    check_balanced(statement);
    CsvBuilder csv({"period", "contract", "from_party", "to_party", "currency", "amount"}, keep_table);
    for (const auto& row : statement.net) {
        csv.text(statement.period.to_string())
            .text(statement.contract_id)
            .text(row.from_party)
            .text(row.to_party)
            .text(statement.currency.code())
            .number(amount(row.amount, statement.currency));
        csv.end_row();
    }
    return csv;
}

}  // namespace

std::string statement_as_csv(const StatementView& statement) { return statement_builder(statement, false).str(); }
ReportTable statement_cells(const StatementView& statement) { return statement_builder(statement, true).table(); }
std::string net_as_csv(const StatementView& statement) { return net_builder(statement, false).str(); }
ReportTable net_cells(const StatementView& statement) { return net_builder(statement, true).table(); }

std::string journal_as_csv(const StatementView& statement) {
    check_balanced(statement);
    CsvBuilder csv({"period", "contract", "party", "counterparty", "account", "currency", "amount", "rule", "version",
                    "segment_start"});
    for (const auto& entry : statement.journal) {
        csv.text(statement.period.to_string())
            .text(statement.contract_id)
            .text(entry.party)
            .text(entry.counterparty)
            .text(settle::journal_account_name(entry.account))
            .text(statement.currency.code())
            .number(amount(entry.amount, statement.currency))
            .text(entry.rule_id)
            .text(entry.version_id)
            .text(format_day(entry.segment_start));
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
        cells.push_back({row.kind == settle::RowKind::adjustment ? "for " + row.for_period.to_string() : segment,
                         std::string(settle::row_kind_name(row.kind)) + (row.owed ? "" : " (memo)"),
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
