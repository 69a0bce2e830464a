#pragma once
// LineMatcher: which rules of one contract version match a line (contract.md, "match").
//
// A rule matches a line when any of its match tables does; a table matches when, for every
// key it gives, the line's column matches one of that key's glob patterns; a table without a
// ChargeCategory key never matches a `Tax` line. An absent column reads as "".
//
// Cost is linear in lines, not lines × rules: a settlement sees millions of lines but only a
// few thousand distinct column values. Two caches make that so:
//   - per key (a distinct column + pattern list), text id -> matched: each distinct value
//     is glob-matched once per key;
//   - per line signature (the text ids of every column any key reads, plus ChargeCategory),
//     -> the matching rule indices: a line like one seen before costs one hash lookup.
// The caches are looked up, never iterated, so output order cannot depend on them.
#include "engine/rules/contract.hpp"
#include "engine/rules/text_dictionary.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace revshare::rules {

class LineMatcher {
public:
    // Compiles the match tables of `rules` (one version's rules, in file order).
    explicit LineMatcher(const std::vector<Rule>& rules);

    // Indices, ascending (= file order), of the rules that match the line. The reference
    // stays valid until the next call.
    [[nodiscard]] const std::vector<std::size_t>& matching_rules(const TextIds& text_ids,
                                                                 const TextDictionary& texts);
    // The same, for a line whose text ids are those of every line with the same nonzero
    // `dimensions_id` (0: none): remembered by it as well, one array lookup for a line like one
    // seen before (a report matches millions of lines in a few hundred thousand combinations).
    [[nodiscard]] const std::vector<std::size_t>& matching_rules(const TextIds& text_ids, const TextDictionary& texts,
                                                                 std::int64_t dimensions_id);

    // Whether one rule matches the line (uses the per-key caches, not the signature cache).
    [[nodiscard]] bool rule_matches(std::size_t rule_index, const TextIds& text_ids, const TextDictionary& texts);

    [[nodiscard]] std::size_t rule_count() const { return rules_.size(); }
    // The columns matching reads (every column a key names, plus ChargeCategory), ascending:
    // lines equal in these columns match the same rules.
    [[nodiscard]] const std::vector<TextColumn>& columns_read() const { return signature_columns_; }

private:
    // One distinct (column, pattern list) of the version's tables, shared by every table
    // that repeats it, with its memo.
    struct Key {
        TextColumn column;
        std::vector<std::string> patterns;
        std::unordered_map<std::int64_t, bool> matched_by_text_id;
    };
    struct Table {
        std::vector<std::size_t> key_indices;  // into keys_
        bool excludes_tax = true;              // no ChargeCategory key
    };
    struct SignatureHash {
        std::size_t operator()(const std::vector<std::int64_t>& signature) const;
    };

    [[nodiscard]] bool key_matches(std::size_t key_index, const TextIds& text_ids, const TextDictionary& texts);
    [[nodiscard]] bool is_tax(std::int64_t charge_category_id, const TextDictionary& texts);
    [[nodiscard]] bool table_matches(const Table& table, const TextIds& text_ids, const TextDictionary& texts);
    void compute_matching_rules(const TextIds& text_ids, const TextDictionary& texts, std::vector<std::size_t>& out);

    std::vector<Key> keys_;
    std::vector<std::vector<Table>> rules_;  // per rule, its tables
    std::unordered_map<std::int64_t, bool> is_tax_by_text_id_;

    std::vector<TextColumn> signature_columns_;  // ascending, ChargeCategory included
    std::vector<std::int64_t> signature_;        // scratch, reused for every lookup
    std::unordered_map<std::vector<std::int64_t>, std::vector<std::size_t>, SignatureHash> rules_by_signature_;
    std::vector<std::size_t> uncached_;  // result when the signature cache is full
    // The last signature looked up and its rules (consecutive lines mostly share one); the
    // rules live in rules_by_signature_, whose elements stay where they are.
    std::vector<std::int64_t> last_signature_;
    const std::vector<std::size_t>* last_rules_ = nullptr;
    // By dimensions_id, direct-mapped (bounded whatever the lines): (id, its rules in
    // rules_by_signature_); allocated at the first use.
    static constexpr std::size_t dimensions_entries = std::size_t{1} << 14;
    std::vector<std::pair<std::int64_t, const std::vector<std::size_t>*>> rules_by_dimensions_;
};

}  // namespace revshare::rules
