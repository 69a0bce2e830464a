#pragma once
// Minimum and maximum (contract.md step 6): per-period bounds on a rule's share, prorated
// when the rule's version is in force for part of the period.
#include "engine/core/currency.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"
#include "engine/rules/contract.hpp"
#include "engine/settle/segments.hpp"

namespace revshare::settle {

// bound × segment days / period days, exact, then rounded once half-to-even to the
// currency's minor unit. A segment covering the whole month gives the bound itself.
[[nodiscard]] Decimal prorate_bound(const Decimal& bound, const Segment& segment, Period period,
                                    const Currency& currency);

// The share raised to the prorated minimum (owed even when no line matched), then lowered
// to the prorated maximum. Rules without bounds are returned unchanged.
[[nodiscard]] Decimal clamp_to_prorated_bounds(const Decimal& share, const rules::Rule& rule, const Segment& segment,
                                               Period period, const Currency& currency);

}  // namespace revshare::settle
