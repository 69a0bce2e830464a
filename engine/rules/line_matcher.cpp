#include "engine/rules/line_matcher.hpp"

#include "engine/core/assert.hpp"
#include "engine/rules/glob.hpp"

#include <boost/container_hash/hash.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace revshare::rules {
namespace {

// Bounds the memory of the signature cache: past this many distinct line signatures (e.g. a
// rule keyed on SubAccountId over millions of accounts), lines are matched through the
// per-key caches only, which are still one hash lookup per key.
constexpr std::size_t signature_cache_entries_max = 1'000'000;

constexpr std::size_t column_index(TextColumn column) { return static_cast<std::size_t>(column); }

}  // namespace

std::size_t LineMatcher::SignatureHash::operator()(const std::vector<std::int64_t>& signature) const {
    return boost::hash_range(signature.begin(), signature.end());
}

LineMatcher::LineMatcher(const std::vector<Rule>& rules) {
    std::map<std::pair<TextColumn, std::vector<std::string>>, std::size_t> key_index_by_content;
    std::array<bool, text_column_count> column_read{};
    column_read[column_index(TextColumn::ChargeCategory)] = true;  // the Tax rule reads it
    rules_.reserve(rules.size());
    for (const Rule& rule : rules) {
        ENGINE_ASSERT(!rule.match.empty());  // validation refuses a rule without `match`
        std::vector<Table> tables;
        for (const MatchTable& match_table : rule.match) {
            ENGINE_ASSERT(!match_table.keys.empty());  // validation refuses `match = {}`
            Table table;
            table.excludes_tax = !match_table.has_charge_category_key();
            for (const auto& [column, patterns] : match_table.keys) {
                ENGINE_ASSERT(!patterns.empty());  // validation refuses an empty pattern list
                const auto [found, inserted] = key_index_by_content.try_emplace({column, patterns}, keys_.size());
                if (inserted) keys_.push_back(Key{column, patterns, {}});
                table.key_indices.push_back(found->second);
                column_read[column_index(column)] = true;
            }
            tables.push_back(std::move(table));
        }
        rules_.push_back(std::move(tables));
    }
    for (std::size_t i = 0; i < text_column_count; ++i) {
        if (column_read[i]) signature_columns_.push_back(static_cast<TextColumn>(i));
    }
}

bool LineMatcher::key_matches(std::size_t key_index, const TextIds& text_ids, const TextDictionary& texts) {
    Key& key = keys_[key_index];
    const std::int64_t text_id = text_ids[column_index(key.column)];
    const auto cached = key.matched_by_text_id.find(text_id);
    if (cached != key.matched_by_text_id.end()) return cached->second;
    const std::string& value = texts.text(text_id);
    const bool matched = std::any_of(key.patterns.begin(), key.patterns.end(),
                                     [&](const std::string& pattern) { return glob_match(pattern, value); });
    key.matched_by_text_id.emplace(text_id, matched);
    return matched;
}

bool LineMatcher::is_tax(std::int64_t charge_category_id, const TextDictionary& texts) {
    const auto cached = is_tax_by_text_id_.find(charge_category_id);
    if (cached != is_tax_by_text_id_.end()) return cached->second;
    const bool tax = texts.text(charge_category_id) == "Tax";
    is_tax_by_text_id_.emplace(charge_category_id, tax);
    return tax;
}

bool LineMatcher::table_matches(const Table& table, const TextIds& text_ids, const TextDictionary& texts) {
    if (table.excludes_tax && is_tax(text_ids[column_index(TextColumn::ChargeCategory)], texts)) return false;
    return std::all_of(table.key_indices.begin(), table.key_indices.end(),
                       [&](std::size_t key_index) { return key_matches(key_index, text_ids, texts); });
}

bool LineMatcher::rule_matches(std::size_t rule_index, const TextIds& text_ids, const TextDictionary& texts) {
    ENGINE_ASSERT(rule_index < rules_.size());
    const std::vector<Table>& tables = rules_[rule_index];
    return std::any_of(tables.begin(), tables.end(),
                       [&](const Table& table) { return table_matches(table, text_ids, texts); });
}

void LineMatcher::compute_matching_rules(const TextIds& text_ids, const TextDictionary& texts,
                                         std::vector<std::size_t>& out) {
    out.clear();
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        if (rule_matches(i, text_ids, texts)) out.push_back(i);
    }
}

const std::vector<std::size_t>& LineMatcher::matching_rules(const TextIds& text_ids, const TextDictionary& texts,
                                                            std::int64_t dimensions_id) {
    if (dimensions_id == 0) return matching_rules(text_ids, texts);
    if (rules_by_dimensions_.empty()) rules_by_dimensions_.assign(dimensions_entries, {0, nullptr});
    auto& entry = rules_by_dimensions_[static_cast<std::size_t>(dimensions_id) & (dimensions_entries - 1)];
    if (entry.first == dimensions_id) return *entry.second;
    const std::vector<std::size_t>& rules = matching_rules(text_ids, texts);
    // Remembered only when cached by signature (last_rules_ is then the result), not in uncached_.
    if (last_rules_ != nullptr) entry = {dimensions_id, last_rules_};
    return rules;
}

const std::vector<std::size_t>& LineMatcher::matching_rules(const TextIds& text_ids, const TextDictionary& texts) {
    // Two lines with the same ids in every column a key reads match the same rules. Compared
    // with the last signature in place first: consecutive lines mostly share it.
    if (last_rules_ != nullptr) {
        bool same = true;
        for (std::size_t i = 0; same && i < signature_columns_.size(); ++i) {
            same = text_ids[column_index(signature_columns_[i])] == last_signature_[i];
        }
        if (same) return *last_rules_;
    }
    signature_.clear();
    for (const TextColumn column : signature_columns_) signature_.push_back(text_ids[column_index(column)]);
    const auto cached = rules_by_signature_.find(signature_);
    if (cached != rules_by_signature_.end()) {
        last_signature_ = signature_;
        last_rules_ = &cached->second;
        return cached->second;
    }
    if (rules_by_signature_.size() >= signature_cache_entries_max) {
        compute_matching_rules(text_ids, texts, uncached_);
        last_rules_ = nullptr;  // uncached_ is overwritten by the next uncached line
        return uncached_;
    }
    std::vector<std::size_t> matched;
    compute_matching_rules(text_ids, texts, matched);
    // References to unordered_map elements survive rehashing, so this one stays valid.
    last_signature_ = signature_;
    last_rules_ = &rules_by_signature_.emplace(signature_, std::move(matched)).first->second;
    return *last_rules_;
}

}  // namespace revshare::rules
