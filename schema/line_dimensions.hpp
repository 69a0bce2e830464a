#pragma once
// LineDimensionsCache: the text ids of table line_dimensions' rows (migration 0007), for the
// readers of `line`, which name a combination per line. Lines of one import name its
// combinations in the order they were first seen, so a line mostly names one read recently or
// the next one: the cache is direct-mapped by id (bounded: a few MB whatever the period), and
// a miss reads a block of consecutive ids with one query.
#include "engine/core/usage_record.hpp"
#include "engine/rules/text_dictionary.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace revshare::schema {

// The name of table line_dimensions' column holding text column `column` (a TextColumn's value).
[[nodiscard]] const char* line_text_column_sql(std::size_t column);

class LineDimensionsCache {
public:
    // Reads the text columns `columns` (TextColumn values) of line_dimensions through `handle`;
    // the other ids read 0.
    LineDimensionsCache(sqlite3* handle, const std::vector<std::size_t>& columns);
    ~LineDimensionsCache();
    LineDimensionsCache(const LineDimensionsCache&) = delete;
    LineDimensionsCache& operator=(const LineDimensionsCache&) = delete;

    // The text ids of combination `dimensions_id`; valid until the next call. An id with no
    // row is a broken database (an assertion).
    [[nodiscard]] const rules::TextIds& text_ids(std::int64_t dimensions_id);

    static constexpr std::size_t entries = std::size_t{1} << 15;  // × 232 bytes: about 7.6 MB
    static constexpr std::int64_t block = 256;                     // ids read per miss

private:
    void load_block(std::int64_t first_id);
    struct Entry;
    [[nodiscard]] Entry& slot(std::int64_t dimensions_id);

    sqlite3* handle_;
    sqlite3_stmt* query_ = nullptr;
    std::vector<std::size_t> columns_;
    struct Entry {
        std::int64_t id = -1;
        rules::TextIds ids{};
    };
    // The entries in pages of `block`, each made when a combination first lands in it: a small
    // import or settlement reads a few combinations, and zeroing 7.6 MB for them cost more than
    // the reading.
    static constexpr std::size_t page_entries = static_cast<std::size_t>(block);
    std::array<std::unique_ptr<Entry[]>, entries / page_entries> pages_;
};

}  // namespace revshare::schema
