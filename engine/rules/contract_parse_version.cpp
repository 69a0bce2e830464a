// parse_versions: the [[version]] tables and the list of [[version.rule]] tables of each, with
// id uniqueness, the version order and the list limits.
#include "engine/core/limits.hpp"
#include "engine/rules/contract_parse_detail.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace revshare::rules::detail {
namespace {

constexpr std::array<std::string_view, 3> version_keys{"id", "effective_from", "rule"};

constexpr IdKind version_id_kind{"version", "version id", "2026-amendment", "in the contract"};
constexpr IdKind rule_id_kind{"rule", "rule id", "msft-share-all-clouds", "within a version"};

struct DatedVersion {
    Version version;
    FieldPath path;
    std::optional<Day> effective_from;
    const toml::node* date_node = nullptr;
};

std::vector<Rule> parse_rules(ParseContext& ctx, const toml::table& version, const FieldPath& path,
                              ContractScope& scope) {
    const toml::node* node = version.get("rule");
    if (node == nullptr) return {};  // a version without rules ends what the previous ones owed
    const auto* list = table_list(ctx, *node, path.field("rule"), "[[version.rule]] tables");
    if (list == nullptr) return {};
    const std::size_t count = within_limit(ctx, *list, path, "rule", limits::contract_rules_per_version_max,
                                           "rules in one version");
    const IdList ids = collect_ids(ctx, *list, count, path, rule_id_kind);
    std::vector<Rule> rules;
    for (std::size_t i = 0; i < count; ++i) {
        const FieldPath rule_path = path.element("rule", i, id_or_null(ids, i));
        const auto* table = element_table(ctx, *list, i, rule_path);
        if (table != nullptr) rules.push_back(parse_rule(ctx, *table, rule_path, i, ids, scope));
    }
    return rules;
}

DatedVersion parse_version(ParseContext& ctx, const toml::table& table, const FieldPath& path,
                           const std::optional<std::string>& id, ContractScope& scope) {
    check_keys(ctx, table, path, version_keys);
    DatedVersion result{Version{}, path, std::nullopt, nullptr};
    result.version.id = id.value_or("");
    result.version.source_line = where(table).line;
    result.date_node = require(ctx, table, "effective_from", path, where(table),
                               "the first day the version is in force (UTC), e.g. effective_from = 2026-04-28");
    if (result.date_node != nullptr) {
        result.effective_from = read_date(ctx, *result.date_node, path.field("effective_from"));
    }
    if (result.effective_from) result.version.effective_from = *result.effective_from;
    result.version.rules = parse_rules(ctx, table, path, scope);
    return result;
}

// Versions must be written oldest first, each on its own date: the file reads as a history.
void check_version_order(ParseContext& ctx, const std::vector<DatedVersion>& versions) {
    const DatedVersion* latest = nullptr;
    for (const DatedVersion& version : versions) {
        if (!version.effective_from) continue;
        if (latest == nullptr || *version.effective_from > *latest->effective_from) {
            latest = &version;
            continue;
        }
        const std::string date = format_day(*version.effective_from);
        const std::string what =
            *version.effective_from == *latest->effective_from
                ? date + " is also the effective_from of " + latest->path.text() +
                      "; no two versions may start on one date"
                : date + " is before " + format_day(*latest->effective_from) + ", the effective_from of " +
                      latest->path.text() + "; versions must be sorted by effective_from, oldest first";
        ctx.error(where(*version.date_node), version.path.field("effective_from"), what);
    }
}

// The earliest valid effective_from (the first version's when they are sorted), for the
// advances' paid_on.
void note_first_version(const std::vector<DatedVersion>& versions, ContractScope& scope) {
    for (const DatedVersion& version : versions) {
        if (!version.effective_from) continue;
        if (scope.first_effective_from && *scope.first_effective_from <= *version.effective_from) continue;
        scope.first_effective_from = version.effective_from;
        scope.first_version = version.path.text();
    }
}

}  // namespace

std::vector<Version> parse_versions(ParseContext& ctx, const toml::table& root, ContractScope& scope) {
    const toml::node* node = require(ctx, root, "version", FieldPath(), Where{},
                                     "at least one [[version]] table with id and effective_from");
    if (node == nullptr) return {};
    const FieldPath path = FieldPath().field("version");
    const auto* list = table_list(ctx, *node, path, "[[version]] tables");
    if (list == nullptr) return {};
    if (list->empty()) {
        ctx.error(where(*node), path, "empty; expected at least one [[version]] table with id and effective_from");
        return {};
    }
    const std::size_t count =
        within_limit(ctx, *list, FieldPath(), "version", limits::contract_versions_max, "versions in one contract");
    const IdList ids = collect_ids(ctx, *list, count, FieldPath(), version_id_kind);
    std::vector<DatedVersion> parsed;
    for (std::size_t i = 0; i < count; ++i) {
        const FieldPath version_path = FieldPath().element("version", i, id_or_null(ids, i));
        const auto* table = element_table(ctx, *list, i, version_path);
        if (table != nullptr) parsed.push_back(parse_version(ctx, *table, version_path, ids[i], scope));
    }
    check_version_order(ctx, parsed);
    note_first_version(parsed, scope);
    std::vector<Version> versions;
    versions.reserve(parsed.size());
    for (DatedVersion& version : parsed) versions.push_back(std::move(version.version));
    return versions;
}

}  // namespace revshare::rules::detail
