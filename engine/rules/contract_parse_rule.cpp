// parse_rule: one [[version.rule]] table: parties, net_of, minimum/maximum, cap group, owed,
// tiers_over and annual_minimum. `match` and rate/tiers are in contract_parse_match.cpp; the
// checks of annual_minimum across versions are in contract_parse_terms.cpp.
#include "engine/rules/contract_parse_detail.hpp"

#include <algorithm>
#include <array>

namespace revshare::rules::detail {
namespace {

constexpr std::array<std::string_view, 13> rule_keys{"id",      "payer",     "payee",   "match",      "rate",
                                                     "tiers",   "net_of",    "minimum", "maximum",    "cap_group",
                                                     "owed",    "tiers_over", "annual_minimum"};
// Party keys listed in an "unknown party" message before "...".
constexpr std::size_t parties_listed_max = 10;
constexpr std::string_view net_of_rule = "net_of may name only rules earlier in the same version";

std::string party_keys(const std::vector<Party>& parties) {
    if (parties.empty()) return "there is no [parties] table";
    std::string text;
    for (std::size_t i = 0; i < parties.size() && i < parties_listed_max; ++i) {
        text += (i == 0 ? "" : ", ") + parties[i].key;
    }
    if (parties.size() > parties_listed_max) text += ", ...";
    return text;
}

// The problem with naming `id` in the net_of of rule `rule_index`, or "" if there is none.
std::string net_of_problem(const std::string& id, std::size_t rule_index, const IdList& ids) {
    const auto found = std::find(ids.begin(), ids.end(), std::optional<std::string>(id));
    if (found == ids.end()) return "unknown rule id " + in_quotes(id) + " (" + std::string(net_of_rule) + ")";
    const auto index = static_cast<std::size_t>(found - ids.begin());
    if (index == rule_index) return "a rule cannot be net of itself (" + std::string(net_of_rule) + ")";
    if (index > rule_index) {
        return "rule " + in_quotes(id) + " comes later in this version (" + std::string(net_of_rule) + ")";
    }
    return "";
}

std::vector<std::string> parse_net_of(ParseContext& ctx, const toml::table& rule, const FieldPath& rule_path,
                                      std::size_t rule_index, const IdList& ids) {
    const toml::node* node = rule.get("net_of");
    if (node == nullptr) return {};
    const FieldPath path = rule_path.field("net_of");
    const auto* list = node->as_array();
    if (list == nullptr) {
        ctx.error(where(*node), path,
                  not_allowed(*node) + "; expected a list of rule ids, e.g. net_of = [\"aws-distribution-fee\"]");
        return {};
    }
    std::vector<std::string> net_of;
    for (const toml::node& element : *list) {
        auto id = read_string(ctx, element, path);
        if (!id) continue;
        std::string problem = net_of_problem(*id, rule_index, ids);
        if (problem.empty() && std::find(net_of.begin(), net_of.end(), *id) != net_of.end()) {
            problem = "rule id " + in_quotes(*id) + " is listed twice; list each rule once";
        }
        if (!problem.empty()) {
            ctx.error(where(element), path, problem);
            continue;
        }
        net_of.push_back(std::move(*id));
    }
    return net_of;
}

std::optional<Decimal> parse_bound(ParseContext& ctx, const toml::table& rule, const FieldPath& path,
                                   std::string_view key) {
    const toml::node* node = rule.get(key);
    if (node == nullptr) return std::nullopt;
    auto bound = read_money(ctx, *node, path.field(key), key);
    if (bound && bound->is_negative()) {
        ctx.error(where(*node), path.field(key), money_text(ctx, *bound) + " is negative; expected an amount >= 0");
        return std::nullopt;
    }
    return bound;
}

void parse_bounds(ParseContext& ctx, const toml::table& table, const FieldPath& path, Rule& rule) {
    rule.minimum = parse_bound(ctx, table, path, "minimum");
    rule.maximum = parse_bound(ctx, table, path, "maximum");
    if (rule.minimum && rule.maximum && *rule.maximum < *rule.minimum) {
        ctx.error(where(*table.get("maximum")), path.field("maximum"),
                  money_text(ctx, *rule.maximum) + " is below the minimum " + money_text(ctx, *rule.minimum) +
                      "; expected minimum <= maximum");
    }
}

// `owed`: a TOML boolean, true when absent.
bool parse_owed(ParseContext& ctx, const toml::table& rule, const FieldPath& path) {
    const toml::node* node = rule.get("owed");
    if (node == nullptr) return true;
    if (const auto* flag = node->as_boolean()) return flag->get();
    ctx.error(where(*node), path.field("owed"),
              not_allowed(*node) + "; expected a TOML boolean, e.g. owed = false (a memo rule) or owed = true");
    return true;
}

// `tiers_over`: "period" (the default) or "contract-year", only on a rule with tiers.
TiersOver parse_tiers_over(ParseContext& ctx, const toml::table& rule, const FieldPath& path) {
    const toml::node* node = rule.get("tiers_over");
    if (node == nullptr) return TiersOver::period;
    const FieldPath field = path.field("tiers_over");
    if (rule.get("rate") != nullptr) {  // whatever either value is: tiers_over is about tiers
        ctx.error(where(*node), field,
                  "not allowed on a rule with rate; tiers_over says which basis the rule's tiers apply to (use "
                  "tiers, or remove tiers_over)");
        return TiersOver::period;
    }
    const std::string expected = "expected \"period\" (the default) or \"contract-year\", e.g. tiers_over = "
                                 "\"contract-year\"";
    const auto* text = node->as_string();
    if (text == nullptr) {
        ctx.error(where(*node), field, not_allowed(*node) + "; " + expected);
        return TiersOver::period;
    }
    if (text->get() == "contract-year") return TiersOver::contract_year;
    if (text->get() != "period") {
        ctx.error(where(*node), field, "unknown value " + in_quotes(text->get()) + "; " + expected);
    }
    return TiersOver::period;
}

// A memo rule (owed = false) is owed by no one: no lifetime cap, no annual minimum.
void check_memo_rule(ParseContext& ctx, const toml::table& table, const FieldPath& path, const Rule& rule) {
    if (rule.owed) return;
    const std::array<std::pair<std::string_view, std::string_view>, 2> owed_only{{
        {"cap_group", "no lifetime cap counts its shares"},
        {"annual_minimum", "no true-up is owed for it"},
    }};
    for (const auto& [key, why] : owed_only) {
        const toml::node* node = table.get(key);
        if (node == nullptr) continue;
        ctx.error(where(*node), path.field(key),
                  "not allowed on a rule with owed = false (a memo rule is owed by no one, so " + std::string(why) +
                      "); remove " + std::string(key) + " or owed = false");
    }
}

std::optional<std::string> parse_cap_group_ref(ParseContext& ctx, const toml::table& rule, const FieldPath& path,
                                               ContractScope& scope) {
    const toml::node* node = rule.get("cap_group");
    if (node == nullptr) return std::nullopt;
    auto name = read_string(ctx, *node, path.field("cap_group"));
    if (!name) return std::nullopt;
    scope.cap_groups_named.insert(*name);
    const auto& names = scope.cap_group_names;
    if (std::find(names.begin(), names.end(), *name) == names.end()) {
        ctx.error(where(*node), path.field("cap_group"),
                  "unknown cap group " + in_quotes(*name) + "; expected a [cap_group." + *name +
                      "] table with cap = \"...\"");
        return std::nullopt;
    }
    return name;
}

}  // namespace

std::optional<std::string> parse_party_ref(ParseContext& ctx, const toml::table& table, const FieldPath& path,
                                           std::string_view key, const ContractScope& scope, std::string_view example) {
    const toml::node* node = require(ctx, table, key, path, where(table),
                                     "a party key of [parties], e.g. " + std::string(key) + " = " + in_quotes(example));
    if (node == nullptr) return std::nullopt;
    auto party = read_string(ctx, *node, path.field(key));
    if (!party) return std::nullopt;
    const bool known = std::any_of(scope.parties.begin(), scope.parties.end(),
                                   [&](const Party& candidate) { return candidate.key == *party; });
    if (!known) {
        ctx.error(where(*node), path.field(key),
                  "unknown party " + in_quotes(*party) + "; expected a key of [parties]: " + party_keys(scope.parties));
        return std::nullopt;
    }
    return party;
}

Rule parse_rule(ParseContext& ctx, const toml::table& table, const FieldPath& path, std::size_t rule_index,
                const IdList& ids, ContractScope& scope) {
    check_keys(ctx, table, path, rule_keys);
    Rule rule;
    rule.id = ids[rule_index].value_or("");
    rule.source_line = where(table).line;
    const auto payer = parse_party_ref(ctx, table, path, "payer", scope);
    const auto payee = parse_party_ref(ctx, table, path, "payee", scope);
    if (payer && payee && *payer == *payee) {
        ctx.error(where(*table.get("payee")), path.field("payee"),
                  "the same party as payer (" + in_quotes(*payer) + "); a rule moves money between two parties");
    }
    rule.payer = payer.value_or("");
    rule.payee = payee.value_or("");
    rule.match = parse_match(ctx, table, path);
    parse_rate_or_tiers(ctx, table, path, rule);
    rule.net_of = parse_net_of(ctx, table, path, rule_index, ids);
    parse_bounds(ctx, table, path, rule);
    rule.cap_group = parse_cap_group_ref(ctx, table, path, scope);
    rule.owed = parse_owed(ctx, table, path);
    rule.tiers_over = parse_tiers_over(ctx, table, path);
    rule.annual_minimum = parse_bound(ctx, table, path, "annual_minimum");
    check_memo_rule(ctx, table, path, rule);
    if (ids[rule_index]) {
        const bool has_annual_minimum = table.get("annual_minimum") != nullptr;  // even when invalid
        scope.rules.push_back(RuleSite{rule.id, rule.payer, rule.payee, rule.owed, has_annual_minimum, path, &table});
    }
    return rule;
}

}  // namespace revshare::rules::detail
