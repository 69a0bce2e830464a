#pragma once
// Statement rows of two settlements side by side, for variance.csv (this period against the
// previous one) and comparison.csv (one period under two contracts). Rows are matched by
// (kind, rule, payer, payee); the segments of a settlement (a mid-month amendment) and, for
// adjustments, the periods they are for, are added up per key first, so a rule that a new
// version re-states lines up whatever its segments. A key on one side only is compared with
// zero. Exact sums; no rounding.
#include "engine/core/decimal.hpp"
#include "engine/settle/statement.hpp"

#include <optional>
#include <string>
#include <vector>

namespace revshare::reports {

struct RowTotals {
    std::string versions;  // the versions of its rows, in statement order, `+`-joined, unique
    Decimal basis;
    Decimal share;
    std::int64_t lines = 0;
    settle::LimitedBy limited_by;          // every limit that changed one of its rows' shares
    std::optional<Decimal> cap_remaining;  // after its last row with a cap group
};

struct ComparedRow {
    settle::RowKind kind = settle::RowKind::current;
    std::string rule_id;
    std::string payer;
    std::string payee;
    std::optional<RowTotals> left;   // nullopt: no such row on the left
    std::optional<RowTotals> right;
};

// In the left settlement's row order, then the keys only the right one has, in its order.
[[nodiscard]] std::vector<ComparedRow> compare_rows(const std::vector<settle::StatementRow>& left,
                                                    const std::vector<settle::StatementRow>& right);

// (change / |before|) × 100 rounded half-to-even to 2 places; nullopt when before is zero.
[[nodiscard]] std::optional<Decimal> percent_change(const Decimal& change, const Decimal& before);

}  // namespace revshare::reports
