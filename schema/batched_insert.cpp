#include "schema/batched_insert.hpp"

#include "engine/core/assert.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

namespace revshare::schema {
namespace {

std::string insert_sql(const std::string& table_and_columns, int columns, int rows) {
    std::string tuple = "(";
    for (int i = 0; i < columns; ++i) tuple += i == 0 ? "?" : ",?";
    tuple += ")";
    std::string sql = "INSERT OR FAIL INTO " + table_and_columns + " VALUES ";
    for (int i = 0; i < rows; ++i) sql += (i == 0 ? "" : ",") + tuple;
    return sql;
}

}  // namespace

void BatchedInsert::Finalize::operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }

BatchedInsert::Statement BatchedInsert::prepare(const std::string& sql) const {
    sqlite3_stmt* statement = nullptr;
    const int result = sqlite3_prepare_v2(db_.sql().getHandle(), sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr);
    Statement owned(statement);
    if (result != SQLITE_OK) throw SQLite::Exception(db_.sql().getHandle(), result);
    return owned;
}

BatchedInsert::BatchedInsert(Database& db, const std::string& table_and_columns, int columns)
    : db_(db),
      columns_(columns),
      many_(prepare(insert_sql(table_and_columns, columns, rows_per_statement))),
      one_(prepare(insert_sql(table_and_columns, columns, 1))) {
    ENGINE_ASSERT(columns > 0);
    pending_.reserve(static_cast<std::size_t>(columns * rows_per_statement));
}

void BatchedInsert::add(std::initializer_list<Value> row) {
    ENGINE_ASSERT(row.size() == static_cast<std::size_t>(columns_));
    pending_.insert(pending_.end(), row.begin(), row.end());
    if (pending_.size() == static_cast<std::size_t>(columns_ * rows_per_statement)) {
        try {
            write(many_.get(), pending_);
        } catch (...) {
            pending_.clear();  // a failed statement's rows are not written again by the next one
            throw;
        }
        pending_.clear();
    }
}

void BatchedInsert::flush() {
    // The few left over one at a time (a statement per count would be prepared for nothing).
    const auto width = static_cast<std::size_t>(columns_);
    try {
        for (std::size_t at = 0; at < pending_.size(); at += width) write(one_.get(), std::span(pending_).subspan(at, width));
    } catch (...) {
        pending_.clear();
        throw;
    }
    pending_.clear();
}

void BatchedInsert::write(sqlite3_stmt* statement, std::span<const Value> values) const {
    ENGINE_ASSERT(static_cast<int>(values.size()) == sqlite3_bind_parameter_count(statement));
    sqlite3_reset(statement);
    int index = 1;
    for (const Value& value : values) {
        int result = SQLITE_OK;
        if (const auto* number = std::get_if<std::int64_t>(&value)) {
            result = sqlite3_bind_int64(statement, index, *number);
        } else if (const auto* text = std::get_if<std::string_view>(&value)) {
            result = sqlite3_bind_text(statement, index, text->data(), static_cast<int>(text->size()), SQLITE_STATIC);
        } else {
            result = sqlite3_bind_null(statement, index);
        }
        if (result != SQLITE_OK) throw SQLite::Exception(db_.sql().getHandle(), result);
        ++index;
    }
    const int result = sqlite3_step(statement);
    sqlite3_reset(statement);  // the texts bound are the caller's: release them, and the statement
    if (result != SQLITE_DONE) throw SQLite::Exception(db_.sql().getHandle(), result);
}

}  // namespace revshare::schema
