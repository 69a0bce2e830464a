// The checks that need every version parsed first: the rules sharing the id of a rule with an
// annual_minimum.
#include "engine/rules/contract_parse_detail.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace revshare::rules::detail {
namespace {

// Every rule with a valid id, by id, in file order.
using RulesById = std::map<std::string, std::vector<const RuleSite*>>;

RulesById rules_by_id(const ContractScope& scope) {
    RulesById rules;
    for (const RuleSite& site : scope.rules) rules[site.id].push_back(&site);
    return rules;
}

// `site`'s payer and payee against those of `reference`, a rule of the same id with an annual_minimum.
void check_same_parties(ParseContext& ctx, const RuleSite& site, const RuleSite& reference) {
    for (const std::string_view key : {std::string_view("payer"), std::string_view("payee")}) {
        const std::string& mine = key == "payer" ? site.payer : site.payee;
        const std::string& theirs = key == "payer" ? reference.payer : reference.payee;
        if (mine.empty() || theirs.empty() || mine == theirs) continue;  // an unknown party is reported already
        ctx.error(where(*site.table->get(key)), site.path.field(key),
                  in_quotes(mine) + " differs from " + in_quotes(theirs) + ", the " + std::string(key) + " of " +
                      reference.path.text() + ", which has an annual_minimum; every rule with this id, in every "
                                              "version, must have the same payer and payee");
    }
}

}  // namespace

void check_annual_minimum_rules(ParseContext& ctx, const ContractScope& scope) {
    for (const auto& [id, sites] : rules_by_id(scope)) {
        const auto reference =
            std::find_if(sites.begin(), sites.end(), [](const RuleSite* site) { return site->has_annual_minimum; });
        if (reference == sites.end()) continue;
        for (const RuleSite* site : sites) {
            if (site != *reference) check_same_parties(ctx, *site, **reference);
            // owed = false next to its own annual_minimum is reported by parse_rule.
            if (site->owed || site->has_annual_minimum) continue;
            ctx.error(where(*site->table->get("owed")), site->path.field("owed"),
                      "false, but " + (*reference)->path.text() +
                          " has an annual_minimum; every rule with this id, in every version, must be owed");
        }
    }
}

}  // namespace revshare::rules::detail
