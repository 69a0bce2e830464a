#pragma once
// Share before rounding (contract.md step 5): basis × rate, or graduated (marginal) tiers.
#include "engine/core/decimal.hpp"
#include "engine/rules/contract.hpp"

#include <span>

namespace revshare::settle {

// Graduated tiers: each tier's rate applies to the part of the basis inside it, from the
// previous tier's up_to (exclusive; 0 for the first) to its own up_to (inclusive); the last
// tier has no up_to. A negative basis is multiplied by the first tier's rate as a whole.
// Exact: no rounding.
[[nodiscard]] Decimal compute_tiered_share_exact(std::span<const rules::Tier> tiers, const Decimal& basis);

// The rule's share of `basis` before rounding: its flat rate or its tiers. Exact.
[[nodiscard]] Decimal compute_share_exact(const rules::Rule& rule, const Decimal& basis);

}  // namespace revshare::settle
