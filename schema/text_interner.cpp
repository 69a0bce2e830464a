#include "schema/text_interner.hpp"

namespace revshare::schema {

TextInterner::TextInterner(Database& db)
    : db_(db),
      select_(db.sql(), "SELECT text_id FROM text_value WHERE value = ?"),
      insert_(db.sql(), "INSERT INTO text_value (value) VALUES (?)") {}

std::int64_t TextInterner::id_of(const std::string& value) {
    select_.reset();
    select_.bind(1, value);
    if (select_.executeStep()) return select_.getColumn(0).getInt64();
    insert_.reset();
    insert_.bind(1, value);
    insert_.exec();
    return db_.sql().getLastInsertRowid();
}

}  // namespace revshare::schema
