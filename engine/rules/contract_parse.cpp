// parse_contract: the top level of a contract file (id, name, currency, cost_column, parties,
// cap groups); versions and rules are in contract_parse_version.cpp and contract_parse_rule.cpp,
// year_start_month, advances and withholdings in contract_parse_terms.cpp, [accounts] in
// contract_parse_accounts.cpp.
#include "engine/rules/contract_parse.hpp"
#include "engine/rules/contract_nesting.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/limits.hpp"
#include "engine/rules/contract_parse_detail.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace revshare::rules {
namespace {

using detail::ContractScope;
using detail::Entry;
using detail::FieldPath;
using detail::IdPattern;
using detail::ParseContext;
using detail::Where;
using detail::where;

constexpr std::array<std::string_view, 11> top_level_keys{
    "id", "name", "currency", "cost_column", "parties", "version", "cap_group", "year_start_month", "advance",
    "withholding", "accounts"};
constexpr std::array<std::string_view, 1> cap_group_keys{"cap"};

std::optional<std::string> parse_contract_id(ParseContext& ctx, const toml::table& root) {
    const toml::node* node =
        detail::require(ctx, root, "id", FieldPath(), Where{}, "the contract id, e.g. id = \"openai-microsoft\"");
    if (node == nullptr) return std::nullopt;
    return detail::read_id(ctx, *node, FieldPath().field("id"), IdPattern::contract);
}

std::optional<std::string> parse_name(ParseContext& ctx, const toml::table& root) {
    const std::string expected = "a name for people, e.g. name = \"OpenAI / Microsoft revenue share\"";
    const toml::node* node = detail::require(ctx, root, "name", FieldPath(), Where{}, expected);
    if (node == nullptr) return std::nullopt;
    auto name = detail::read_string(ctx, *node, FieldPath().field("name"));
    if (name && name->empty()) {
        ctx.error(where(*node), FieldPath().field("name"), "empty; expected " + expected);
        return std::nullopt;
    }
    return name;
}

std::optional<Currency> parse_currency(ParseContext& ctx, const toml::table& root) {
    const toml::node* node =
        detail::require(ctx, root, "currency", FieldPath(), Where{}, "an ISO 4217 code, e.g. currency = \"USD\"");
    if (node == nullptr) return std::nullopt;
    const FieldPath path = FieldPath().field("currency");
    const auto code = detail::read_string(ctx, *node, path);
    if (!code) return std::nullopt;
    auto currency = Currency::from_code(*code);
    if (!currency) {
        ctx.error(where(*node), path, "unknown currency \"" + *code + "\"; expected an ISO 4217 code, e.g. \"USD\"");
    }
    return currency;
}

std::optional<CostColumn> parse_cost_column(ParseContext& ctx, const toml::table& root) {
    const toml::node* node = root.get("cost_column");
    if (node == nullptr) return CostColumn::BilledCost;
    const FieldPath path = FieldPath().field("cost_column");
    const auto name = detail::read_string(ctx, *node, path);
    if (!name) return std::nullopt;
    auto column = cost_column_from_name(*name);
    if (!column) {
        ctx.error(where(*node), path,
                  "unknown cost column \"" + *name + "\"; expected BilledCost, EffectiveCost, ListCost or "
                                                     "ContractedCost");
    }
    return column;
}

// The party even when its key or display name is wrong (after reporting it): rules naming it
// should not also report an unknown party.
Party parse_party(ParseContext& ctx, const Entry& entry) {
    const std::string key(entry.key->str());
    if (!detail::matches_id_pattern(key, IdPattern::name)) {
        ctx.error(where(*entry.key), FieldPath().field("parties"),
                  "party key " + detail::id_pattern_problem(key, IdPattern::name));
    }
    const FieldPath path = FieldPath().field("parties").field(key);
    auto display_name = detail::read_string(ctx, *entry.node, path);
    if (display_name && display_name->empty()) {
        ctx.error(where(*entry.node), path, "empty display name; expected e.g. " + key + " = \"OpenAI OpCo, LLC\"");
    }
    return Party{key, display_name.value_or("")};
}

std::vector<Party> parse_parties(ParseContext& ctx, const toml::table& root) {
    const toml::node* node = root.get("parties");
    if (node == nullptr) return {};
    const auto* table = node->as_table();
    if (table == nullptr) {
        ctx.error(where(*node), FieldPath().field("parties"),
                  detail::not_allowed(*node) + "; expected a table of party key = display name");
        return {};
    }
    std::vector<Party> parties;
    std::size_t count = 0;
    for (const Entry& entry : detail::entries_in_file_order(*table)) {
        if (count++ == limits::contract_parties_max) {
            ctx.error(where(*entry.key), FieldPath().field("parties"),
                      "more than " + std::to_string(limits::contract_parties_max) + " parties; the limit is " +
                          std::to_string(limits::contract_parties_max));
            break;
        }
        parties.push_back(parse_party(ctx, entry));
    }
    return parties;
}

std::optional<CapGroup> parse_cap_group(ParseContext& ctx, const Entry& entry) {
    const std::string name(entry.key->str());
    if (!detail::matches_id_pattern(name, IdPattern::name)) {
        ctx.error(where(*entry.key), FieldPath().field("cap_group"),
                  "name " + detail::id_pattern_problem(name, IdPattern::name));
    }
    const FieldPath path = FieldPath().element("cap_group", 0, &name);
    const auto* table = entry.node->as_table();
    if (table == nullptr) {
        ctx.error(where(*entry.node), path,
                  detail::not_allowed(*entry.node) + "; expected a [cap_group." + name + "] table");
        return std::nullopt;
    }
    detail::check_keys(ctx, *table, path, cap_group_keys);
    const toml::node* cap_node = detail::require(ctx, *table, "cap", path, where(*table),
                                                 "the lifetime cap on the group's shares, e.g. cap = \"120000.00\"");
    if (cap_node == nullptr) return std::nullopt;
    auto cap = detail::read_money(ctx, *cap_node, path.field("cap"), "cap");
    if (!cap) return std::nullopt;
    if (cap->is_negative()) {
        ctx.error(where(*cap_node), path.field("cap"),
                  detail::money_text(ctx, *cap) + " is negative; expected an amount >= 0");
        return std::nullopt;
    }
    return CapGroup{name, std::move(*cap)};
}

// Every [cap_group.NAME] table; the names go into `scope` for the rules to refer to.
std::vector<CapGroup> parse_cap_groups(ParseContext& ctx, const toml::table& root, ContractScope& scope) {
    const toml::node* node = root.get("cap_group");
    if (node == nullptr) return {};
    const auto* table = node->as_table();
    if (table == nullptr) {
        ctx.error(where(*node), FieldPath().field("cap_group"),
                  detail::not_allowed(*node) + "; expected [cap_group.NAME] tables");
        return {};
    }
    std::vector<CapGroup> groups;
    for (const Entry& entry : detail::entries_in_file_order(*table)) {
        scope.cap_group_names.emplace_back(entry.key->str());
        if (auto group = parse_cap_group(ctx, entry)) groups.push_back(std::move(*group));
    }
    std::sort(groups.begin(), groups.end(), [](const CapGroup& a, const CapGroup& b) { return a.name < b.name; });
    return groups;
}

// A cap group that no rule names bounds nothing: most likely a typo in a rule's cap_group.
void check_cap_groups_named(ParseContext& ctx, const toml::table& root, const ContractScope& scope) {
    const auto* table = root["cap_group"].as_table();
    if (table == nullptr) return;
    for (const Entry& entry : detail::entries_in_file_order(*table)) {
        const std::string name(entry.key->str());
        if (scope.cap_groups_named.count(name) != 0) continue;
        ctx.error(where(*entry.key), FieldPath().element("cap_group", 0, &name),
                  "no rule names this cap group; name it in a rule (cap_group = \"" + name + "\") or remove it");
    }
}

std::optional<Contract> parse_root(ParseContext& ctx, const toml::table& root) {
    detail::check_keys(ctx, root, FieldPath(), top_level_keys);
    auto id = parse_contract_id(ctx, root);
    auto name = parse_name(ctx, root);
    auto currency = parse_currency(ctx, root);
    ctx.currency = currency;
    auto cost_column = parse_cost_column(ctx, root);
    const auto year_start_month = detail::parse_year_start_month(ctx, root);
    ContractScope scope;
    scope.parties = parse_parties(ctx, root);
    auto cap_groups = parse_cap_groups(ctx, root, scope);
    auto versions = detail::parse_versions(ctx, root, scope);
    check_cap_groups_named(ctx, root, scope);
    detail::check_annual_minimum_rules(ctx, scope);
    auto advances = detail::parse_advances(ctx, root, scope);
    auto withholdings = detail::parse_withholdings(ctx, root, scope);
    auto accounts = detail::parse_accounts(ctx, root, scope);
    if (ctx.has_errors()) return std::nullopt;
    ENGINE_ASSERT(id.has_value());
    ENGINE_ASSERT(name.has_value());
    ENGINE_ASSERT(currency.has_value());
    ENGINE_ASSERT(cost_column.has_value());
    ENGINE_ASSERT(!versions.empty());
    ENGINE_ASSERT(year_start_month.has_value());
    return Contract{.id = std::move(*id),
                    .name = std::move(*name),
                    .currency = *currency,
                    .cost_column = *cost_column,
                    .parties = std::move(scope.parties),
                    .versions = std::move(versions),
                    .cap_groups = std::move(cap_groups),
                    .year_start_month = *year_start_month,
                    .advances = std::move(advances),
                    .withholdings = std::move(withholdings),
                    .accounts = std::move(accounts)};
}

}  // namespace

