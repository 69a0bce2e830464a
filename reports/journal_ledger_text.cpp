// The hledger journal and the beancount file of `revshare journal`: the same transactions, each
// tool's syntax (hledger 1.25 and beancount 2.3.5 read them: tests/app/journal_tools_test.cpp).
#include "reports/journal_export.hpp"

#include <algorithm>
#include <set>

namespace revshare::reports {
namespace {

struct Layout {
    std::size_t account_width = 0;
    std::size_t amount_width = 0;
};

Layout layout_of(const std::vector<JournalRun>& runs) {
    Layout layout;
    for (const JournalRun& run : runs) {
        for (const JournalTransaction& transaction : journal_transactions(run)) {
            for (const JournalPosting& posting : transaction.postings) {
                layout.account_width = std::max(layout.account_width, posting.account.size());
                layout.amount_width = std::max(layout.amount_width, journal_amount(posting.amount, run.currency).size());
            }
        }
    }
    return layout;
}

std::string posting_line(std::string_view indent, const JournalPosting& posting, const Currency& currency,
                         const Layout& layout) {
    const std::string amount = journal_amount(posting.amount, currency);
    return std::string(indent) + posting.account + std::string(layout.account_width - posting.account.size() + 2, ' ') +
           std::string(layout.amount_width - amount.size(), ' ') + amount + " " + currency.code() + "\n";
}

// Every party account of the runs, sorted, once.
std::set<std::string> accounts_of(const std::vector<JournalRun>& runs) {
    std::set<std::string> accounts;
    for (const JournalRun& run : runs) {
        for (const auto& [party, account] : run.accounts) accounts.insert(account);
    }
    return accounts;
}

// The comment lines that open both files: what was exported, from which runs.
std::string header(const std::vector<JournalRun>& runs, const Period& period, std::string_view format) {
    std::string text = "; revshare journal " + period.to_string() + " (" + std::string(format) + ")\n";
    for (const JournalRun& run : runs) {
        text += "; " + run.contract_id + " " + run.period.to_string() + ": run " + std::to_string(run.run_id) +
                (run.closed ? ", closed" : ", open") + ", statement.csv sha256 " + run.statement_sha256 +
                ", accounts of contract text sha256 " + run.accounts_text_sha256 + "\n";
    }
    return text + "; one transaction per owed statement row; a party's balance is what it is owed net (negative: what it owes)\n";
}

// Description text for hledger: `;` would start a comment, `|` split payee from note.
std::string hledger_text(std::string_view text) {
    std::string out;
    for (const char c : text) out += c == ';' ? ',' : c == '|' ? '/' : c;
    return out;
}

// A beancount string literal.
std::string beancount_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string commodity_format(const Currency& currency) {
    return "0." + std::string(static_cast<std::size_t>(currency.minor_units()), '0');
}

std::string hledger_transaction(const JournalTransaction& transaction, const Layout& layout) {
    const JournalRun& run = *transaction.run;
    const settle::StatementRow& row = *transaction.row;
    std::string text = journal_date(run.period) + " * (" + journal_reference(transaction) + ") " +
                       hledger_text(journal_payee_name(transaction)) + " | " + journal_narration(transaction) + "\n";
    text += "    ; contract:" + run.contract_id + ", kind:" + std::string(settle::row_kind_name(row.kind)) +
            ", rule:" + row.rule_id + ", version:" + row.version_id + ", for_period:" + row.for_period.to_string() +
            ", statement_row:" + std::to_string(transaction.statement_row) +
            ", statement_sha256:" + run.statement_sha256 + "\n";
    for (const JournalPosting& posting : transaction.postings) text += posting_line("    ", posting, run.currency, layout);
    return text;
}

std::string beancount_transaction(const JournalTransaction& transaction, const Layout& layout) {
    const JournalRun& run = *transaction.run;
    const settle::StatementRow& row = *transaction.row;
    std::string text = journal_date(run.period) + " * " + beancount_string(journal_payee_name(transaction)) + " " +
                       beancount_string(journal_narration(transaction)) + "\n";
    const std::vector<std::pair<std::string_view, std::string>> metadata = {
        {"reference", journal_reference(transaction)},
        {"contract", run.contract_id},
        {"kind", std::string(settle::row_kind_name(row.kind))},
        {"rule", row.rule_id},
        {"version", row.version_id},
        {"for_period", row.for_period.to_string()},
        {"statement_row", std::to_string(transaction.statement_row)},
        {"statement_sha256", run.statement_sha256}};
    for (const auto& [key, value] : metadata) text += "  " + std::string(key) + ": " + beancount_string(value) + "\n";
    for (const JournalPosting& posting : transaction.postings) text += posting_line("  ", posting, run.currency, layout);
    return text;
}

}  // namespace

std::string journal_as_hledger(const std::vector<JournalRun>& runs, const Period& period) {
    std::string text = header(runs, period, "hledger") + "\ndecimal-mark .\n\n";
    std::map<std::string, Currency> currencies;  // by code
    for (const JournalRun& run : runs) currencies.emplace(run.currency.code(), run.currency);
    for (const auto& [code, currency] : currencies) text += "commodity " + commodity_format(currency) + " " + code + "\n";
    text += "\n";
    for (const std::string& account : accounts_of(runs)) text += "account " + account + "\n";
    const Layout layout = layout_of(runs);
    for (const JournalRun& run : runs) {
        for (const JournalTransaction& transaction : journal_transactions(run)) text += "\n" + hledger_transaction(transaction, layout);
    }
    return text;
}

std::string journal_as_beancount(const std::vector<JournalRun>& runs, const Period& period) {
    std::string text = header(runs, period, "beancount") + "\n";
    for (const std::string& account : accounts_of(runs)) text += format_day(period.start()) + " open " + account + "\n";
    const Layout layout = layout_of(runs);
    for (const JournalRun& run : runs) {
        for (const JournalTransaction& transaction : journal_transactions(run)) {
            text += "\n" + beancount_transaction(transaction, layout);
        }
    }
    return text;
}

}  // namespace revshare::reports
