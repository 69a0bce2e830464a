#pragma once
// Read-only queries behind the line-detail and reconciliation reports (issue 6): every line of
// the imports that touch a period, streamed in line_id order with its provenance and every
// text column (as dictionary ids), plus the per-file counts and quarantine reasons of those
// imports. The imports, their line ranges and their scopes come from table scope_period
// (migration 0004): nothing here scans or sorts `line` through an index.
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"
#include "engine/rules/text_dictionary.hpp"
#include "schema/database.hpp"
#include "schema/import_store.hpp"
#include "schema/period_lines.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace revshare::schema {

// One stored line as the reports read it. Text columns are text_value ids.
struct LineDetail {
    std::int64_t line_id = 0;
    std::int64_t import_id = 0;
    std::int64_t source_line = 0;
    Instant charge_period_start{};
    bool superseded = false;  // its scope was superseded by an import within the high-water mark
    // Charged in the selection's period and not superseded: one of the lines a settlement of
    // the selection reads (PeriodLineSource yields exactly these, in the same order).
    bool in_selection = false;
    // Charged outside its billing period (an Azure row dated February in a May bill): it settles
    // in the month it is charged, and reconciliation.csv counts it for an analyst to see.
    bool outside_billing_period = false;
    std::int64_t dimensions_id = 0;  // its line_dimensions row: lines with the same have the same text_ids
    rules::TextIds text_ids{};
    std::optional<Decimal> cost;  // the selection's cost column; nullopt = empty cell
    std::string cost_text;        // the cost as stored: cost->to_string(), "" when nullopt
};

// A share of LineDetailCursor's lines, for reading them on several connections at once: the
// line ids of each import are cut into pieces of `piece_ids` consecutive ids, numbered in
// line_id order, and share `index` of `count` reads pieces index, index + count, ... So the
// shares' pieces, taken in turn, give every line once and in line_id order.
struct LineShare {
    std::size_t index = 0;
    std::size_t count = 1;
    std::int64_t piece_ids = INT64_MAX;  // by default one piece per import
};

// Where LineDetailCursor::read_piece() puts a piece's lines, in line_id order.
class LineDetailSink {
public:
    // The LineDetail the next line is read into.
    [[nodiscard]] virtual LineDetail& next_line() = 0;
    // next_line() now holds a line. (A row that is not a line of the piece's import is read
    // into the same LineDetail, and then not passed on.)
    virtual void line_read() = 0;

protected:
    ~LineDetailSink() = default;
};

// Every line (of its share) of every import, up to the selection's high-water mark, that has
// at least one line charged in the selection's period, in line_id order. One import at a time, each read
// as a range of line ids (an import's lines are inserted in one transaction, so their ids are
// contiguous and the ranges do not overlap): SQLite walks the table in rowid order and never
// sorts, so memory does not grow with the lines. Superseded scopes are known from
// import_scope up front, not joined per line.
class LineDetailCursor {
public:
    LineDetailCursor(Database& db, const LineSelection& selection, LineShare share = {});
    // Reads the next piece whole into `sink`; false when no piece was left. pieces_left():
    // whether a piece is still to be read.
    bool read_piece(LineDetailSink& sink);
    [[nodiscard]] bool pieces_left() const { return cursor_->ranges_left(); }
    // Loads only these text columns (the others read 0); before the first read_piece().
    // By default it loads them all.
    void read_only(const std::array<bool, text_column_count>& columns) { cursor_->read_only(columns); }

private:
    struct Scope {
        std::int64_t scope_id = 0;
        std::int64_t import_id = 0;
        bool superseded = false;
        std::int64_t billing_period_start = 0;  // seconds; its lines' billing period
        std::int64_t billing_period_end = 0;
    };
    std::vector<std::int64_t> superseded_lines_;  // sorted: seller lines not current as of the high-water mark
    // The scope of a line (consecutive lines mostly share one); nullptr when it is not a
    // scope of the imports read.
    [[nodiscard]] const Scope* scope(std::int64_t scope_id);
    // Fills `line` from the cursor's row; false when the row is not a line of its range's import.
    bool take_row(LineDetail& line);

    std::int64_t period_start_ = 0;  // seconds, [start, end)
    std::int64_t period_end_ = 0;
    std::vector<std::int64_t> range_imports_;  // the import of each of the cursor's ranges (pieces)
    // The scope of each range when its import has only one (every line of the range is then
    // of that scope: its scope_id need not be read), else nullptr.
    std::vector<const Scope*> range_scopes_;
    std::unique_ptr<LineRangeCursor> cursor_;  // one range per import, by first line_id
    std::size_t without_scope_ = 0;             // cursor_'s columns for the ranges with one scope (range_scopes_)
    std::vector<Scope> scopes_;  // of the imports read, by scope_id
    const Scope* last_scope_ = nullptr;
};

struct ImportSummary {
    ImportRecord import;
    std::vector<std::pair<std::string, std::int64_t>> quarantined_by_code;  // code, rows; by code
};
// The imports LineDetailCursor reads, by import id, with their quarantine counts by reason.
[[nodiscard]] std::vector<ImportSummary> load_imports_touching(Database& db, const LineSelection& selection);

}  // namespace revshare::schema
