#include "engine/settle/proration.hpp"

#include "engine/core/assert.hpp"

namespace revshare::settle {

Decimal prorate_bound(const Decimal& bound, const Segment& segment, Period period, const Currency& currency) {
    ENGINE_ASSERT(segment.days() > 0);
    ENGINE_ASSERT(segment.days() <= period.days());
    // Range: |bound| <= 10^40 (input limit) × at most 31 / 28: far inside 76 digits.
    return bound.mul_div_round(segment.days(), period.days(), currency.minor_units(), RoundingMode::half_even);
}

Decimal clamp_to_prorated_bounds(const Decimal& share, const rules::Rule& rule, const Segment& segment,
                                 Period period, const Currency& currency) {
    Decimal clamped = share;
    if (rule.minimum) clamped = Decimal::max(clamped, prorate_bound(*rule.minimum, segment, period, currency));
    if (rule.maximum) clamped = Decimal::min(clamped, prorate_bound(*rule.maximum, segment, period, currency));
    return clamped;
}

}  // namespace revshare::settle
