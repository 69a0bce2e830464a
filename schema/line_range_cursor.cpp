#include "schema/line_range_cursor.hpp"

#include "engine/core/assert.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <string_view>
#include <utility>

namespace revshare::schema {

LineRangeCursor::LineRangeCursor(sqlite3* handle, const std::string& sql, int dimensions_column,
                                 std::vector<LineRange> ranges)
    : handle_(handle), dimensions_column_(dimensions_column), ranges_(std::move(ranges)) {
    const int result = sqlite3_prepare_v2(handle_, sql.c_str(), static_cast<int>(sql.size()), &query_, nullptr);
    if (result != SQLITE_OK) throw SQLite::Exception(handle_, result);
    for (std::size_t i = 0; i < text_column_count; ++i) text_columns_.push_back(i);
}

LineRangeCursor::~LineRangeCursor() { sqlite3_finalize(query_); }

void LineRangeCursor::read_only(const std::array<bool, text_column_count>& columns) {
    ENGINE_ASSERT(!started());
    text_columns_.clear();
    for (std::size_t i = 0; i < text_column_count; ++i) {
        if (columns[i]) text_columns_.push_back(i);
    }
}

void LineRangeCursor::start_next_range() {
    ENGINE_ASSERT(!in_range_ && ranges_left());
    const LineRange& range = ranges_[next_range_++];
    sqlite3_reset(query_);
    sqlite3_bind_int64(query_, 1, range.first_line_id);
    sqlite3_bind_int64(query_, 2, range.last_line_id);
    in_range_ = true;
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
        start_next_range();
    }
    const int result = sqlite3_step(query_);
    if (result == SQLITE_ROW) return true;
    if (result != SQLITE_DONE) throw SQLite::Exception(handle_, result);
    in_range_ = false;
    return false;
}

std::int64_t LineRangeCursor::integer(int column) const { return sqlite3_column_int64(query_, column); }

std::optional<std::string_view> LineRangeCursor::decimal_text(int column) const {
    // Checked by the text itself: a NULL has no text, and SQLite's NULL pointer means NULL
    // (or out of memory, which sqlite3_errcode tells apart).
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(query_, column));
    if (text == nullptr) {
        if (sqlite3_errcode(handle_) == SQLITE_NOMEM) throw SQLite::Exception(handle_, SQLITE_NOMEM);
        return std::nullopt;
    }
    return std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(query_, column)));
}

void assign_stored_decimal(std::optional<Decimal>& value, std::string_view text) {
    if (!value) value.emplace();
    const bool parsed = value->assign_plain(text);
    ENGINE_ASSERT(parsed);  // only canonical decimals are stored
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
