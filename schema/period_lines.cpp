#include "schema/period_lines.hpp"
#include "schema/stored_values.hpp"

#include "engine/core/assert.hpp"
#include "schema/read_ahead_vfs.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <algorithm>

namespace revshare::schema {
namespace {

constexpr const char* cost_column_names[] = {"billed_cost", "effective_cost", "list_cost", "contracted_cost"};

constexpr const char* selection_where = line_selection_sql;

std::int64_t seconds(Day day) { return Instant(day).time_since_epoch().count(); }

// Columns: 0 line_id, 1 charge_period_start, 2 scope_id, 3 the cost, 4 dimensions_id. The
// unary `+` keeps SQLite on the rowid range should an index on charge_period_start come back.
std::string line_query_columns(CostColumn cost_column) {
    return std::string("line_id, charge_period_start, scope_id, ") + cost_column_sql(cost_column) +
           ", dimensions_id";
}
constexpr const char* line_query_condition = " AND +charge_period_start >= ?3 AND +charge_period_start < ?4";
constexpr int cost_result_column = 3;
constexpr int dimensions_result_column = 4;

}  // namespace

const char* cost_column_sql(CostColumn column) { return cost_column_names[static_cast<std::size_t>(column)]; }

PeriodLineSource::PeriodLineSource(Database& db, const LineSelection& selection)
    : cost_column_(selection.cost_column),
      period_start_(seconds(selection.period.start())),
      period_end_(seconds(selection.period.end_exclusive())) {
    SQLite::Statement entries(db.sql(), std::string("SELECT p.scope_id, p.first_line_id, p.last_line_id") +
                                            selection_where + " ORDER BY p.first_line_id");
    bind_line_selection(entries, selection);
    std::vector<LineRange> ranges;
    while (entries.executeStep()) {
        scope_ids_.push_back(entries.getColumn(0).getInt64());
        const LineRange range{entries.getColumn(1).getInt64(), entries.getColumn(2).getInt64()};
        // Scopes of one import interleave: merge overlapping ranges so no row is read twice.
        if (!ranges.empty() && range.first_line_id <= ranges.back().last_line_id) {
            ranges.back().last_line_id = std::max(ranges.back().last_line_id, range.last_line_id);
        } else {
            ranges.push_back(range);
        }
    }
    std::sort(scope_ids_.begin(), scope_ids_.end());
    superseded_lines_ = load_superseded_event_lines(db, selection);
    cursor_ = open_cursor(db.sql().getHandle(), std::move(ranges));
}

std::unique_ptr<LineRangeCursor> PeriodLineSource::open_cursor(sqlite3* handle, std::vector<LineRange> ranges) const {
    auto cursor = std::make_unique<LineRangeCursor>(handle, line_query_columns(cost_column_), line_query_condition,
                                                    dimensions_result_column, std::move(ranges));
    cursor->bind(3, period_start_);
    cursor->bind(4, period_end_);
    return cursor;
}

PeriodLineSource::PeriodLineSource(sqlite3* handle, std::vector<LineRange> ranges, CostColumn cost_column,
                                   std::int64_t period_start, std::int64_t period_end, std::vector<std::int64_t> scope_ids,
                                   std::vector<std::int64_t> superseded_lines)
    : cost_column_(cost_column),
      period_start_(period_start),
      period_end_(period_end),
      scope_ids_(std::move(scope_ids)),
      superseded_lines_(std::move(superseded_lines)),
      cursor_(open_cursor(handle, std::move(ranges))) {}

void PeriodLineSource::read_only(const std::array<bool, text_column_count>& columns) { cursor_->read_only(columns); }

std::unique_ptr<PeriodLineSource> PeriodLineSource::split(SQLite::Database& connection) {
    ENGINE_ASSERT(!cursor_->started());  // before the first next()
    const std::vector<LineRange>& ranges = cursor_->ranges();
    std::int64_t span = 0;
    for (const LineRange& range : ranges) span += range.last_line_id - range.first_line_id + 1;
    // Keep the first half of the line ids here; a range that straddles the middle is cut.
    std::int64_t kept = 0;
    std::vector<LineRange> first;
    std::vector<LineRange> second;
    for (const LineRange& range : ranges) {
        const std::int64_t size = range.last_line_id - range.first_line_id + 1;
        if (kept >= span / 2) {
            second.push_back(range);
        } else if (kept + size <= span / 2) {
            first.push_back(range);
            kept += size;
        } else {
            const std::int64_t cut = range.first_line_id + (span / 2 - kept);  // first id of the second part
            first.push_back(LineRange{range.first_line_id, cut - 1});
            second.push_back(LineRange{cut, range.last_line_id});
            kept = span / 2;
        }
    }
    std::array<bool, text_column_count> columns{};
    for (const std::size_t column : cursor_->text_columns()) columns[column] = true;
    sqlite3* handle = cursor_->handle();
    auto later = std::unique_ptr<PeriodLineSource>(new PeriodLineSource(
        connection.getHandle(), std::move(second), cost_column_, period_start_, period_end_, scope_ids_, superseded_lines_));
    later->read_only(columns);
    // This source keeps the first half, with the same columns.
    cursor_ = open_cursor(handle, std::move(first));
    cursor_->read_only(columns);
    return later;
}

std::unique_ptr<SQLite::Database> open_line_reader(const Database& db) {
    auto connection = std::make_unique<SQLite::Database>(db.path().c_str(), SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX, 0,
                                                         read_ahead_vfs());
    connection->setBusyTimeout(Database::busy_timeout_seconds * 1000);
    connection->exec("PRAGMA cache_size = -16384");  // its half of the reading
    return connection;
}

bool PeriodLineSource::is_selected_scope(std::int64_t scope_id) const {
    return std::binary_search(scope_ids_.begin(), scope_ids_.end(), scope_id);
}

bool PeriodLineSource::next(settle::LineInput& line) {
    while (cursor_->step()) {
        // A range may hold lines of other scopes of the same import (other months, or a
        // superseded scope): only the selection's count.
        if (!is_selected_scope(cursor_->integer(2))) continue;
        line.line_id = cursor_->integer(0);
        if (!superseded_lines_.empty() &&
            std::binary_search(superseded_lines_.begin(), superseded_lines_.end(), line.line_id)) {
            continue;  // a seller event's line that a later version or a deletion replaced
        }
        line.charge_period_start = Instant(std::chrono::seconds(cursor_->integer(1)));
        line.dimensions_id = cursor_->dimensions_id();
        line.text_ids = cursor_->text_ids(line.dimensions_id);
        cursor_->decimal_into(cost_result_column, line.cost);
        return true;
    }
    return false;
}

StoredTextDictionary::StoredTextDictionary(Database& db)
    : query_(db.sql(), "SELECT value FROM text_value WHERE text_id = ?") {}

const std::string& StoredTextDictionary::text(std::int64_t id) const {
    if (const auto found = cache_.find(id); found != cache_.end()) return found->second;
    query_.reset();
    query_.bind(1, id);
    if (!query_.executeStep()) throw_missing_row("text_value " + std::to_string(id) + ", named by a stored line");
    return cache_.emplace(id, query_.getColumn(0).getString()).first->second;
}

std::int64_t load_import_high_water(Database& db) {
    return db.sql().execAndGet("SELECT coalesce(max(import_id), 0) FROM import").getInt64();
}

std::vector<std::int64_t> load_imports_in_selection(Database& db, const LineSelection& selection) {
    SQLite::Statement query(db.sql(), std::string("SELECT DISTINCT s.import_id") + selection_where + " ORDER BY 1");
    bind_line_selection(query, selection);
    std::vector<std::int64_t> ids;
    while (query.executeStep()) ids.push_back(query.getColumn(0).getInt64());
    return ids;
}

std::vector<std::int64_t> load_scopes_in_selection(Database& db, const LineSelection& selection) {
    SQLite::Statement query(db.sql(), std::string("SELECT DISTINCT p.scope_id") + selection_where + " ORDER BY 1");
    bind_line_selection(query, selection);
    std::vector<std::int64_t> ids;
    while (query.executeStep()) ids.push_back(query.getColumn(0).getInt64());
    return ids;
}

std::vector<std::int64_t> load_superseded_event_lines(Database& db, const LineSelection& selection) {
    SQLite::Statement query(db.sql(), superseded_event_lines_sql);
    bind_line_selection(query, selection);
    std::vector<std::int64_t> ids;
    while (query.executeStep()) ids.push_back(query.getColumn(0).getInt64());
    return ids;
}

std::int64_t count_lines_in_selection(Database& db, const LineSelection& selection) {
    SQLite::Statement query(db.sql(), std::string("SELECT coalesce(sum(p.lines), 0)") + selection_where);
    bind_line_selection(query, selection);
    query.executeStep();
    const auto superseded = static_cast<std::int64_t>(load_superseded_event_lines(db, selection).size());
    return query.getColumn(0).getInt64() - superseded;
}

std::vector<Period> load_periods_with_lines(Database& db) {
    SQLite::Statement query(db.sql(),
                            "SELECT DISTINCT strftime('%Y-%m', p.period_start, 'unixepoch') FROM scope_period p "
                            "JOIN import_scope s ON s.scope_id = p.scope_id WHERE s.superseded_by IS NULL ORDER BY 1");
    std::vector<Period> periods;
    while (query.executeStep()) {
        periods.push_back(stored_period(query.getColumn(0).getString(), "scope_period.period_start"));
    }
    return periods;
}

std::vector<Period> load_periods_changed_after(Database& db, std::int64_t import_id) {
    SQLite::Statement query(db.sql(),
                            "SELECT DISTINCT strftime('%Y-%m', p.period_start, 'unixepoch') FROM scope_period p "
                            "JOIN import_scope s ON s.scope_id = p.scope_id WHERE s.import_id > ?1 OR s.superseded_by > ?1 "
                            "UNION SELECT strftime('%Y-%m', l.charge_period_start, 'unixepoch') FROM event_line e JOIN line l "
                            "ON l.line_id = e.line_id WHERE e.superseded_by > ?1 ORDER BY 1");
    query.bind(1, import_id);
    std::vector<Period> periods;
    while (query.executeStep()) {
        periods.push_back(stored_period(query.getColumn(0).getString(), "scope_period.period_start"));
    }
    return periods;
}

void bind_line_selection(SQLite::Statement& query, const LineSelection& selection) {
    query.bind(1, seconds(selection.period.start()));
    query.bind(2, seconds(selection.period.end_exclusive()));
    query.bind(3, selection.import_high_water);
}

}  // namespace revshare::schema
