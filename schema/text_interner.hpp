#pragma once
// TextInterner: stores each distinct text value of the normalised lines once (table
// text_value) and hands out its id. Caches ids in memory for the life of one import.
#include "schema/database.hpp"

#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace revshare::schema {

class TextInterner {
public:
    explicit TextInterner(Database& db);
    [[nodiscard]] std::int64_t id_of(std::string_view value);

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    Database& db_;
    SQLite::Statement select_;
    SQLite::Statement insert_;
    std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> cache_;
};

}  // namespace revshare::schema
