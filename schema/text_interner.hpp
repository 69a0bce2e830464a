#pragma once
// TextInterner: stores each distinct text value of the normalised lines once (table
// text_value) and hands out its id. The importer asks once per distinct value of a file
// (schema::LineEncoder numbers the values), so there is no cache here.
#include "schema/database.hpp"

#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <string>

namespace revshare::schema {

class TextInterner {
public:
    explicit TextInterner(Database& db);
    [[nodiscard]] std::int64_t id_of(const std::string& value);

private:
    Database& db_;
    SQLite::Statement select_;
    SQLite::Statement insert_;
};

}  // namespace revshare::schema
