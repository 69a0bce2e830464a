#include "engine/settle/journal.hpp"

#include "engine/core/assert.hpp"

#include <algorithm>

namespace revshare::settle {

std::vector<JournalEntry> compute_journal(const std::vector<StatementRow>& rows) {
    std::vector<JournalEntry> journal;
    journal.reserve(owed_row_count(rows) * 2);
    for (const StatementRow& row : rows) {
        if (!row.owed) continue;  // a memo rule's row: owed by no one
        // Decimal has no negative zero, so a zero share gives two entries of plain 0.
        journal.push_back(JournalEntry{row.payer, row.payee, JournalAccount::payable, -row.share, row.rule_id, row.version_id,
                                       row.segment_start});
        journal.push_back(JournalEntry{row.payee, row.payer, JournalAccount::receivable, row.share, row.rule_id, row.version_id,
                                       row.segment_start});
    }
    ENGINE_ASSERT(journal_total(journal).is_zero());
    return journal;
}

std::size_t owed_row_count(const std::vector<StatementRow>& rows) {
    return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [](const StatementRow& row) { return row.owed; }));
}

Decimal journal_total(const std::vector<JournalEntry>& journal) {
    Decimal total;
    for (const JournalEntry& entry : journal) total += entry.amount;
    return total;
}

}  // namespace revshare::settle
