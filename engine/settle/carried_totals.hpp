#pragma once
// What a period's settlement carries from the settled earlier periods of its contract, beside
// the lifetime cap totals (caps.hpp): the year-to-date bases of step 5a, the year totals of
// step 7a and the amounts of each advance recouped so far (step 7b). Derived from the statement
// rows the earlier periods posted (contract.md: a row counts in the period that posts it).
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"
#include "engine/rules/contract.hpp"
#include "engine/settle/statement.hpp"

#include <map>
#include <string>
#include <vector>

namespace revshare::settle {

struct CarriedTotals {
    // Per rule id: the bases of the current and adjustment rows posted in the earlier periods
    // of the contract year (step 5a), and the shares of every row with that rule id posted in
    // them (step 7a). Zero totals are left out.
    std::map<std::string, Decimal> year_basis;
    std::map<std::string, Decimal> year_share;
    // Per advance id: the shares of its recoupment rows posted in earlier periods (<= 0).
    std::map<std::string, Decimal> recouped;

    friend bool operator==(const CarriedTotals&, const CarriedTotals&) = default;
};

// The year totals and recouped amounts are sums of rounded shares: each must be in the
// currency's minor units. They are read from the database, so one that is not (changed by
// hand) is an Error (exit 3) naming it, never an assertion further on.
void check_carried_in_minor_units(const CarriedTotals& carried, const rules::Contract& contract);

// A statement row as the earlier period that posted it stored it.
struct PostedRow {
    Period period;  // the period whose run posted it
    RowKind kind = RowKind::current;
    std::string rule_id;
    Decimal basis;
    Decimal share;
};

// The totals carried into `period` by the rows the earlier periods posted (rows of `period`
// or later are ignored). Only what the contract reads is kept: the bases of the rule ids that
// some version tiers over the contract year, the shares of those with an annual minimum, the
// recoupments of its advances; so a contract without these terms carries nothing.
[[nodiscard]] CarriedTotals carried_into(const rules::Contract& contract, const Period& period,
                                         const std::vector<PostedRow>& earlier);

}  // namespace revshare::settle
