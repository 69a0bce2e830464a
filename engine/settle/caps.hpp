#pragma once
// Lifetime caps (contract.md step 7): the running share total of each cap group, and the cut
// a row's share takes when the total would pass the group's cap.
#include "engine/core/decimal.hpp"
#include "engine/rules/contract.hpp"

#include <map>
#include <string>

namespace revshare::settle {

class CapLedger {
public:
    // `totals_before`: the groups' totals from the settled earlier periods; every cap group
    // of the contract not listed starts at zero.
    CapLedger(const rules::Contract& contract, std::map<std::string, Decimal> totals_before);

    // The share the row actually gets, which is added to the group's total:
    //  - a positive share is cut to the headroom left under the cap (never below zero);
    //  - a zero or negative share (a clawback) is paid as it is and lowers the total,
    //    freeing headroom for later rows.
    // Rows must call this in statement order: earlier rows take the headroom first.
    [[nodiscard]] Decimal take(const std::string& cap_group, const Decimal& share);

    // The group's cap minus its total: negative only when a newer contract text lowered the
    // cap below what was paid.
    [[nodiscard]] Decimal remaining(const std::string& cap_group) const;

    [[nodiscard]] const std::map<std::string, Decimal>& totals() const { return totals_; }

private:
    const rules::Contract& contract_;
    std::map<std::string, Decimal> totals_;
};

}  // namespace revshare::settle
