#include "engine/settle/statement_rows.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"
#include "engine/core/money.hpp"
#include "engine/settle/proration.hpp"
#include "engine/settle/tiers.hpp"

#include <map>
#include <string>

namespace revshare::settle {
namespace {

// The final shares (after steps 5–7) of the segment's rules computed so far, by rule id:
// what a later rule's net_of subtracts.
using SharesByRule = std::map<std::string, Decimal, std::less<>>;

// Step 4: the rule's matched cost minus the final shares of its net_of rules, exact.
Decimal compute_basis(const rules::Rule& rule, const RuleTotal& total, const SharesByRule& shares) {
    Decimal basis = total.cost;
    for (const std::string& net_of_id : rule.net_of) {
        const auto found = shares.find(net_of_id);
        ENGINE_ASSERT(found != shares.end());  // net_of names an earlier rule (validated)
        basis -= found->second;
    }
    return basis;
}

// Step 5 before rounding. 5a: a contract-year rule's tiers apply to the year-to-date basis:
// T(before + basis) − T(before).
Decimal compute_share_before_rounding(const rules::Rule& rule, const Decimal& basis, const Decimal& year_basis_before) {
    if (rule.tiers_over == rules::TiersOver::period) return compute_share_exact(rule, basis);
    ENGINE_ASSERT(!rule.tiers.empty());  // tiers_over only with tiers (validated)
    return compute_tiered_share_exact(rule.tiers, year_basis_before + basis) -
           compute_tiered_share_exact(rule.tiers, year_basis_before);
}

struct FinalShare {
    Decimal share;
    Decimal before_limits;  // the step-5 rounded share
    LimitedBy limited_by;
    std::optional<Decimal> cap_remaining;
};

// Steps 5–7 for one row.
FinalShare compute_final_share(const RowInputs& inputs, const Segment& segment, const rules::Rule& rule,
                               const Decimal& basis, const Decimal& year_basis_before, CapLedger& caps) {
    const Currency& currency = inputs.contract.currency;
    FinalShare result;
    // Step 5: the only rounding of the share itself, once, half-to-even.
    const Money exact(compute_share_before_rounding(rule, basis, year_basis_before), currency);
    result.before_limits = exact.round_to_minor_units(RoundingMode::half_even).amount();
    Decimal share = result.before_limits;
    // Step 6: the prorated bounds are rounded too, so the clamped share stays in minor units.
    if (rule.minimum) {
        const Decimal raised = Decimal::max(share, prorate_bound(*rule.minimum, segment, inputs.period, currency));
        result.limited_by.minimum = raised != share;
        share = raised;
    }
    if (rule.maximum) {
        const Decimal lowered = Decimal::min(share, prorate_bound(*rule.maximum, segment, inputs.period, currency));
        result.limited_by.maximum = lowered != share;
        share = lowered;
    }
    // Step 7: the cap can cut below the minimum.
    if (rule.cap_group) {
        const Decimal paid = caps.take(*rule.cap_group, share);
        result.limited_by.cap = paid != share;
        share = paid;
        result.cap_remaining = caps.remaining(*rule.cap_group);
    }
    ENGINE_ASSERT(Money(share, currency).is_in_minor_units());
    result.share = share;
    return result;
}

void append_segment_rows(const RowInputs& inputs, const Segment& segment, const std::vector<RuleTotal>& totals,
                         CapLedger& caps, SharesByRule& year_basis, std::vector<StatementRow>& rows) {
    const rules::Version& version = *segment.version;
    ENGINE_ASSERT(totals.size() == version.rules.size());
    SharesByRule shares;
    for (std::size_t i = 0; i < version.rules.size(); ++i) {
        const rules::Rule& rule = version.rules[i];
        Decimal basis;
        FinalShare share;
        try {
            basis = compute_basis(rule, totals[i], shares);
            // 5a: the rule id's bases so far this contract year, earlier segments' included.
            Decimal& rule_year_basis = year_basis[rule.id];
            share = compute_final_share(inputs, segment, rule, basis, rule_year_basis, caps);
            rule_year_basis += basis;
        } catch (const ArithmeticError& error) {
            throw ArithmeticError("rule \"" + rule.id + "\" (version \"" + version.id + "\"): " + error.what());
        }
        const bool unique_id = shares.emplace(rule.id, share.share).second;
        ENGINE_ASSERT(unique_id);
        rows.push_back(StatementRow{
            .kind = RowKind::current,
            .for_period = inputs.period,
            .version_id = version.id,
            .rule_id = rule.id,
            .payer = rule.payer,
            .payee = rule.payee,
            .segment_start = segment.start,
            .segment_end = segment.end_exclusive,
            .basis = basis,
            .share = share.share,
            .lines = totals[i].lines,
            .owed = rule.owed,
            .share_before_limits = share.before_limits,
            .limited_by = share.limited_by,
            .cap_remaining = share.cap_remaining,
        });
    }
}

}  // namespace

std::vector<StatementRow> compute_statement_rows(const RowInputs& inputs, CapLedger& caps) {
    ENGINE_ASSERT(inputs.segments.size() == inputs.totals_by_segment.size());
    std::vector<StatementRow> rows;
    SharesByRule year_basis(inputs.carried.year_basis.begin(), inputs.carried.year_basis.end());
    for (std::size_t s = 0; s < inputs.segments.size(); ++s) {
        append_segment_rows(inputs, inputs.segments[s], inputs.totals_by_segment[s], caps, year_basis, rows);
    }
    return rows;
}

}  // namespace revshare::settle
