#pragma once
// Internals of parse_contract, shared by contract_parse*.cpp only: the error collector, field
// paths for messages, and readers for the value kinds of a contract (ids, dates, rates, money).
#include "engine/core/currency.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/diagnostic.hpp"
#include "engine/core/period.hpp"
#include "engine/core/rate.hpp"
#include "engine/rules/contract.hpp"

#include <toml++/toml.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::rules::detail {

// Where a diagnostic points: a 1-based line and column, or {0, 0} for the whole file.
struct Where {
    std::int64_t line = 0;
    std::int64_t column = 0;
};
[[nodiscard]] Where where(const toml::node& node);
[[nodiscard]] Where where(const toml::key& key);
[[nodiscard]] Where where(const toml::source_region& region);

// The field a message is about: `version "2026-amendment" rule "msft-share-all-clouds" net_of`
// where ids are known, `version[1].rule[0].rate` where they are not (indexes are 0-based).
class FieldPath {
public:
    // `name "id"` when `id` is given, `name[index]` otherwise.
    [[nodiscard]] FieldPath element(std::string_view name, std::size_t index, const std::string* id) const;
    [[nodiscard]] FieldPath field(std::string_view name) const;
    [[nodiscard]] const std::string& text() const { return text_; }

private:
    [[nodiscard]] std::string joined(std::string_view name) const;
    std::string text_;
    bool ends_with_id_ = false;  // the next name joins with a space, not a dot
};

// Collects diagnostics; hands them back in file order.
class ParseContext {
public:
    ParseContext(std::string_view text, std::string file_name);

    // Message `path: what` (or just `what` when the path is empty).
    void error(Where at, const FieldPath& path, const std::string& what);
    [[nodiscard]] bool has_errors() const { return !errors_.empty(); }
    // Sorted by (line, column), stable: whole-file errors first, then in file order.
    [[nodiscard]] Diagnostics take_errors();

    // The contract currency, once known: money amounts are checked against its minor units.
    std::optional<Currency> currency;

private:
    [[nodiscard]] std::string line_text(std::int64_t line) const;
    std::string_view text_;
    std::string file_name_;
    std::vector<std::size_t> line_starts_;  // byte offset of each line
    Diagnostics errors_;
};

// Table entries ordered by where their key is written (toml::table iterates sorted by key).
struct Entry {
    const toml::key* key;
    const toml::node* node;
};
[[nodiscard]] std::vector<Entry> entries_in_file_order(const toml::table& table);

// One error per key of `table` not in `allowed`.
void check_keys(ParseContext& ctx, const toml::table& table, const FieldPath& path,
                std::span<const std::string_view> allowed);

// The node at `key`, or nullptr after reporting it missing at `missing_at`.
[[nodiscard]] const toml::node* require(ParseContext& ctx, const toml::table& table, std::string_view key,
                                        const FieldPath& path, Where missing_at, const std::string& expected);

[[nodiscard]] std::string in_quotes(std::string_view text);        // "text"
[[nodiscard]] std::string_view type_phrase(const toml::node& node);  // "a string", "a TOML integer", ...
[[nodiscard]] std::string not_allowed(const toml::node& node);        // "a TOML integer is not allowed"

enum class IdPattern {
    contract,  // [a-z0-9][a-z0-9-]*
    name,      // [A-Za-z0-9][A-Za-z0-9._-]*: version ids, rule ids, party keys, cap group names
};
[[nodiscard]] bool matches_id_pattern(std::string_view text, IdPattern pattern);
[[nodiscard]] std::string id_pattern_problem(std::string_view text, IdPattern pattern);

[[nodiscard]] std::optional<std::string> read_string(ParseContext& ctx, const toml::node& node, const FieldPath& path);
[[nodiscard]] std::optional<std::string> read_id(ParseContext& ctx, const toml::node& node, const FieldPath& path,
                                                 IdPattern pattern);
// How a date field is named in the messages of read_date.
struct DateField {
    std::string_view key;        // effective_from, paid_on, from
    std::string_view example;    // a valid date, e.g. 2026-04-28
    std::string_view whole_day;  // why a date-time is refused, e.g. "a version starts at 00:00 UTC of its date"
};
inline constexpr DateField effective_from_field{"effective_from", "2026-04-28",
                                                "a version starts at 00:00 UTC of its date"};
// A TOML date or a "YYYY-MM-DD" string.
[[nodiscard]] std::optional<Day> read_date(ParseContext& ctx, const toml::node& node, const FieldPath& path,
                                           const DateField& field = effective_from_field);
// A plain decimal string in [0, 1]; `key` names the field in the example of the message.
[[nodiscard]] std::optional<Rate> read_rate(ParseContext& ctx, const toml::node& node, const FieldPath& path,
                                            std::string_view key);
