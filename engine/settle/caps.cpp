#include "engine/settle/caps.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"
#include "engine/core/money.hpp"

#include <utility>

namespace revshare::settle {

CapLedger::CapLedger(const rules::Contract& contract, std::map<std::string, Decimal> totals_before)
    : contract_(contract), totals_(std::move(totals_before)) {
    // Earlier totals are sums of rounded shares, so that a cut share stays in minor units too.
    // They are read from the database: one that is not (changed by hand) stops the settlement.
    for (const auto& [name, total] : totals_) {
        if (!Money(total, contract_.currency).is_in_minor_units()) {
            throw Error("internal invariant failed: the stored lifetime total of cap group \"" + name + "\" of " +
                            contract_.id + " is " + total.to_string() + ", not in " + contract_.currency.code() +
                            " minor units; settle never stores that, so the database was changed by hand (run "
                            "revshare verify)",
                        ExitCode::locked_or_invariant);
        }
    }
    for (const rules::CapGroup& group : contract_.cap_groups) totals_.try_emplace(group.name, Decimal());
}

Decimal CapLedger::take(const std::string& cap_group, const Decimal& share) {
    const rules::CapGroup* group = contract_.find_cap_group(cap_group);
    ENGINE_ASSERT(group != nullptr);  // validation refuses a rule naming an unknown group
    Decimal& total = totals_.at(cap_group);
    Decimal paid = share;
    if (share.sign() > 0) {
        // The total can already be past the cap (e.g. after an earlier restatement):
        // then nothing is left, not a negative amount.
        const Decimal headroom = Decimal::max(group->cap - total, Decimal());
        paid = Decimal::min(share, headroom);
        ENGINE_ASSERT(paid.sign() >= 0);
        ENGINE_ASSERT(paid <= share);
    }
    total += paid;
    return paid;
}

Decimal CapLedger::remaining(const std::string& cap_group) const {
    const rules::CapGroup* group = contract_.find_cap_group(cap_group);
    ENGINE_ASSERT(group != nullptr);
    return group->cap - totals_.at(cap_group);
}

}  // namespace revshare::settle
