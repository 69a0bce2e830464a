#include "engine/settle/journal.hpp"

#include "engine/core/assert.hpp"

namespace revshare::settle {

std::vector<JournalEntry> compute_journal(const std::vector<StatementRow>& rows) {
    std::vector<JournalEntry> journal;
    journal.reserve(rows.size() * 2);
    for (const StatementRow& row : rows) {
        // Decimal has no negative zero, so a zero share gives two entries of plain 0.
        journal.push_back(JournalEntry{row.payer, row.payee, JournalAccount::payable, -row.share, row.rule_id, row.version_id,
                                       row.segment_start});
        journal.push_back(JournalEntry{row.payee, row.payer, JournalAccount::receivable, row.share, row.rule_id, row.version_id,
                                       row.segment_start});
    }
    ENGINE_ASSERT(journal_total(journal).is_zero());
    return journal;
}

Decimal journal_total(const std::vector<JournalEntry>& journal) {
    Decimal total;
    for (const JournalEntry& entry : journal) total += entry.amount;
    return total;
}

}  // namespace revshare::settle
