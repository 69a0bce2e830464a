#include "schema/line_range_cursor.hpp"
#include "schema/stored_values.hpp"

#include "engine/core/assert.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <string_view>
#include <utility>

namespace revshare::schema {

namespace {

// The aggregate function read_range() runs over a range, and the cursor it calls back.
constexpr const char* range_function = "revshare_line_range_rows";
thread_local LineRangeCursor* reading_cursor = nullptr;

sqlite3_stmt* prepare(sqlite3* handle, const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    const int result = sqlite3_prepare_v2(handle, sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr);
    if (result != SQLITE_OK) throw SQLite::Exception(handle, result);
    return statement;
}

}  // namespace

LineRangeCursor::LineRangeCursor(sqlite3* handle, const std::string& columns, const std::string& condition,
                                 int dimensions_column, std::vector<LineRange> ranges)
    : handle_(handle), column_variants_{columns}, condition_(condition), dimensions_column_(dimensions_column),
      ranges_(std::move(ranges)) {
    query_ = prepare(handle_, "SELECT " + columns + " FROM line WHERE line_id BETWEEN ?1 AND ?2" + condition_ +
                                  " ORDER BY line_id");
    for (std::size_t i = 0; i < text_column_count; ++i) text_columns_.push_back(i);
}

LineRangeCursor::~LineRangeCursor() {
    for (sqlite3_stmt* query : range_queries_) sqlite3_finalize(query);
    sqlite3_finalize(query_);
}

void LineRangeCursor::bind(int index, std::int64_t value) {
    ENGINE_ASSERT(index >= 3 && !started());
    bindings_.emplace_back(index, value);
    sqlite3_bind_int64(query_, index, value);
}

void LineRangeCursor::read_only(const std::array<bool, text_column_count>& columns) {
    ENGINE_ASSERT(!started());
    text_columns_.clear();
    for (std::size_t i = 0; i < text_column_count; ++i) {
        if (columns[i]) text_columns_.push_back(i);
    }
}

void LineRangeCursor::start_next_range(sqlite3_stmt* query) {
    ENGINE_ASSERT(!in_range_ && ranges_left());
    const LineRange& range = ranges_[next_range_++];
    sqlite3_reset(query);
    sqlite3_bind_int64(query, 1, range.first_line_id);
    sqlite3_bind_int64(query, 2, range.last_line_id);
}

bool LineRangeCursor::step() {
    for (;;) {
        if (step_in_range()) return true;
        if (!ranges_left()) return false;  // else the next call starts the next range
    }
}

bool LineRangeCursor::step_in_range() {
    if (!in_range_) {
        if (!ranges_left()) return false;
        start_next_range(query_);
        in_range_ = true;
    }
    const int result = sqlite3_step(query_);
    if (result == SQLITE_ROW) return true;
    if (result != SQLITE_DONE) throw SQLite::Exception(handle_, result);
    in_range_ = false;
    return false;
}

std::size_t LineRangeCursor::add_column_variant(const std::string& columns) {
    ENGINE_ASSERT(!started());
    column_variants_.push_back(columns);
    range_queries_.push_back(nullptr);
    return column_variants_.size() - 1;
}

sqlite3_stmt* LineRangeCursor::range_query(std::size_t variant) {
    ENGINE_ASSERT(variant < column_variants_.size());
    sqlite3_stmt*& query = range_queries_[variant];
    if (query != nullptr) return query;
    // Registered once per connection: defining it again would expire the connection's other
    // statements. Direct-only: it cannot run from a view or trigger.
    const std::string sql = std::string("SELECT ") + range_function + "(" + column_variants_[variant] +
                            ") FROM line WHERE line_id BETWEEN ?1 AND ?2" + condition_;
    if (sqlite3_prepare_v2(handle_, sql.c_str(), static_cast<int>(sql.size()), &query, nullptr) != SQLITE_OK) {
        if (sqlite3_errmsg(handle_) != std::string("no such function: ") + range_function) {
            throw SQLite::Exception(handle_, sqlite3_errcode(handle_));
        }
        const int result = sqlite3_create_function_v2(
            handle_, range_function, -1, SQLITE_UTF8 | SQLITE_DIRECTONLY, nullptr, nullptr,
            [](sqlite3_context* context, int, sqlite3_value** values) { on_row(context, values); },
            [](sqlite3_context* context) { sqlite3_result_null(context); }, nullptr);
        if (result != SQLITE_OK) throw SQLite::Exception(handle_, result);
        query = prepare(handle_, sql);
    }
    for (const auto& [index, value] : bindings_) sqlite3_bind_int64(query, index, value);
    return query;
}

bool LineRangeCursor::read_range(const std::function<void()>& row, std::size_t variant) {
    ENGINE_ASSERT(!in_range_ && row_ == nullptr);  // not in the middle of a range, nor from `row`
    if (!ranges_left()) return false;
    sqlite3_stmt* query = range_query(variant);
    start_next_range(query);
    row_ = &row;
    previous_line_id_ = 0;
    row_error_ = nullptr;
    // The function finds this cursor here: a connection, and so its statements, run on one
    // thread at a time. (Passing it as a pointer argument costs a strcmp per row.)
    LineRangeCursor* const outer = reading_cursor;
    reading_cursor = this;
    const int result = sqlite3_step(query);
    reading_cursor = outer;
    row_ = nullptr;
    row_values_ = nullptr;
    if (row_error_) {
        sqlite3_reset(query);
        std::rethrow_exception(std::exchange(row_error_, nullptr));
    }
    if (result != SQLITE_ROW) throw SQLite::Exception(handle_, result);  // an aggregate gives one row
    sqlite3_reset(query);  // ends the read transaction, as a stepped-through range does
    return true;
}

void LineRangeCursor::on_row(sqlite3_context* context, sqlite3_value** values) {
    LineRangeCursor* const cursor = reading_cursor;
    ENGINE_ASSERT(cursor != nullptr && cursor->row_ != nullptr);  // only read_range() runs the function
    cursor->row_values_ = values;
    // An aggregate's rows are not ordered by SQL, but a rowid range is scanned in order.
    const std::int64_t line_id = cursor->integer(0);
    ENGINE_ASSERT(line_id > cursor->previous_line_id_);
    cursor->previous_line_id_ = line_id;
    try {
        (*cursor->row_)();
    } catch (...) {
        cursor->row_error_ = std::current_exception();
        sqlite3_result_error(context, "a line reader failed", -1);  // stops the range; read_range() raises the error
    }
}

std::int64_t LineRangeCursor::integer(int column) const {
    return row_values_ != nullptr ? sqlite3_value_int64(row_values_[column]) : sqlite3_column_int64(query_, column);
}

std::optional<std::string_view> LineRangeCursor::decimal_text(int column) const {
    // Checked by the text itself: a NULL has no text, and SQLite's NULL pointer means NULL
    // (or out of memory, which sqlite3_errcode, or the value's type, tells apart).
    const auto* text = reinterpret_cast<const char*>(row_values_ != nullptr ? sqlite3_value_text(row_values_[column])
                                                                            : sqlite3_column_text(query_, column));
    if (text == nullptr) {
        if (row_values_ == nullptr ? sqlite3_errcode(handle_) == SQLITE_NOMEM
                                   : sqlite3_value_type(row_values_[column]) != SQLITE_NULL) {
            throw SQLite::Exception(handle_, SQLITE_NOMEM);
        }
        return std::nullopt;
    }
    const int bytes = row_values_ != nullptr ? sqlite3_value_bytes(row_values_[column]) : sqlite3_column_bytes(query_, column);
    return std::string_view(text, static_cast<std::size_t>(bytes));
}

void assign_stored_decimal(std::optional<Decimal>& value, std::string_view text) {
    if (!value) value.emplace();
    if (!value->assign_plain(text)) throw_invalid_content("a cost or quantity of table line", text, "a plain decimal");
}

void LineRangeCursor::decimal_into(int column, std::optional<Decimal>& value) const {
    if (const auto text = decimal_text(column)) {
        assign_stored_decimal(value, *text);
    } else {
        value.reset();
    }
}

const rules::TextIds& LineRangeCursor::text_ids(std::int64_t dimensions_id) {
    // Made at the first row, once the columns are settled (read_only may change them before).
    if (!dimensions_) dimensions_ = std::make_unique<LineDimensionsCache>(handle_, text_columns_);
    return dimensions_->text_ids(dimensions_id);
}

}  // namespace revshare::schema
