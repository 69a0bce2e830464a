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

// Steps 5–7 for one row.
Decimal compute_final_share(const RowInputs& inputs, const Segment& segment, const rules::Rule& rule,
                            const Decimal& basis, CapLedger& caps) {
    const Currency& currency = inputs.contract.currency;
    // Step 5: the only rounding of the share itself, once, half-to-even.
    const Money exact(compute_share_exact(rule, basis), currency);
    Decimal share = exact.round_to_minor_units(RoundingMode::half_even).amount();
    // Step 6: the prorated bounds are rounded too, so the clamped share stays in minor units.
    share = clamp_to_prorated_bounds(share, rule, segment, inputs.period, currency);
    // Step 7: the cap can cut below the minimum.
    if (rule.cap_group) share = caps.take(*rule.cap_group, share);
    ENGINE_ASSERT(Money(share, currency).is_in_minor_units());
    return share;
}

void append_segment_rows(const RowInputs& inputs, const Segment& segment, const std::vector<RuleTotal>& totals,
                         CapLedger& caps, std::vector<StatementRow>& rows) {
    const rules::Version& version = *segment.version;
    ENGINE_ASSERT(totals.size() == version.rules.size());
    SharesByRule shares;
    for (std::size_t i = 0; i < version.rules.size(); ++i) {
        const rules::Rule& rule = version.rules[i];
        Decimal basis;
        Decimal share;
        try {
            basis = compute_basis(rule, totals[i], shares);
            share = compute_final_share(inputs, segment, rule, basis, caps);
        } catch (const ArithmeticError& error) {
            throw ArithmeticError("rule \"" + rule.id + "\" (version \"" + version.id + "\"): " + error.what());
        }
        const bool unique_id = shares.emplace(rule.id, share).second;
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
            .share = share,
            .lines = totals[i].lines,
        });
    }
}

}  // namespace

std::vector<StatementRow> compute_statement_rows(const RowInputs& inputs, CapLedger& caps) {
    ENGINE_ASSERT(inputs.segments.size() == inputs.totals_by_segment.size());
    std::vector<StatementRow> rows;
    for (std::size_t s = 0; s < inputs.segments.size(); ++s) {
        append_segment_rows(inputs, inputs.segments[s], inputs.totals_by_segment[s], caps, rows);
    }
    return rows;
}

}  // namespace revshare::settle
