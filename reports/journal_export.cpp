#include "reports/journal_export.hpp"

#include "engine/core/error.hpp"
#include "engine/core/limits.hpp"

#include <utility>

namespace revshare::reports {
namespace {

const std::string& account_of(const JournalRun& run, const std::string& party) {
    const auto found = run.accounts.find(party);
    if (found == run.accounts.end()) {
        throw Error("internal invariant failed: " + run.contract_id + " " + run.period.to_string() + " names party \"" +
                        party + "\", which has no ledger account; no journal was written",
                    ExitCode::locked_or_invariant);
    }
    return found->second;
}

[[noreturn]] void too_long(const std::string& what) {
    throw Error("journal: " + what + " has more than " + std::to_string(limits::journal_amount_digits_max) +
                " significant digits, more than beancount holds exactly (it would round it); no journal was written");
}

// Every amount, and the sum of the magnitudes posted to each (account, currency), within
// limits::journal_amount_digits_max digits: then every running balance is too.
void check_amount_digits(const std::vector<JournalRun>& runs) {
    std::map<std::pair<std::string, std::string>, Decimal> magnitudes;
    for (const JournalRun& run : runs) {
        const int integer_digits = limits::journal_amount_digits_max - run.currency.minor_units();
        for (const JournalTransaction& transaction : journal_transactions(run)) {
            for (const JournalPosting& posting : transaction.postings) {
                const Decimal magnitude = posting.amount.is_negative() ? -posting.amount : posting.amount;
                if (!magnitude.magnitude_below_power_of_ten(integer_digits)) {
                    too_long("the share " + journal_amount(posting.amount, run.currency) + " " + run.currency.code() +
                             " of " + journal_reference(transaction));
                }
                Decimal& total = magnitudes[{posting.account, run.currency.code()}];
                total += magnitude;
                if (!total.magnitude_below_power_of_ten(integer_digits)) {
                    too_long("the sum of the amounts posted to " + posting.account + " in " + run.currency.code());
                }
            }
        }
    }
}

}  // namespace

std::string_view journal_format_name(JournalFormat format) {
    switch (format) {
        case JournalFormat::hledger: return "hledger";
        case JournalFormat::beancount: return "beancount";
        case JournalFormat::csv: return "csv";
    }
    return "csv";
}

std::optional<JournalFormat> journal_format_from_name(std::string_view name) {
    for (const JournalFormat format : {JournalFormat::hledger, JournalFormat::beancount, JournalFormat::csv}) {
        if (journal_format_name(format) == name) return format;
    }
    return std::nullopt;
}

std::vector<JournalTransaction> journal_transactions(const JournalRun& run) {
    std::vector<JournalTransaction> transactions;
    for (std::size_t i = 0; i < run.rows.size(); ++i) {
        const settle::StatementRow& row = run.rows[i];
        if (!row.owed) continue;  // a memo rule's row: owed by no one (contract.md step 9)
        transactions.push_back(JournalTransaction{
            .run = &run,
            .row = &row,
            .statement_row = i + 1,
            .postings = {JournalPosting{account_of(run, row.payer), -row.share},
                         JournalPosting{account_of(run, row.payee), row.share}}});
    }
    return transactions;
}

std::string journal_export_text(const std::vector<JournalRun>& runs, const Period& period, JournalFormat format) {
    check_amount_digits(runs);
    switch (format) {
        case JournalFormat::hledger: return journal_as_hledger(runs, period);
        case JournalFormat::beancount: return journal_as_beancount(runs, period);
        case JournalFormat::csv: return journal_as_erp_csv(runs, period);
    }
    return journal_as_erp_csv(runs, period);
}

std::string journal_amount(const Decimal& amount, const Currency& currency) {
    return amount.to_string_min_places(currency.minor_units());
}

std::string journal_payee_name(const JournalTransaction& transaction) {
    const auto found = transaction.run->party_names.find(transaction.row->payee);
    std::string name = found == transaction.run->party_names.end() ? transaction.row->payee : found->second;
    // A display name may hold a tab or a line end (a TOML escape); no ledger line or memo cell should.
    for (char& c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) c = ' ';
    }
    return name;
}

std::string journal_narration(const JournalTransaction& transaction) {
    const settle::StatementRow& row = *transaction.row;
    return std::string(settle::row_kind_name(row.kind)) + " " + row.rule_id +
           (row.version_id.empty() ? "" : " " + row.version_id) + " for " + row.for_period.to_string();
}

std::string journal_reference(const JournalTransaction& transaction) {
    return transaction.run->contract_id + "/" + transaction.run->period.to_string() + "/" +
           std::to_string(transaction.statement_row);
}

std::string journal_date(const Period& period) { return format_day(period.end_exclusive() - date::days(1)); }

}  // namespace revshare::reports
