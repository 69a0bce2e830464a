#pragma once
// Steps 7a–7c of contract.md, after a period's current and adjustment rows: the annual
// minimum's true-up in a contract year's last period, advances paid and recouped, and
// withholding on what the other parties owe a taxed party.
#include "engine/core/period.hpp"
#include "engine/rules/contract.hpp"
#include "engine/settle/caps.hpp"
#include "engine/settle/carried_totals.hpp"
#include "engine/settle/segments.hpp"
#include "engine/settle/statement.hpp"

#include <span>
#include <vector>

namespace revshare::settle {

struct PeriodEndInputs {
    const rules::Contract& contract;
    Period period;
    std::span<const Segment> segments;  // the period's segments (empty: no version in force)
    const CarriedTotals& carried;       // year totals (7a) and amounts recouped (7b) so far
};

// Appends the rows of steps 7a, 7b and 7c to `rows` (the period's current rows, then its
// adjustment rows), in that order. True-ups of a rule with a cap group take headroom from
// `caps` after every current and adjustment row.
void append_period_end_rows(const PeriodEndInputs& inputs, CapLedger& caps, std::vector<StatementRow>& rows);

}  // namespace revshare::settle
