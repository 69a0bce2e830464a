#include "engine/settle/tiers.hpp"

#include "engine/core/assert.hpp"

namespace revshare::settle {

Decimal compute_tiered_share_exact(std::span<const rules::Tier> tiers, const Decimal& basis) {
    ENGINE_ASSERT(!tiers.empty());
    ENGINE_ASSERT(!tiers.back().up_to.has_value());
    if (basis.sign() <= 0) return basis * tiers.front().rate.value();
    Decimal share;
    Decimal tier_floor;  // the previous tier's up_to; the part of the basis above it is left
    for (const rules::Tier& tier : tiers) {
        const bool basis_ends_here = !tier.up_to || basis <= *tier.up_to;
        const Decimal tier_top = basis_ends_here ? basis : *tier.up_to;
        ENGINE_ASSERT(tier_top > tier_floor);  // up_to strictly increasing and > 0 (validated)
        share += (tier_top - tier_floor) * tier.rate.value();
        if (basis_ends_here) return share;
        tier_floor = *tier.up_to;
    }
    ENGINE_ASSERT(false);  // the last tier has no up_to, so the loop always returns
    return share;
}

Decimal compute_share_exact(const rules::Rule& rule, const Decimal& basis) {
    if (rule.rate) {
        ENGINE_ASSERT(rule.tiers.empty());  // exactly one of rate / tiers (validated)
        return basis * rule.rate->value();
    }
    return compute_tiered_share_exact(rule.tiers, basis);
}

}  // namespace revshare::settle
