#pragma once
// JsonObject: a strict reader and writer for the flat JSON objects found in export cells
// (AWS CUR 2.0 `product` and `resource_tags` maps, FOCUS `Tags`): string keys, scalar values
// (string, number, true, false, null). Nested objects and arrays, duplicate keys, bad escapes,
// raw control characters and trailing text are errors. One object is reused across rows: its
// storage keeps its capacity, so parsing a row allocates nothing once it has warmed up.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::importers {

class JsonObject {
public:
    enum class Kind : std::uint8_t { string, number, boolean, null };
    struct Member {
        std::string_view key;    // decoded (escapes resolved), UTF-8
        std::string_view value;  // strings decoded; numbers, true, false, null as written
        Kind kind;
    };

    // Replaces the contents with the object in `text`, members ordered by key (bytewise). On
    // malformed text returns false, leaves the object empty and sets `error` to a phrase for a
    // person, naming the byte offset where it can (`at byte 7: expected ':' after a key`).
    bool parse(std::string_view text, std::string& error);

    [[nodiscard]] std::size_t size() const { return members_.size(); }
    [[nodiscard]] bool empty() const { return members_.empty(); }
    [[nodiscard]] Member member(std::size_t index) const;  // in key order
    // The value of `key` when present (any kind).
    [[nodiscard]] std::optional<Member> find(std::string_view key) const;

    // Appends the canonical text: `{"a":"x","b":1}`, members in key order, no spaces, strings
    // re-escaped by append_json_string, other scalars as written. Empty object -> `{}`.
    void write_sorted(std::string& out) const;

private:
    struct Slot {
        std::uint32_t key_begin, key_size, value_begin, value_size;
        Kind kind;
    };
    class Parser;

    std::string storage_;  // decoded keys and values, back to back
    std::vector<Slot> members_;
};

// Appends `text` as a JSON string literal (with quotes): `"` `\` and control characters are
// escaped (\n, \t, ..., \u001f); everything else, including UTF-8, is copied as is.
void append_json_string(std::string& out, std::string_view text);

}  // namespace revshare::importers
