// The generic journal CSV of `revshare journal --format csv`, the shape most ERPs import:
// `date,account,debit,credit,currency,memo,reference`, one line per posting, both columns
// non-negative, the lines of one transaction sharing its reference.
#include "reports/csv_writer.hpp"
#include "reports/journal_export.hpp"

namespace revshare::reports {

std::string journal_as_erp_csv(const std::vector<JournalRun>& runs, const Period& period) {
    CsvBuilder csv({"date", "account", "debit", "credit", "currency", "memo", "reference"});
    for (const JournalRun& run : runs) {
        for (const JournalTransaction& transaction : journal_transactions(run)) {
            const std::string memo = journal_payee_name(transaction) + " | " + journal_narration(transaction) +
                                     " | statement sha256 " + run.statement_sha256;
            for (std::size_t side = 0; side < transaction.postings.size(); ++side) {
                const JournalPosting& posting = transaction.postings[side];
                // A positive amount is a debit, a negative one a credit of its magnitude; a zero
                // share is a debit of the payee and a credit of the payer, like a positive one.
                const bool debit = posting.amount.is_zero() ? side == 1 : !posting.amount.is_negative();
                const std::string magnitude =
                    journal_amount(posting.amount.is_negative() ? -posting.amount : posting.amount, run.currency);
                csv.text(journal_date(period))
                    .text(posting.account)
                    .number(debit ? magnitude : "")
                    .number(debit ? "" : magnitude)
                    .text(run.currency.code())
                    .text(memo)
                    .text(journal_reference(transaction));
                csv.end_row();
            }
        }
    }
    return csv.str();
}

}  // namespace revshare::reports
