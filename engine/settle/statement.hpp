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

// What a statement row is (contract.md, statement order): a rule's share of a segment
// (current), late data for a closed period (adjustment, made by the caller:
// jobs/adjustments.hpp), an annual minimum's shortfall (true_up, step 7a), an advance paid
// and recouped (advance, recoupment, step 7b), a withholding tax (withholding, step 7c).
// Written as "current", "adjustment", "true-up", "advance", "recoupment", "withholding".
enum class RowKind : std::uint8_t { current, adjustment, true_up, advance, recoupment, withholding };
[[nodiscard]] std::string_view row_kind_name(RowKind kind);
[[nodiscard]] std::optional<RowKind> row_kind_from_name(std::string_view name);

// A journal entry's side. Written as "payable" / "receivable".
enum class JournalAccount : std::uint8_t { payable, receivable };
[[nodiscard]] std::string_view journal_account_name(JournalAccount account);
[[nodiscard]] std::optional<JournalAccount> journal_account_from_name(std::string_view name);

// The steps that changed a row's share (cli.md `limited_by`), in the order they apply.
struct LimitedBy {
    bool minimum = false;
    bool maximum = false;
    bool cap = false;
    [[nodiscard]] bool any() const { return minimum || maximum || cap; }
    [[nodiscard]] std::string text() const;  // "minimum;cap", "" when none
    [[nodiscard]] static std::optional<LimitedBy> from_text(std::string_view text);
    friend bool operator==(const LimitedBy&, const LimitedBy&) = default;
};

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
    // false: a memo rule's row (owed = false): stated, but in no net, journal or cap.
    bool owed = true;
    // Why the share is what it is (cli.md's last four columns): the step-5 rounded share of a
    // current row; the limits that changed a current or true-up row's share; and what is left
    // of the rule's cap group after a current or true-up row (nullopt where not given).
    std::optional<Decimal> share_before_limits = std::nullopt;
    LimitedBy limited_by = {};
    std::optional<Decimal> cap_remaining = std::nullopt;
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
