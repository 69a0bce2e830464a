#pragma once
// The exported journal (`revshare journal`, docs/reports.md "Journal export"): one transaction
// per owed statement row of each run, dated the period's last day, the payer's account credited
// and the payee's debited with the share, written as an hledger journal, a beancount file or
// the generic CSV most ERPs import. Formatting only: the amounts are the stored shares, exact,
// with the currency's minor-unit digits; the same runs give byte-identical text.
#include "engine/core/currency.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"
#include "engine/settle/statement.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::reports {

enum class JournalFormat : std::uint8_t { hledger, beancount, csv };
[[nodiscard]] std::string_view journal_format_name(JournalFormat format);  // "hledger", "beancount", "csv"
[[nodiscard]] std::optional<JournalFormat> journal_format_from_name(std::string_view name);

// One contract's run of the period, as the export reads it.
struct JournalRun {
    std::string contract_id;
    Period period;
    Currency currency;
    std::int64_t run_id = 0;
    bool closed = false;
    std::string statement_sha256;        // of the run's statement.csv
    std::string accounts_text_sha256;    // the contract text whose [accounts] gave `accounts`
    std::vector<settle::StatementRow> rows;
    std::map<std::string, std::string> accounts;     // party key -> ledger account, every party
    std::map<std::string, std::string> party_names;  // party key -> display name, every party
};

// One side of a transaction: the payer's (−share) or the payee's (+share).
struct JournalPosting {
    std::string account;
    Decimal amount;
};

// What one owed statement row becomes.
struct JournalTransaction {
    const JournalRun* run = nullptr;
    const settle::StatementRow* row = nullptr;
    std::size_t statement_row = 0;          // its 1-based data row in statement.csv
    std::array<JournalPosting, 2> postings;  // payer, then payee; they sum to zero
};

// The transactions of `run`, in statement order; a memo rule's row (owed = false) has none.
// Throws Error (exit 3) for a row whose party has no account (`run` was built without it).
[[nodiscard]] std::vector<JournalTransaction> journal_transactions(const JournalRun& run);

// The whole file for `period`: `runs` in the order given (contract id order). Throws Error
// (exit 2) when an amount, or the sum of the magnitudes posted to one account in one currency,
// has more than limits::journal_amount_digits_max significant digits (beancount would round it).
[[nodiscard]] std::string journal_export_text(const std::vector<JournalRun>& runs, const Period& period,
                                              JournalFormat format);

// The renderers journal_export_text picks from (journal_ledger_text.cpp, journal_export_csv.cpp).
[[nodiscard]] std::string journal_as_hledger(const std::vector<JournalRun>& runs, const Period& period);
[[nodiscard]] std::string journal_as_beancount(const std::vector<JournalRun>& runs, const Period& period);
// `date,account,debit,credit,currency,memo,reference`, two lines per transaction.
[[nodiscard]] std::string journal_as_erp_csv(const std::vector<JournalRun>& runs, const Period& period);

// Shared by the renderers: `19875.97`, `-103` (the currency's minor-unit digits); the row
// payee's display name (control characters written as spaces), the narration (`current
// msft-share-of-openai 2023-extension for 2026-04`), the reference (`openai-microsoft/2026-04/3`)
// and the period's last day.
[[nodiscard]] std::string journal_amount(const Decimal& amount, const Currency& currency);
[[nodiscard]] std::string journal_payee_name(const JournalTransaction& transaction);
[[nodiscard]] std::string journal_narration(const JournalTransaction& transaction);
[[nodiscard]] std::string journal_reference(const JournalTransaction& transaction);
[[nodiscard]] std::string journal_date(const Period& period);

}  // namespace revshare::reports
