#pragma once
// Steps 4–7 of contract.md, row by row in statement order (segment start, then rule file
// order): basis, share (5a: over the year-to-date basis), minimum/maximum, lifetime cap, and
// what each step did to the share (the row's explanation columns).
#include "engine/core/period.hpp"
#include "engine/rules/contract.hpp"
#include "engine/settle/caps.hpp"
#include "engine/settle/carried_totals.hpp"
#include "engine/settle/line_totals.hpp"
#include "engine/settle/segments.hpp"
#include "engine/settle/statement.hpp"

#include <span>
#include <vector>

namespace revshare::settle {

struct RowInputs {
    const rules::Contract& contract;
    Period period;
    std::span<const Segment> segments;
    const std::vector<std::vector<RuleTotal>>& totals_by_segment;  // from accumulate_lines
    const CarriedTotals& carried;  // the year-to-date bases of step 5a
};

// One row per (segment, rule), rules without matched lines included. `caps` carries the cap
// groups' running totals in and out.
[[nodiscard]] std::vector<StatementRow> compute_statement_rows(const RowInputs& inputs, CapLedger& caps);

}  // namespace revshare::settle
