#pragma once
// Balance (contract.md step 9): every statement row as two journal entries that cancel.
#include "engine/settle/statement.hpp"

#include <vector>

namespace revshare::settle {

// Per row, in row order: the payer's `payable` entry (−share), then the payee's `receivable`
// entry (+share). Asserts that the entries sum to exactly zero. Works on any rows,
// adjustment rows included.
[[nodiscard]] std::vector<JournalEntry> compute_journal(const std::vector<StatementRow>& rows);

// The exact sum of the entries' amounts (zero for a balanced journal).
[[nodiscard]] Decimal journal_total(const std::vector<JournalEntry>& journal);

}  // namespace revshare::settle
