// What a rule matches (`match`) and how it computes its share (`rate` or `tiers`).
#include "engine/core/limits.hpp"
#include "engine/rules/contract_parse_detail.hpp"

#include <array>

namespace revshare::rules::detail {
namespace {

constexpr std::array<std::string_view, 2> tier_keys{"up_to", "rate"};

// Patterns counted over all match tables of one rule (the work of matching a line).
struct PatternBudget {
    std::size_t used = 0;
    bool reported = false;
};

std::string text_column_names() {
    std::string text;
    for (std::size_t i = 0; i < text_column_count; ++i) {
        text += (i == 0 ? "" : ", ") + std::string(text_column_name(static_cast<TextColumn>(i)));
    }
    return text;
}

std::optional<std::vector<std::string>> parse_patterns(ParseContext& ctx, const toml::node& node,
                                                       const FieldPath& path, PatternBudget& budget) {
    const auto* list = node.as_array();
    if (list == nullptr) {
        ctx.error(where(node), path,
                  not_allowed(node) + "; expected a list of patterns, e.g. [\"Microsoft\"]");
        return std::nullopt;
    }
    if (list->empty()) {
        ctx.error(where(node), path,
                  "empty pattern list; expected at least one pattern, e.g. [\"*\"] for any value");
        return std::nullopt;
    }
    std::vector<std::string> patterns;
    for (const toml::node& element : *list) {
        if (++budget.used > limits::contract_patterns_max && !budget.reported) {
            budget.reported = true;
            ctx.error(where(element), path,
                      "more than " + std::to_string(limits::contract_patterns_max) +
                          " patterns in one rule; the limit is " + std::to_string(limits::contract_patterns_max));
        }
        if (!element.is_string()) {
            ctx.error(where(element), path, not_allowed(element) + "; expected a pattern string");
            continue;
        }
        patterns.push_back(element.as_string()->get());
    }
    return patterns;
}

std::optional<MatchTable> parse_match_table(ParseContext& ctx, const toml::node& node, const FieldPath& path,
                                            PatternBudget& budget) {
    const auto* table = node.as_table();
    if (table == nullptr) {
        ctx.error(where(node), path, not_allowed(node) + "; expected a table");
        return std::nullopt;
    }
    if (table->empty()) {
        ctx.error(where(node), path,
                  "empty table; expected at least one column, e.g. { ProviderName = [\"Microsoft\"] }");
        return std::nullopt;
    }
    MatchTable match;
    for (const Entry& entry : entries_in_file_order(*table)) {
        const std::string_view name = entry.key->str();
        const auto column = text_column_from_name(name);
        if (!column && name == "x_SkuPriceDetails" && entry.node->is_table()) {
            // TOML reads x_SkuPriceDetails.ModelDeveloper = [...] as a table: the column's name has a dot.
            ctx.error(where(*entry.key), path.field(name),
                      "a dotted key; quote the column's name: \"x_SkuPriceDetails.ModelDeveloper\" = [\"...\"]");
            continue;
        }
        if (!column) {
            ctx.error(where(*entry.key), path.field(name),
                      "unknown column; expected a text column of the normalised line: " + text_column_names());
            continue;
        }
        if (auto patterns = parse_patterns(ctx, *entry.node, path.field(name), budget)) {
            match.keys.emplace_back(*column, std::move(*patterns));
        }
    }
    return match;
}

std::optional<Tier> parse_tier(ParseContext& ctx, const toml::table& tier, const FieldPath& path, bool last) {
    check_keys(ctx, tier, path, tier_keys);
    const toml::node* up_to_node = tier.get("up_to");
    std::optional<Decimal> up_to;
    if (last && up_to_node != nullptr) {
        ctx.error(where(*up_to_node), path.field("up_to"),
                  "the last tier may not have up_to; it takes the rest of the basis");
    } else if (!last && up_to_node == nullptr) {
        ctx.error(where(tier), path.field("up_to"),
                  "missing; every tier but the last needs up_to, e.g. { up_to = \"50000.00\", rate = \"0.20\" }");
    } else if (up_to_node != nullptr) {
        up_to = read_money(ctx, *up_to_node, path.field("up_to"), "up_to");
        if (up_to && up_to->sign() <= 0) {
            ctx.error(where(*up_to_node), path.field("up_to"),
                      money_text(ctx, *up_to) + " is not above zero; expected up_to > 0");
            up_to.reset();
        }
    }
    const toml::node* rate_node = require(ctx, tier, "rate", path, where(tier), "a rate, e.g. rate = \"0.20\"");
    if (rate_node == nullptr) return std::nullopt;
    auto rate = read_rate(ctx, *rate_node, path.field("rate"), "rate");
    if (!rate) return std::nullopt;
    return Tier{up_to, *rate};
}

std::vector<Tier> parse_tiers(ParseContext& ctx, const toml::node& node, const FieldPath& rule_path) {
    const FieldPath path = rule_path.field("tiers");
    const auto* list = node.as_array();
    if (list == nullptr || list->empty()) {
        const std::string problem = list == nullptr
                                        ? not_allowed(node) + "; expected a list of tiers"
                                        : std::string("empty list; expected at least one tier");
        ctx.error(where(node), path,
                  problem + ", e.g. tiers = [{ up_to = \"50000.00\", rate = \"0.20\" }, { rate = \"0.25\" }]");
        return {};
    }
    if (list->size() > limits::contract_tiers_max) {
        ctx.error(where(node), path,
                  "more than " + std::to_string(limits::contract_tiers_max) + " tiers; the limit is " +
                      std::to_string(limits::contract_tiers_max));
        return {};
    }
    std::vector<Tier> tiers;
    const Decimal* previous_up_to = nullptr;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const toml::node& element = *list->get(i);
        const FieldPath tier_path = rule_path.element("tiers", i, nullptr);
        const auto* table = element.as_table();
        if (table == nullptr) {
            ctx.error(where(element), tier_path, not_allowed(element) + "; expected a table");
            continue;
        }
        auto tier = parse_tier(ctx, *table, tier_path, i + 1 == list->size());
        if (!tier) continue;
        if (tier->up_to && previous_up_to != nullptr && *tier->up_to <= *previous_up_to) {
            ctx.error(where(*table->get("up_to")), tier_path.field("up_to"),
                      money_text(ctx, *tier->up_to) + " is not above " + money_text(ctx, *previous_up_to) +
                          ", the up_to of the tier before; up_to must be strictly increasing");
        }
        tiers.push_back(std::move(*tier));
        if (tiers.back().up_to) previous_up_to = &*tiers.back().up_to;
    }
    return tiers;
}

}  // namespace

