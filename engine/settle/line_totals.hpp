#pragma once
// The one pass over a period's lines (contract.md steps 1–3 and the line part of step 4):
// each line goes to the segment of its ChargePeriodStart, is matched against that segment's
// rules, converted once, and added to every matching rule's total.
#include "engine/core/decimal.hpp"
#include "engine/settle/conversion.hpp"
#include "engine/settle/segments.hpp"
#include "engine/settle/settle_inputs.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <vector>

namespace revshare::settle {

struct RuleTotal {
    Decimal cost;            // exact sum of the matched lines' converted cost
    std::int64_t lines = 0;  // matched lines, zero-cost and empty-cost included
};

struct LineTotals {
    // [segment][rule index in the segment's version], every (segment, rule) present.
    std::vector<std::vector<RuleTotal>> by_segment;
    std::vector<MissingRate> missing_rates;  // sorted, unique; the totals are void if any
    // ProviderName text id -> the converted cost of the lines some rule matched, each line
    // once however many rules it matched (statement.html's revenue chart).
    std::map<std::int64_t, Decimal> matched_cost_by_provider;
};

// Reads every line of `inputs.lines`. Lines before the first version belong to no segment
// and are skipped (outside the contract). Reports matches to `inputs.matches` if set; the
// row index of (segment s, rule r) is the number of rules in the segments before s, plus r.
[[nodiscard]] LineTotals accumulate_lines(const SettleInputs& inputs, std::span<const Segment> segments);

}  // namespace revshare::settle
