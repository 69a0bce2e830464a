// The contract-level terms: year_start_month, [[advance]] and [[withholding]], and the checks
// that need every version parsed first: the rules sharing the id of a rule with an
// annual_minimum, an advance's recoup_from, and advance and withholding ids that a rule (or an
// advance) already has.
#include "engine/core/limits.hpp"
#include "engine/rules/contract_parse_detail.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>

namespace revshare::rules::detail {
namespace {

constexpr std::array<std::string_view, 6> advance_keys{"id", "payer", "payee", "amount", "paid_on", "recoup_from"};
constexpr std::array<std::string_view, 5> withholding_keys{"id", "payee", "authority", "rate", "from"};
constexpr IdKind advance_id_kind{"advance", "advance id", "2027-prepayment", "in the contract"};
constexpr IdKind withholding_id_kind{"withholding", "withholding id", "us-withholding", "in the contract"};
constexpr DateField paid_on_field{"paid_on", "2027-05-15", "an advance is paid on a UTC day"};
constexpr DateField from_field{"from", "2027-06-01", "withholding applies to each period whose last day is on or "
                                                     "after this day"};
constexpr std::string_view recoup_example = "e.g. recoup_from = [\"openai-share\"]";

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

// An id of element `index` of `list` that something else has: `owner` names it ("" when none).
void check_id_free(ParseContext& ctx, const toml::array& list, std::size_t index, const std::string& id,
                   const IdKind& kind, const std::string& owner, std::string_view rule) {
    if (owner.empty()) return;
    const toml::node& node = *list.get(index)->as_table()->get("id");
    ctx.error(where(node), FieldPath().element(kind.element, index, nullptr).field("id"),
              in_quotes(id) + " is also the id of " + owner + "; " + std::string(rule));
}

std::optional<Decimal> parse_amount(ParseContext& ctx, const toml::table& table, const FieldPath& path) {
    const toml::node* node =
        require(ctx, table, "amount", path, where(table), "the amount paid in advance, e.g. amount = \"150000.00\"");
    if (node == nullptr) return std::nullopt;
    auto amount = read_money(ctx, *node, path.field("amount"), "amount");
    if (amount && amount->sign() <= 0) {
        ctx.error(where(*node), path.field("amount"),
                  money_text(ctx, *amount) + " is not above zero; expected amount > 0");
        return std::nullopt;
    }
    return amount;
}

std::optional<Day> parse_paid_on(ParseContext& ctx, const toml::table& table, const FieldPath& path,
                                 const ContractScope& scope) {
    const toml::node* node = require(ctx, table, "paid_on", path, where(table),
                                     "the day the advance is paid (UTC), e.g. paid_on = 2027-05-15");
    if (node == nullptr) return std::nullopt;
    auto paid_on = read_date(ctx, *node, path.field("paid_on"), paid_on_field);
    if (paid_on && scope.first_effective_from && *paid_on < *scope.first_effective_from) {
        ctx.error(where(*node), path.field("paid_on"),
                  format_day(*paid_on) + " is before " + format_day(*scope.first_effective_from) +
                      ", the effective_from of the first version (" + scope.first_version +
                      "); an advance is paid on or after it");
        return std::nullopt;
    }
    return paid_on;
}

// The parties an advance's payer and payee are, when both are valid and different.
struct AdvanceParties {
    std::string payer;
    std::string payee;
};

// Every rule with id `id` must have the advance's payer and payee and be owed.
bool check_recouped_rules(ParseContext& ctx, const toml::node& element, const FieldPath& path,
                          const std::vector<const RuleSite*>& sites, const std::optional<AdvanceParties>& parties) {
    bool valid = true;
    for (const RuleSite* site : sites) {
        if (!site->owed) {
            ctx.error(where(element), path,
                      site->path.text() + " has owed = false; every rule an advance recoups from must be owed (a "
                                          "memo rule's shares are owed by no one)");
            valid = false;
        }
        if (!parties || site->payer.empty() || site->payee.empty()) continue;
        if (site->payer == parties->payer && site->payee == parties->payee) continue;
        ctx.error(where(element), path,
                  site->path.text() + " has payer " + in_quotes(site->payer) + " and payee " + in_quotes(site->payee) +
                      "; every rule an advance recoups from must have the advance's payer (" +
                      in_quotes(parties->payer) + ") and payee (" + in_quotes(parties->payee) + ")");
        valid = false;
    }
    return valid;
}

// An advance's recoup_from as it reads, for the check that lists sharing an id are one set.
struct RecoupList {
    FieldPath path;           // advance "2027-prepayment" recoup_from
    std::string advance;      // advance "2027-prepayment"
    std::int64_t line = 0;    // of its [[advance]] header
    const toml::node* node = nullptr;
    std::set<std::string> ids;  // every string written
};

// The distinct rule ids of recoup_from, or nullopt after reporting what is wrong; `list` gets
// every string written.
std::optional<std::vector<std::string>> parse_recoup_from(ParseContext& ctx, const toml::table& table,
                                                          const FieldPath& advance_path, const RulesById& rules,
                                                          const std::optional<AdvanceParties>& parties,
                                                          RecoupList& list) {
    const FieldPath path = advance_path.field("recoup_from");
    const toml::node* node = require(ctx, table, "recoup_from", advance_path, where(table),
                                     "the ids of the rules whose shares recoup the advance, " +
                                         std::string(recoup_example));
    if (node == nullptr) return std::nullopt;
    const auto* elements = node->as_array();
    if (elements == nullptr || elements->empty()) {
        ctx.error(where(*node), path,
                  (elements == nullptr ? not_allowed(*node) + "; expected a list of rule ids"
                                       : std::string("empty list; expected at least one rule id")) +
                      ", " + std::string(recoup_example));
        return std::nullopt;
    }
    list.node = node;
    std::vector<std::string> ids;
    bool valid = true;
    for (const toml::node& element : *elements) {
        auto id = read_string(ctx, element, path);
        if (!id) {
            valid = false;
            continue;
        }
        const bool repeated = !list.ids.insert(*id).second;
        const auto found = rules.find(*id);
        if (repeated) {
            ctx.error(where(element), path, "rule id " + in_quotes(*id) + " is listed twice; list each rule once");
            valid = false;
        } else if (found == rules.end()) {
            ctx.error(where(element), path, "unknown rule id " + in_quotes(*id) + "; expected the id of a rule of "
                                                                                   "some version");
            valid = false;
        } else {
            valid = check_recouped_rules(ctx, element, path, found->second, parties) && valid;
            ids.push_back(std::move(*id));
        }
    }
    if (!valid) return std::nullopt;
    return ids;
}

std::optional<Advance> parse_advance(ParseContext& ctx, const toml::table& table, const FieldPath& path,
                                     const std::optional<std::string>& id, const ContractScope& scope,
                                     const RulesById& rules, RecoupList& recoup) {
    check_keys(ctx, table, path, advance_keys);
    const auto payer = parse_party_ref(ctx, table, path, "payer", scope, "microsoft");
    const auto payee = parse_party_ref(ctx, table, path, "payee", scope, "openai");
    std::optional<AdvanceParties> parties;
    if (payer && payee && *payer == *payee) {
        ctx.error(where(*table.get("payee")), path.field("payee"),
                  "the same party as payer (" + in_quotes(*payer) + "); an advance moves money between two parties");
    } else if (payer && payee) {
        parties = AdvanceParties{*payer, *payee};
    }
    auto amount = parse_amount(ctx, table, path);
    const auto paid_on = parse_paid_on(ctx, table, path, scope);
    auto recoup_from = parse_recoup_from(ctx, table, path, rules, parties, recoup);
    if (!id || !parties || !amount || !paid_on || !recoup_from) return std::nullopt;
    return Advance{.id = *id,
                   .payer = parties->payer,
                   .payee = parties->payee,
                   .amount = std::move(*amount),
                   .paid_on = *paid_on,
                   .recoup_from = std::move(*recoup_from),
                   .source_line = where(table).line};
}

// Two advances whose recoup_from share a rule id list the same ids: they recoup from one pool.
void check_recoup_sets(ParseContext& ctx, const std::vector<RecoupList>& lists) {
    std::map<std::string, const RecoupList*> first_listing;  // rule id -> the first advance listing it
    for (const RecoupList& list : lists) {
        for (const std::string& id : list.ids) {
            const auto found = first_listing.find(id);
            if (found == first_listing.end() || found->second->ids == list.ids) continue;
            ctx.error(where(*list.node), list.path,
                      "shares " + in_quotes(id) + " with the recoup_from of " + found->second->advance + " (line " +
                          std::to_string(found->second->line) +
                          ") but the two lists differ; advances whose recoup_from share a rule id must list the "
                          "same ids (in any order)");
            break;
        }
        for (const std::string& id : list.ids) first_listing.emplace(id, &list);
    }
}

std::optional<Withholding> parse_withholding(ParseContext& ctx, const toml::table& table, const FieldPath& path,
                                             const std::optional<std::string>& id, const ContractScope& scope) {
    check_keys(ctx, table, path, withholding_keys);
    const auto payee = parse_party_ref(ctx, table, path, "payee", scope, "microsoft");
    const auto authority = parse_party_ref(ctx, table, path, "authority", scope, "irs");
    const bool same = payee && authority && *payee == *authority;
    if (same) {
        ctx.error(where(*table.get("authority")), path.field("authority"),
                  "the same party as payee (" + in_quotes(*payee) +
                      "); expected the party the tax is paid to, a party other than payee");
    }
    const toml::node* rate_node =
        require(ctx, table, "rate", path, where(table), "the tax rate, e.g. rate = \"0.30\"");
    const auto rate = rate_node == nullptr ? std::nullopt : read_rate(ctx, *rate_node, path.field("rate"), "rate");
    const toml::node* from_node = table.get("from");
    const auto from = from_node == nullptr ? std::nullopt : read_date(ctx, *from_node, path.field("from"), from_field);
    if (!id || !payee || !authority || same || !rate || (from_node != nullptr && !from)) return std::nullopt;
    return Withholding{.id = *id,
                       .payee = *payee,
                       .authority = *authority,
                       .rate = *rate,
                       .from = from,
                       .source_line = where(table).line};
}

// The [[NAME]] list at the top level, at most `max` of it, and its ids; nullptr when absent or
// not a list.
const toml::array* term_list(ParseContext& ctx, const toml::table& root, const IdKind& kind, std::size_t max,
                             IdList& ids) {
    const toml::node* node = root.get(kind.element);
    if (node == nullptr) return nullptr;
    const std::string element(kind.element);
    const auto* list = table_list(ctx, *node, FieldPath().field(element), "[[" + element + "]] tables");
    if (list == nullptr) return nullptr;
    const std::size_t count =
        within_limit(ctx, *list, FieldPath(), element, max, element + "s in one contract");
    ids = collect_ids(ctx, *list, count, FieldPath(), kind);
    return list;
}

// `version "v1" rule "r1"` when `id` is a rule id, "" otherwise.
std::string rule_owner(const RulesById& rules, const std::string& id) {
    const auto found = rules.find(id);
    return found == rules.end() ? "" : found->second.front()->path.text();
}

}  // namespace

std::optional<unsigned> parse_year_start_month(ParseContext& ctx, const toml::table& root) {
    const toml::node* node = root.get("year_start_month");
    if (node == nullptr) return 1U;
    const FieldPath path = FieldPath().field("year_start_month");
    const std::string expected =
        "expected a TOML integer from 1 to 12, the month contract years start in, e.g. year_start_month = 7 for July";
    const auto* month = node->as_integer();
    if (month == nullptr) {
        ctx.error(where(*node), path, not_allowed(*node) + "; " + expected);
        return std::nullopt;
    }
    if (month->get() < 1 || month->get() > 12) {
        ctx.error(where(*node), path, std::to_string(month->get()) + " is not a month; " + expected);
        return std::nullopt;
    }
    return static_cast<unsigned>(month->get());
}

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

std::vector<Advance> parse_advances(ParseContext& ctx, const toml::table& root, ContractScope& scope) {
    IdList ids;
    const toml::array* list = term_list(ctx, root, advance_id_kind, limits::contract_advances_max, ids);
    if (list == nullptr) return {};
    const RulesById rules = rules_by_id(scope);
    std::vector<Advance> advances;
    std::vector<RecoupList> recoup_lists;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const FieldPath path = FieldPath().element("advance", i, id_or_null(ids, i));
        const auto* table = element_table(ctx, *list, i, path);
        if (table == nullptr) continue;
        if (ids[i]) {
            check_id_free(ctx, *list, i, *ids[i], advance_id_kind, rule_owner(rules, *ids[i]),
                          "an advance id may not be the id of a rule");
            scope.advance_ids.emplace(*ids[i], where(*table).line);
        }
        RecoupList recoup{path.field("recoup_from"), path.text(), where(*table).line, nullptr, {}};
        if (auto advance = parse_advance(ctx, *table, path, ids[i], scope, rules, recoup)) {
            advances.push_back(std::move(*advance));
        }
        if (recoup.node != nullptr) recoup_lists.push_back(std::move(recoup));
    }
    check_recoup_sets(ctx, recoup_lists);
    return advances;
}

std::vector<Withholding> parse_withholdings(ParseContext& ctx, const toml::table& root, const ContractScope& scope) {
    IdList ids;
    const toml::array* list = term_list(ctx, root, withholding_id_kind, limits::contract_withholdings_max, ids);
    if (list == nullptr) return {};
    const RulesById rules = rules_by_id(scope);
    std::vector<Withholding> withholdings;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const FieldPath path = FieldPath().element("withholding", i, id_or_null(ids, i));
        const auto* table = element_table(ctx, *list, i, path);
        if (table == nullptr) continue;
        if (ids[i]) {
            std::string owner = rule_owner(rules, *ids[i]);
            const auto advance = scope.advance_ids.find(*ids[i]);
            if (owner.empty() && advance != scope.advance_ids.end()) {
                owner = "advance " + in_quotes(*ids[i]) + " (line " + std::to_string(advance->second) + ")";
            }
            check_id_free(ctx, *list, i, *ids[i], withholding_id_kind, owner,
                          "a withholding id may be neither a rule id nor an advance id");
        }
        if (auto withholding = parse_withholding(ctx, *table, path, ids[i], scope)) {
            withholdings.push_back(std::move(*withholding));
        }
    }
    return withholdings;
}

}  // namespace revshare::rules::detail