std::vector<MatchTable> parse_match(ParseContext& ctx, const toml::table& rule, const FieldPath& rule_path) {
    const toml::node* node = require(ctx, rule, "match", rule_path, where(rule),
                                     "a table of column = [patterns], e.g. match = { ProviderName = [\"Microsoft\"] }");
    if (node == nullptr) return {};
    const FieldPath path = rule_path.field("match");
    PatternBudget budget;
    std::vector<MatchTable> tables;
    if (node->is_table()) {
        if (auto table = parse_match_table(ctx, *node, path, budget)) tables.push_back(std::move(*table));
        return tables;
    }
    const auto* list = node->as_array();
    if (list == nullptr || list->empty()) {
        ctx.error(where(*node), path,
                  list == nullptr ? not_allowed(*node) +
                                        "; expected a table or a list of tables, e.g. match = { "
                                        "ProviderName = [\"Microsoft\"] }"
                                  : "empty list; expected at least one table, e.g. match = [{ ProviderName = "
                                    "[\"Microsoft\"] }]");
        return tables;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        if (auto table = parse_match_table(ctx, *list->get(i), rule_path.element("match", i, nullptr), budget)) {
            tables.push_back(std::move(*table));
        }
    }
    return tables;
}

void parse_rate_or_tiers(ParseContext& ctx, const toml::table& table, const FieldPath& path, Rule& rule) {
    const toml::node* rate = table.get("rate");
    const toml::node* tiers = table.get("tiers");
    if (rate != nullptr && tiers != nullptr) {
        ctx.error(where(*tiers), path, "both rate and tiers are given; expected exactly one of them");
    } else if (rate == nullptr && tiers == nullptr) {
        ctx.error(where(table), path,
                  "neither rate nor tiers is given; expected exactly one of them, e.g. rate = \"0.15\"");
    }
    if (rate != nullptr) rule.rate = read_rate(ctx, *rate, path.field("rate"), "rate");
    if (tiers != nullptr) rule.tiers = parse_tiers(ctx, *tiers, path);
}

}  // namespace revshare::rules::detail