ParsedContract parse_contract(std::string_view toml_text, const std::string& file_name) {
    ParseContext ctx(toml_text, file_name);
    if (toml_text.size() > limits::contract_bytes_max) {
        ctx.error(Where{}, FieldPath(),
                  "contract file of " + std::to_string(toml_text.size()) + " bytes; the limit is " +
                      std::to_string(limits::contract_bytes_max) + " bytes");
        return ParsedContract{std::nullopt, ctx.take_errors()};
    }
    if (const auto excess = find_nesting_excess(toml_text, limits::contract_nesting_depth_max)) {
        ctx.error(Where{excess->line, excess->column}, FieldPath(),
                  "tables, dotted key parts and brackets nested more than " +
                      std::to_string(limits::contract_nesting_depth_max) +
                      " levels deep here (the limit; a contract needs about 6)");
        return ParsedContract{std::nullopt, ctx.take_errors()};
    }
    toml::table root;
    try {
        root = toml::parse(toml_text, std::string_view(file_name));
    } catch (const toml::parse_error& error) {
        // toml++ stops at the first syntax error: there is nothing to validate after it.
        ctx.error(where(error.source()), FieldPath(), "TOML syntax: " + std::string(error.description()));
        return ParsedContract{std::nullopt, ctx.take_errors()};
    }
    auto contract = parse_root(ctx, root);
    return ParsedContract{std::move(contract), ctx.take_errors()};
}

}  // namespace revshare::rules
