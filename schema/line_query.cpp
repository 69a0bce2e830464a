#include "schema/line_query.hpp"

#include <SQLiteCpp/Statement.h>

namespace revshare::schema {

std::optional<std::pair<std::int64_t, std::int64_t>> load_line_source(Database& db, std::int64_t line_id) {
    SQLite::Statement query(db.sql(), "SELECT import_id, source_line FROM line WHERE line_id = ?");
    query.bind(1, line_id);
    if (!query.executeStep()) return std::nullopt;
    return std::make_pair(query.getColumn(0).getInt64(), query.getColumn(1).getInt64());
}

}  // namespace revshare::schema
