#pragma once
// LineRangeCursor: reads rows of table `line` over a list of line_id ranges, in order, straight
// through the SQLite C API (a settlement or report reads millions of lines, and a per-column
// wrapper object or an index lookup per line would cost more than the rest), with each row's
// text ids from its dimensions (LineDimensionsCache). What settle's PeriodLineSource and the
// report's LineDetailCursor share.
//
// Two ways to read: row by row (step(), a sqlite3_step per row), or a range whole
// (read_range(): one sqlite3_step runs the range, and SQLite calls back for each row through an
// aggregate function registered on the connection). The second saves about 150 ns of the
// 500 or so a row costs in SQLite: the per-row cost of sqlite3_step and of the column calls
// (issue 7).
#include "engine/core/decimal.hpp"
#include "engine/core/usage_record.hpp"
#include "engine/rules/text_dictionary.hpp"
#include "schema/line_dimensions.hpp"

#include <array>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;
struct sqlite3_value;
struct sqlite3_context;

namespace revshare::schema {

struct LineRange {
    std::int64_t first_line_id = 0;
    std::int64_t last_line_id = 0;
};

// A decimal column's stored text into `value`, in place (no temporary: readers of millions of
// lines); only canonical decimals are stored.
void assign_stored_decimal(std::optional<Decimal>& value, std::string_view text);

class LineRangeCursor {
public:
    // Reads result columns `columns` (SQL; the first is line_id) of the rows of `line` with
    // line_id in a range and `condition` (SQL, empty or starting with " AND "; parameters from
    // ?3 on, bound through bind()). Result column `dimensions_column` is the row's
    // dimensions_id. Every text column is read until read_only().
    LineRangeCursor(sqlite3* handle, const std::string& columns, const std::string& condition, int dimensions_column,
                    std::vector<LineRange> ranges);
    ~LineRangeCursor();
    LineRangeCursor(const LineRangeCursor&) = delete;
    LineRangeCursor& operator=(const LineRangeCursor&) = delete;

    // Reads only these text columns (the others read 0); before the first step().
    void read_only(const std::array<bool, text_column_count>& columns);
    [[nodiscard]] const std::vector<std::size_t>& text_columns() const { return text_columns_; }

    // Binds parameter `index` (3 or more) of `condition`, for every range and both ways of reading.
    void bind(int index, std::int64_t value);

    // Moves to the next row, across ranges; false after the last.
    [[nodiscard]] bool step();
    // Reads the next range whole (not while one is being stepped through): calls `row` for each
    // of its rows, in line_id order, with integer(), decimal_text() and the like reading that
    // row. An exception from `row` stops the range and is raised here. False when no range
    // was left to read. `variant`: the result columns to read (add_column_variant()).
    bool read_range(const std::function<void()>& row, std::size_t variant = 0);
    // Another list of the result columns for read_range(), with some replaced by NULL for ranges
    // whose reader does not need them (SQLite then skips decoding them); before the first read.
    // Returns its number; 0 is the constructor's columns.
    [[nodiscard]] std::size_t add_column_variant(const std::string& columns);
    // The number of ranges started so far (the next range's index).
    [[nodiscard]] std::size_t ranges_started() const { return next_range_; }
    // Whether a range is still to be started.
    [[nodiscard]] bool ranges_left() const { return next_range_ < ranges_.size(); }
    // Of the current row:
    [[nodiscard]] std::size_t range_index() const { return next_range_ - 1; }
    [[nodiscard]] std::int64_t integer(int column) const;
    // The decimal into `value`, in place; nullopt for NULL (an empty source cell).
    void decimal_into(int column, std::optional<Decimal>& value) const;
    // The decimal as stored (its canonical text, Decimal::to_string()), valid until the next
    // step(); nullopt for NULL.
    [[nodiscard]] std::optional<std::string_view> decimal_text(int column) const;
    [[nodiscard]] std::int64_t dimensions_id() const { return integer(dimensions_column_); }
    // The text ids of combination `dimensions_id` (the current row's, dimensions_id()).
    [[nodiscard]] const rules::TextIds& text_ids(std::int64_t dimensions_id);

    [[nodiscard]] sqlite3* handle() const { return handle_; }
    [[nodiscard]] const std::vector<LineRange>& ranges() const { return ranges_; }
    [[nodiscard]] bool started() const { return next_range_ > 0; }

private:
    // The aggregate function behind read_range(), on the cursor reading on this thread.
    static void on_row(sqlite3_context* context, sqlite3_value** values);
    sqlite3_stmt* range_query(std::size_t variant);  // prepared at its first use
    void start_next_range(sqlite3_stmt* query);
    // The next row of the current range: false at its end, and the call after that starts the
    // next range (false at once for an empty one).
    [[nodiscard]] bool step_in_range();
    sqlite3* handle_;
    std::vector<std::string> column_variants_;
    std::string condition_;
    std::vector<std::pair<int, std::int64_t>> bindings_;  // of `condition`
    sqlite3_stmt* query_ = nullptr;        // row by row
    std::vector<sqlite3_stmt*> range_queries_{nullptr};  // a range whole, by column variant
    // While read_range() calls back: the row's values, its line_id, and what `row` raised.
    sqlite3_value** row_values_ = nullptr;
    const std::function<void()>* row_ = nullptr;
    std::int64_t previous_line_id_ = 0;
    std::exception_ptr row_error_;
    int dimensions_column_;
    std::vector<LineRange> ranges_;
    std::size_t next_range_ = 0;
    bool in_range_ = false;
    std::vector<std::size_t> text_columns_;
    std::unique_ptr<LineDimensionsCache> dimensions_;  // reads text_columns_; made by the first text_ids(id)
};

}  // namespace revshare::schema
