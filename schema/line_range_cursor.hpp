#pragma once
// LineRangeCursor: reads rows of table `line` over a list of line_id ranges, in order, straight
// through the SQLite C API (a settlement or report reads millions of lines, and a per-column
// wrapper object or an index lookup per line would cost more than the rest), with each row's
// text ids from its dimensions (LineDimensionsCache). What settle's PeriodLineSource and the
// report's LineDetailCursor share.
#include "engine/core/decimal.hpp"
#include "engine/core/usage_record.hpp"
#include "engine/rules/text_dictionary.hpp"
#include "schema/line_dimensions.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

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
    // `sql` selects from `line` with ?1 and ?2 the first and last line_id of a range, in
    // line_id order; result column `dimensions_column` is the row's dimensions_id. Any other
    // parameter is bound once through statement(). Every text column is read until read_only().
    LineRangeCursor(sqlite3* handle, const std::string& sql, int dimensions_column, std::vector<LineRange> ranges);
    ~LineRangeCursor();
    LineRangeCursor(const LineRangeCursor&) = delete;
    LineRangeCursor& operator=(const LineRangeCursor&) = delete;

    // Reads only these text columns (the others read 0); before the first step().
    void read_only(const std::array<bool, text_column_count>& columns);
    [[nodiscard]] const std::vector<std::size_t>& text_columns() const { return text_columns_; }

    // Moves to the next row, across ranges; false after the last.
    [[nodiscard]] bool step();
    // Moves to the next row of the current range: false at its end, and the call after that
    // starts the next range (false at once for an empty one). For a reader that hands over
    // one range at a time.
    [[nodiscard]] bool step_in_range();
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

    [[nodiscard]] sqlite3_stmt* statement() const { return query_; }
    [[nodiscard]] const std::vector<LineRange>& ranges() const { return ranges_; }
    [[nodiscard]] bool started() const { return next_range_ > 0; }

private:
    void start_next_range();
    sqlite3* handle_;
    sqlite3_stmt* query_ = nullptr;
    int dimensions_column_;
    std::vector<LineRange> ranges_;
    std::size_t next_range_ = 0;
    bool in_range_ = false;
    std::vector<std::size_t> text_columns_;
    std::unique_ptr<LineDimensionsCache> dimensions_;  // reads text_columns_; made by the first text_ids(id)
};

}  // namespace revshare::schema
