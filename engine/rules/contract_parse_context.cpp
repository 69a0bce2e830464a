// The error collector, field paths and table helpers of parse_contract: keys, lists of tables
// and their ids.
#include "engine/rules/contract_parse_detail.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace revshare::rules::detail {
namespace {

bool before(const Where& a, const Where& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
}

std::string joined_list(std::span<const std::string_view> names) {
    std::string text;
    for (const std::string_view name : names) {
        if (!text.empty()) text += ", ";
        text += name;
    }
    return text;
}

}  // namespace

Where where(const toml::source_region& region) {
    return Where{static_cast<std::int64_t>(region.begin.line), static_cast<std::int64_t>(region.begin.column)};
}
Where where(const toml::node& node) { return where(node.source()); }
Where where(const toml::key& key) { return where(key.source()); }

std::string FieldPath::joined(std::string_view name) const {
    if (text_.empty()) return std::string(name);
    return text_ + (ends_with_id_ ? " " : ".") + std::string(name);
}

FieldPath FieldPath::element(std::string_view name, std::size_t index, const std::string* id) const {
    FieldPath path;
    if (id != nullptr) {
        path.text_ = joined(name) + " \"" + *id + "\"";
        path.ends_with_id_ = true;
    } else {
        path.text_ = joined(name) + "[" + std::to_string(index) + "]";
    }
    return path;
}

FieldPath FieldPath::field(std::string_view name) const {
    FieldPath path;
    path.text_ = joined(name);
    return path;
}

ParseContext::ParseContext(std::string_view text, std::string file_name)
    : text_(text), file_name_(std::move(file_name)) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
}

std::string ParseContext::line_text(std::int64_t line) const {
    if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return {};
    const std::size_t start = line_starts_[static_cast<std::size_t>(line - 1)];
    std::size_t end = text_.find('\n', start);
    if (end == std::string_view::npos) end = text_.size();
    if (end > start && text_[end - 1] == '\r') --end;
    return std::string(text_.substr(start, end - start));
}

void ParseContext::error(Where at, const FieldPath& path, const std::string& what) {
    Diagnostic diagnostic;
    diagnostic.location = SourceLocation{file_name_, at.line, at.column};
    diagnostic.code = DiagnosticCode::contract_invalid;
    diagnostic.message = path.text().empty() ? what : path.text() + ": " + what;
    diagnostic.field = path.text();
    diagnostic.raw_line = line_text(at.line);
    errors_.push_back(std::move(diagnostic));
}

Diagnostics ParseContext::take_errors() {
    std::stable_sort(errors_.begin(), errors_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return before(Where{a.location.line, a.location.column}, Where{b.location.line, b.location.column});
    });
    return std::move(errors_);
}

std::vector<Entry> entries_in_file_order(const toml::table& table) {
    std::vector<Entry> entries;
    entries.reserve(table.size());
    for (const auto& [key, node] : table) entries.push_back(Entry{&key, &node});
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return before(where(*a.key), where(*b.key)); });
    return entries;
}

void check_keys(ParseContext& ctx, const toml::table& table, const FieldPath& path,
                std::span<const std::string_view> allowed) {
    for (const Entry& entry : entries_in_file_order(table)) {
        const std::string_view name = entry.key->str();
        if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
        const std::string expected = allowed.size() == 1 ? "only " + std::string(allowed.front())
                                                         : "one of " + joined_list(allowed);
        ctx.error(where(*entry.key), path.field(name), "unknown key; expected " + expected);
    }
}

const toml::node* require(ParseContext& ctx, const toml::table& table, std::string_view key, const FieldPath& path,
                          Where missing_at, const std::string& expected) {
    const toml::node* node = table.get(key);
    if (node == nullptr) ctx.error(missing_at, path.field(key), "missing; expected " + expected);
    return node;
}

IdList collect_ids(ParseContext& ctx, const toml::array& list, std::size_t count, const FieldPath& parent,
                   const IdKind& kind) {
    IdList ids(count);
    std::map<std::string, std::int64_t> first_lines;  // id -> line where it first appears
    for (std::size_t i = 0; i < count; ++i) {
        const auto* table = list.get(i)->as_table();
        if (table == nullptr) continue;
        const FieldPath path = parent.element(kind.element, i, nullptr);
        const bool vowel = std::string_view("aeiou").find(kind.noun.front()) != std::string_view::npos;
        const std::string article = vowel ? "an " : "a ";
        const std::string expected = article + std::string(kind.noun) + ", e.g. id = " + in_quotes(kind.example);
        const toml::node* node = require(ctx, *table, "id", path, where(*table), expected);
        if (node == nullptr) continue;
        auto id = read_id(ctx, *node, path.field("id"), IdPattern::name);
        if (!id) continue;
        const auto first = first_lines.find(*id);
        if (first != first_lines.end()) {
            ctx.error(where(*node), path.field("id"),
                      "duplicate " + std::string(kind.noun) + " " + in_quotes(*id) + " (first on line " +
                          std::to_string(first->second) + "); " + std::string(kind.noun) + "s must be unique " +
                          std::string(kind.scope));
        } else {
            first_lines.emplace(*id, where(*node).line);
        }
        ids[i] = std::move(id);
    }
    return ids;
}

const toml::array* table_list(ParseContext& ctx, const toml::node& node, const FieldPath& path,
                              std::string_view expected) {
    const auto* list = node.as_array();
    if (list == nullptr) {
        ctx.error(where(node), path,
                  not_allowed(node) + "; expected " + std::string(expected));
    }
    return list;
}

std::size_t within_limit(ParseContext& ctx, const toml::array& list, const FieldPath& parent,
                         std::string_view element, std::size_t max, std::string_view what) {
    if (list.size() <= max) return list.size();
    ctx.error(where(*list.get(max)), parent.element(element, max, nullptr),
              "more than " + std::to_string(max) + " " + std::string(what) + "; the limit is " + std::to_string(max));
    return max;
}

const toml::table* element_table(ParseContext& ctx, const toml::array& list, std::size_t index,
                                 const FieldPath& path) {
    const toml::node& node = *list.get(index);
    const auto* table = node.as_table();
    if (table == nullptr) ctx.error(where(node), path, not_allowed(node) + "; expected a table");
    return table;
}

const std::string* id_or_null(const IdList& ids, std::size_t index) {
    return ids[index] ? &*ids[index] : nullptr;
}

std::string not_allowed(const toml::node& node) { return std::string(type_phrase(node)) + " is not allowed"; }

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string_view type_phrase(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::none: return "nothing";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "a list";
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "a TOML integer";
        case toml::node_type::floating_point: return "a TOML float";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::date: return "a TOML date";
        case toml::node_type::time: return "a TOML time";
        case toml::node_type::date_time: return "a TOML date-time";
    }
    return "an unknown TOML value";
}

}  // namespace revshare::rules::detail
