#pragma once
// The values a settlement produces: statement rows (one per segment and rule, plus
// adjustments), pairwise net amounts and the double-entry journal.
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace revshare::settle {

// A statement row settles its own period (current) or posts late data for a closed one
// (adjustment, made by the caller: jobs/adjustments.hpp). Written as "current" / "adjustment".
enum class RowKind : std::uint8_t { current, adjustment };
[[nodiscard]] std::string_view row_kind_name(RowKind kind);
[[nodiscard]] std::optional<RowKind> row_kind_from_name(std::string_view name);

// A journal entry's side. Written as "payable" / "receivable".
enum class JournalAccount : std::uint8_t { payable, receivable };
[[nodiscard]] std::string_view journal_account_name(JournalAccount account);
[[nodiscard]] std::optional<JournalAccount> journal_account_from_name(std::string_view name);

struct StatementRow {
    RowKind kind = RowKind::current;
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
    JournalAccount account = JournalAccount::payable;
    Decimal amount;
    std::string rule_id;
    std::string version_id;
    Day segment_start;
};

}  // namespace revshare::settle
