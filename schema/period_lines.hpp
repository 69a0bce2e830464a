#pragma once
// The current (not superseded) normalised lines of one period, streamed from SQLite into the
// settlement engine, and the text dictionary behind their text ids.
#include "engine/core/period.hpp"
#include "engine/core/usage_record.hpp"
#include "engine/settle/settle_inputs.hpp"
#include "schema/database.hpp"
#include "schema/line_range_cursor.hpp"

#include <SQLiteCpp/Statement.h>

struct sqlite3;
struct sqlite3_stmt;

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace revshare::schema {

// Which lines count: those of scopes not superseded, imported up to `import_high_water`
// (a replay passes the high-water mark of the run it replays; settle passes the newest).
struct LineSelection {
    Period period;
    CostColumn cost_column = CostColumn::BilledCost;
    std::int64_t import_high_water = 0;
};

// The (scope, charge month) entries of the selection, as ` FROM scope_period p JOIN import_scope
// s ... WHERE ...` (bound by bind_line_selection): the month in [start, end), the scope imported
// within the high-water mark and not superseded by an import within it. Lines exist for every
// entry (scope_period is written with them); a scope's lines of the month are among the line
// ids [p.first_line_id, p.last_line_id], which other scopes' lines of the same import may share.
inline constexpr const char* line_selection_sql =
    " FROM scope_period p JOIN import_scope s ON s.scope_id = p.scope_id"
    " WHERE p.period_start >= ?1 AND p.period_start < ?2 AND s.import_id <= ?3"
    " AND (s.superseded_by IS NULL OR s.superseded_by > ?3)";

// The `line` column holding `column`.
[[nodiscard]] const char* cost_column_sql(CostColumn column);

// The seller lines (formats.md S4) charged in the selection's period that, as of its
// high-water mark, are not their event's current line: a later version or a deletion was
// imported within it, or the line never was current. Their scopes are selected like any
// other, so readers of a selection skip these ids. Bound by bind_line_selection; sorted.
inline constexpr const char* superseded_event_lines_sql =
    "SELECT e.line_id FROM event_line e JOIN line l ON l.line_id = e.line_id WHERE e.superseded_by <= ?3"
    " AND l.charge_period_start >= ?1 AND l.charge_period_start < ?2 ORDER BY 1";

// Binds ?1 and ?2 (the period's first and end-exclusive second) and ?3 (the import high-water
// mark): the parameters every query over a LineSelection takes.
void bind_line_selection(SQLite::Statement& query, const LineSelection& selection);

// Reads the row ranges that table scope_period gives for the selection's scopes, in rowid
// (= line_id) order, straight through the SQLite C API: a settlement reads millions of lines,
// and a per-column wrapper object or an index lookup per line would cost more than the rest.
class PeriodLineSource final : public settle::LineSource {
public:
    PeriodLineSource(Database& db, const LineSelection& selection);
    bool next(settle::LineInput& line) override;
    // Loads only these text columns (the others read 0); before the first next().
    void read_only(const std::array<bool, text_column_count>& columns) override;

    // Moves about half of the lines (the later line ids) to a new source reading through
    // `connection`, another connection to the same database, so that two threads can read
    // the period at once; before the first next(), after read_only(). Both read the same rows
    // whatever is committed meanwhile: lines are never changed or deleted, and which ranges
    // and scopes count was fixed here, by the connection that planned the selection.
    [[nodiscard]] std::unique_ptr<PeriodLineSource> split(SQLite::Database& connection);

private:
    PeriodLineSource(sqlite3* handle, std::vector<LineRange> ranges, CostColumn cost_column, std::int64_t period_start,
                     std::int64_t period_end, std::vector<std::int64_t> scope_ids,
                     std::vector<std::int64_t> superseded_lines);
    [[nodiscard]] bool is_selected_scope(std::int64_t scope_id) const;
    // A cursor over `ranges` through `handle`, with the period bound (every column read).
    [[nodiscard]] std::unique_ptr<LineRangeCursor> open_cursor(sqlite3* handle, std::vector<LineRange> ranges) const;

    CostColumn cost_column_ = CostColumn::BilledCost;
    std::int64_t period_start_ = 0;  // seconds, [start, end)
    std::int64_t period_end_ = 0;
    std::vector<std::int64_t> scope_ids_;  // sorted: the selection's current scopes
    std::vector<std::int64_t> superseded_lines_;  // sorted: superseded_event_lines_sql's
    std::unique_ptr<LineRangeCursor> cursor_;  // over sorted, disjoint ranges
};

class StoredTextDictionary final : public rules::TextDictionary {
public:
    explicit StoredTextDictionary(Database& db);
    [[nodiscard]] const std::string& text(std::int64_t id) const override;

private:
    mutable SQLite::Statement query_;
    mutable std::map<std::int64_t, std::string> cache_;
};

[[nodiscard]] std::int64_t load_import_high_water(Database& db);

// A read-only connection to `db`'s database, for reading lines on another thread
// (PeriodLineSource::split).
[[nodiscard]] std::unique_ptr<SQLite::Database> open_line_reader(const Database& db);
// Sorted ids of the imports that have current lines in the selection.
[[nodiscard]] std::vector<std::int64_t> load_imports_in_selection(Database& db, const LineSelection& selection);
// Sorted ids of the scopes that have current lines in the selection (changes when an import
// adds lines or supersedes a scope): part of a settlement's input fingerprint.
[[nodiscard]] std::vector<std::int64_t> load_scopes_in_selection(Database& db, const LineSelection& selection);
// superseded_event_lines_sql's ids: with the scopes, what makes a selection's lines (a
// settlement's input fingerprint).
[[nodiscard]] std::vector<std::int64_t> load_superseded_event_lines(Database& db, const LineSelection& selection);
// Number of current lines in the period (any cost), for deciding whether a period has data.
[[nodiscard]] std::int64_t count_lines_in_selection(Database& db, const LineSelection& selection);
// Periods (sorted) whose lines an import after `import_id` changed: it delivered lines for them,
// or superseded a scope or a seller event's line that had lines in them.
[[nodiscard]] std::vector<Period> load_periods_changed_after(Database& db, std::int64_t import_id);
// Periods (sorted) that have current lines, from the first to the last.
[[nodiscard]] std::vector<Period> load_periods_with_lines(Database& db);

}  // namespace revshare::schema
