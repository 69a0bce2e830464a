#pragma once
// Balance (contract.md step 9): every statement row as two journal entries that cancel.
#include "engine/settle/statement.hpp"

#include <cstddef>
#include <vector>

namespace revshare::settle {

// Per owed row, in row order: the payer's `payable` entry (−share), then the payee's
// `receivable` entry (+share); a memo rule's row (owed = false) has none. Asserts that the
// entries sum to exactly zero. Works on rows of every kind.
[[nodiscard]] std::vector<JournalEntry> compute_journal(const std::vector<StatementRow>& rows);

// The rows that are owed between the parties (every row but a memo rule's).
[[nodiscard]] std::size_t owed_row_count(const std::vector<StatementRow>& rows);

// The exact sum of the entries' amounts (zero for a balanced journal).
[[nodiscard]] Decimal journal_total(const std::vector<JournalEntry>& journal);

}  // namespace revshare::settle