// A plain decimal string with at most the currency's minor-unit decimals, as written.
[[nodiscard]] std::optional<Decimal> read_money(ParseContext& ctx, const toml::node& node, const FieldPath& path,
                                                std::string_view key);
// An amount for a message, with the currency's decimals: `5000.00`.
[[nodiscard]] std::string money_text(const ParseContext& ctx, const Decimal& amount);

// A rule as the checks across versions see it (annual_minimum, recoup_from, advance and
// withholding ids): only rules whose id is valid; payer/payee "" when invalid.
struct RuleSite {
    std::string id;
    std::string payer;
    std::string payee;
    bool owed = true;
    bool has_annual_minimum = false;
    FieldPath path;                     // version "v1" rule "r1"
    const toml::table* table = nullptr;  // the [[version.rule]] table, for where() of its fields
};

// What rules may refer to, which cap groups they did name, and what the contract-level terms
// (advances, withholdings) check against once every version is parsed.
struct ContractScope {
    std::vector<Party> parties;                 // file order
    std::vector<std::string> cap_group_names;   // every [cap_group.NAME] written
    std::set<std::string> cap_groups_named;     // filled while parsing rules
    std::vector<RuleSite> rules;                // filled while parsing rules, file order
    std::optional<Day> first_effective_from;    // the earliest valid effective_from
    std::string first_version;                  // its version's path, e.g. version "2019-original"
    std::map<std::string, std::int64_t> advance_ids;  // valid [[advance]] ids -> line, for withholdings
};

// The ids of a list of versions or of one version's rules, by index (nullopt where missing or invalid).
using IdList = std::vector<std::optional<std::string>>;

// How the ids of one kind of list ([[version]], [[version.rule]], [[advance]], ...) are worded.
struct IdKind {
    std::string_view element;  // "version", "rule", "advance", "withholding"
    std::string_view noun;     // "version id", "rule id", ...
    std::string_view example;  // a valid id
    std::string_view scope;    // where it must be unique
};

// `node` as a list of tables, or nullptr after reporting it.
[[nodiscard]] const toml::array* table_list(ParseContext& ctx, const toml::node& node, const FieldPath& path,
                                            std::string_view expected);
// How many elements of `list` to read: all, or the first `max` after reporting the excess.
[[nodiscard]] std::size_t within_limit(ParseContext& ctx, const toml::array& list, const FieldPath& parent,
                                       std::string_view element, std::size_t max, std::string_view what);
// Element `index` of `list` as a table, or nullptr after reporting it.
[[nodiscard]] const toml::table* element_table(ParseContext& ctx, const toml::array& list, std::size_t index,
                                               const FieldPath& path);
// The ids of the first `count` tables of `list`, checked for pattern and uniqueness.
[[nodiscard]] IdList collect_ids(ParseContext& ctx, const toml::array& list, std::size_t count,
                                 const FieldPath& parent, const IdKind& kind);
[[nodiscard]] const std::string* id_or_null(const IdList& ids, std::size_t index);

// The party key in `key` (payer, payee, authority) of `table`, or nullopt after reporting what
// is wrong; `example` is the party key of the message's example.
[[nodiscard]] std::optional<std::string> parse_party_ref(ParseContext& ctx, const toml::table& table,
                                                         const FieldPath& path, std::string_view key,
                                                         const ContractScope& scope,
                                                         std::string_view example = "openai");

[[nodiscard]] std::vector<Version> parse_versions(ParseContext& ctx, const toml::table& root, ContractScope& scope);
[[nodiscard]] Rule parse_rule(ParseContext& ctx, const toml::table& table, const FieldPath& path,
                              std::size_t rule_index, const IdList& ids, ContractScope& scope);
[[nodiscard]] std::vector<MatchTable> parse_match(ParseContext& ctx, const toml::table& rule, const FieldPath& path);
void parse_rate_or_tiers(ParseContext& ctx, const toml::table& table, const FieldPath& path, Rule& rule);

// The contract-level terms (contract_parse_terms.cpp), read after every version.
[[nodiscard]] std::optional<unsigned> parse_year_start_month(ParseContext& ctx, const toml::table& root);
// Rules sharing the id of a rule with an annual_minimum: same payer and payee, all owed.
void check_annual_minimum_rules(ParseContext& ctx, const ContractScope& scope);
// Also records the advance ids in `scope` for parse_withholdings.
[[nodiscard]] std::vector<Advance> parse_advances(ParseContext& ctx, const toml::table& root, ContractScope& scope);
[[nodiscard]] std::vector<Withholding> parse_withholdings(ParseContext& ctx, const toml::table& root,
                                                          const ContractScope& scope);
// The optional [accounts] table (contract_parse_accounts.cpp), read after [parties].
[[nodiscard]] std::vector<PartyAccount> parse_accounts(ParseContext& ctx, const toml::table& root,
                                                       const ContractScope& scope);

}  // namespace revshare::rules::detail
