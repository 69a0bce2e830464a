#pragma once
// The values a settlement produces: statement rows (one per segment and rule, plus
// adjustments), pairwise net amounts and the double-entry journal.
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"

#include <cstdint>
#include <string>

namespace revshare::settle {

struct StatementRow {
    std::string kind = "current";  // "current" | "adjustment" (adjustments come from the caller)
    Period for_period;             // the period this row settles
    std::string version_id;
    std::string rule_id;
    std::string payer;  // party key
    std::string payee;  // party key
    Day segment_start;  // [segment_start, segment_end)
    Day segment_end;
    Decimal basis;          // exact: matched converted cost minus net_of shares
    Decimal share;          // what the payer owes the payee, in the currency's minor units
    std::int64_t lines = 0; // matched lines in the segment, zero-cost and empty-cost included
};

// What `from_party` owes `to_party` once the shares both ways are offset. amount > 0.
struct NetRow {
    std::string from_party;
    std::string to_party;
    Decimal amount;
};

// One side of a statement row in double entry: the payer's payable (−share) or the payee's
// receivable (+share). The entries of a settlement sum to exactly zero.
struct JournalEntry {
    std::string party;
    std::string counterparty;
    std::string account;  // "payable" | "receivable"
    Decimal amount;
    std::string rule_id;
    std::string version_id;
    Day segment_start;
};

}  // namespace revshare::settle
