#include "engine/settle/carried_totals.hpp"

#include "engine/core/error.hpp"
#include "engine/core/money.hpp"

#include <functional>
#include <set>

namespace revshare::settle {
namespace {

void add(std::map<std::string, Decimal>& totals, const std::string& key, const Decimal& amount) {
    Decimal& total = totals[key];
    total += amount;
    if (total.is_zero()) totals.erase(key);
}

// The rule ids whose year-to-date basis (5a) or year total (7a) some version reads.
struct ReadRuleIds {
    std::set<std::string, std::less<>> year_basis;
    std::set<std::string, std::less<>> year_share;
};

ReadRuleIds read_rule_ids(const rules::Contract& contract) {
    ReadRuleIds ids;
    for (const rules::Version& version : contract.versions) {
        for (const rules::Rule& rule : version.rules) {
            if (rule.tiers_over == rules::TiersOver::contract_year) ids.year_basis.insert(rule.id);
            if (rule.annual_minimum) ids.year_share.insert(rule.id);
        }
    }
    return ids;
}

}  // namespace

void check_carried_in_minor_units(const CarriedTotals& carried, const rules::Contract& contract) {
    const auto check = [&contract](const std::map<std::string, Decimal>& totals, const char* what) {
        for (const auto& [name, total] : totals) {
            if (Money(total, contract.currency).is_in_minor_units()) continue;
            throw Error("internal invariant failed: the " + std::string(what) + " of \"" + name + "\" that " + contract.id +
                            " carries in is " + total.to_string() + ", not in " + contract.currency.code() +
                            " minor units; settle never stores that, so the database was changed by hand (run revshare verify)",
                        ExitCode::locked_or_invariant);
        }
    };
    check(carried.year_share, "year total");
    check(carried.recouped, "amount recouped");
}

CarriedTotals carried_into(const rules::Contract& contract, const Period& period, const std::vector<PostedRow>& earlier) {
    const Period year_start = contract.contract_year_start(period);
    const ReadRuleIds read = read_rule_ids(contract);
    CarriedTotals carried;
    for (const PostedRow& row : earlier) {
        if (row.period >= period) continue;
        if (row.kind == RowKind::recoupment && contract.find_advance(row.rule_id) != nullptr) {
            add(carried.recouped, row.rule_id, row.share);
        }
        if (row.period < year_start) continue;
        // Advance, recoupment and withholding rows are named by advance and withholding ids,
        // which no rule has (validated), and count toward no year total.
        const bool share_row = row.kind == RowKind::current || row.kind == RowKind::adjustment;
        if (share_row && read.year_basis.count(row.rule_id) != 0) add(carried.year_basis, row.rule_id, row.basis);
        if ((share_row || row.kind == RowKind::true_up) && read.year_share.count(row.rule_id) != 0) {
            add(carried.year_share, row.rule_id, row.share);
        }
    }
    return carried;
}

}  // namespace revshare::settle
