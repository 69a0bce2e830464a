#include "schema/text_interner.hpp"

namespace revshare::schema {

TextInterner::TextInterner(Database& db)
    : db_(db),
      select_(db.sql(), "SELECT text_id FROM text_value WHERE value = ?"),
      insert_(db.sql(), "INSERT INTO text_value (value) VALUES (?)") {}

std::int64_t TextInterner::id_of(std::string_view value) {
    if (const auto found = cache_.find(value); found != cache_.end()) return found->second;
    std::string text(value);
    std::int64_t id = 0;
    select_.reset();
    select_.bind(1, text);
    if (select_.executeStep()) {
        id = select_.getColumn(0).getInt64();
    } else {
        insert_.reset();
        insert_.bind(1, text);
        insert_.exec();
        id = db_.sql().getLastInsertRowid();
    }
    cache_.emplace(std::move(text), id);
    return id;
}

}  // namespace revshare::schema
