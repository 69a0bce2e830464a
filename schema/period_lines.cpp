#include "schema/period_lines.hpp"

#include "engine/core/assert.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <algorithm>

namespace revshare::schema {
namespace {

constexpr const char* cost_column_sql[] = {"billed_cost", "effective_cost", "list_cost", "contracted_cost"};

// The (scope, charge month) entries of the selection: the month in [start, end), the scope
// imported within the high-water mark and not superseded by an import within it. Lines
// exist for every entry (scope_period is written with them).
constexpr const char* selection_where =
    " FROM scope_period p JOIN import_scope s ON s.scope_id = p.scope_id"
    " WHERE p.period_start >= ?1 AND p.period_start < ?2 AND s.import_id <= ?3"
    " AND (s.superseded_by IS NULL OR s.superseded_by > ?3)";

std::int64_t seconds(Day day) { return Instant(day).time_since_epoch().count(); }

// Columns: 0 line_id, 1 charge_period_start, 2 scope_id, 3 the cost, 4 dimensions_id. The
// unary `+` keeps SQLite on the rowid range should an index on charge_period_start come back.
std::string line_query_sql(CostColumn cost_column) {
    return std::string("SELECT line_id, charge_period_start, scope_id, ") +
           cost_column_sql[static_cast<std::size_t>(cost_column)] +
           ", dimensions_id FROM line WHERE line_id BETWEEN ?1 AND ?2 AND +charge_period_start >= ?3 AND "
           "+charge_period_start < ?4";
}
constexpr int cost_result_column = 3;
constexpr int dimensions_result_column = 4;

}  // namespace

PeriodLineSource::PeriodLineSource(Database& db, const LineSelection& selection)
    : handle_(db.sql().getHandle()),
      period_start_(seconds(selection.period.start())),
      period_end_(seconds(selection.period.end_exclusive())) {
    SQLite::Statement entries(db.sql(), std::string("SELECT p.scope_id, p.first_line_id, p.last_line_id") +
                                            selection_where + " ORDER BY p.first_line_id");
    bind_line_selection(entries, selection);
    while (entries.executeStep()) {
        scope_ids_.push_back(entries.getColumn(0).getInt64());
        const LineRange range{entries.getColumn(1).getInt64(), entries.getColumn(2).getInt64()};
        // Scopes of one import interleave: merge overlapping ranges so no row is read twice.
        if (!ranges_.empty() && range.first_line_id <= ranges_.back().last_line_id) {
            ranges_.back().last_line_id = std::max(ranges_.back().last_line_id, range.last_line_id);
        } else {
            ranges_.push_back(range);
        }
    }
    std::sort(scope_ids_.begin(), scope_ids_.end());
    cost_column_ = selection.cost_column;
    std::array<bool, text_column_count> all;
    all.fill(true);
    prepare(all);
}

void PeriodLineSource::prepare(const std::array<bool, text_column_count>& columns) {
    ENGINE_ASSERT(!in_range_ && next_range_ == 0);  // before the first next()
    text_columns_.clear();
    for (std::size_t i = 0; i < text_column_count; ++i) {
        if (columns[i]) text_columns_.push_back(i);
    }
    dimensions_ = std::make_unique<LineDimensionsCache>(handle_, text_columns_);
    if (query_ != nullptr) return;
    const std::string sql = line_query_sql(cost_column_);
    const int result = sqlite3_prepare_v2(handle_, sql.c_str(), static_cast<int>(sql.size()), &query_, nullptr);
    if (result != SQLITE_OK) throw SQLite::Exception(handle_, result);
}

void PeriodLineSource::read_only(const std::array<bool, text_column_count>& columns) { prepare(columns); }

PeriodLineSource::PeriodLineSource(sqlite3* handle, const PeriodLineSource& plan, std::vector<LineRange> ranges)
    : handle_(handle),
      cost_column_(plan.cost_column_),
      period_start_(plan.period_start_),
      period_end_(plan.period_end_),
      scope_ids_(plan.scope_ids_),
      ranges_(std::move(ranges)) {
    std::array<bool, text_column_count> columns{};
    for (const std::size_t column : plan.text_columns_) columns[column] = true;
    prepare(columns);
}

std::unique_ptr<PeriodLineSource> PeriodLineSource::split(SQLite::Database& connection) {
    ENGINE_ASSERT(!in_range_ && next_range_ == 0);  // before the first next()
    std::int64_t span = 0;
    for (const LineRange& range : ranges_) span += range.last_line_id - range.first_line_id + 1;
    // Keep the first half of the line ids here; a range that straddles the middle is cut.
    std::int64_t kept = 0;
    std::vector<LineRange> first;
    std::vector<LineRange> second;
    for (const LineRange& range : ranges_) {
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
    ranges_ = std::move(first);
    return std::unique_ptr<PeriodLineSource>(new PeriodLineSource(connection.getHandle(), *this, std::move(second)));
}

std::unique_ptr<SQLite::Database> open_line_reader(const Database& db) {
    auto connection = std::make_unique<SQLite::Database>(db.path().string(), SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
    connection->setBusyTimeout(Database::busy_timeout_seconds * 1000);
    connection->exec("PRAGMA cache_size = -16384");  // its half of the reading
    return connection;
}

PeriodLineSource::~PeriodLineSource() { sqlite3_finalize(query_); }

bool PeriodLineSource::start_next_range() {
    if (next_range_ == ranges_.size()) return false;
    const LineRange& range = ranges_[next_range_++];
    sqlite3_reset(query_);
    sqlite3_bind_int64(query_, 1, range.first_line_id);
    sqlite3_bind_int64(query_, 2, range.last_line_id);
    sqlite3_bind_int64(query_, 3, period_start_);
    sqlite3_bind_int64(query_, 4, period_end_);
    return true;
}

bool PeriodLineSource::is_selected_scope(std::int64_t scope_id) const {
    return std::binary_search(scope_ids_.begin(), scope_ids_.end(), scope_id);
}

bool PeriodLineSource::next(settle::LineInput& line) {
    for (;;) {
        if (!in_range_) {
            if (!start_next_range()) return false;
            in_range_ = true;
        }
        const int result = sqlite3_step(query_);
        if (result == SQLITE_DONE) {
            in_range_ = false;
            continue;
        }
        if (result != SQLITE_ROW) throw SQLite::Exception(handle_, result);
        // A range may hold lines of other scopes of the same import (other months, or a
        // superseded scope): only the selection's count.
        if (!is_selected_scope(sqlite3_column_int64(query_, 2))) continue;
        line.line_id = sqlite3_column_int64(query_, 0);
        line.charge_period_start = Instant(std::chrono::seconds(sqlite3_column_int64(query_, 1)));
        line.text_ids = dimensions_->text_ids(sqlite3_column_int64(query_, dimensions_result_column));
        line.cost = read_cost(query_, cost_result_column);
        return true;
    }
}

std::optional<Decimal> read_cost(sqlite3_stmt* query, int column) {
    if (sqlite3_column_type(query, column) == SQLITE_NULL) return std::nullopt;
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(query, column));
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(query, column));
    auto cost = Decimal::parse_plain(std::string_view(text, size));
    ENGINE_ASSERT(cost.has_value());  // only canonical decimals are stored
    return cost;
}

StoredTextDictionary::StoredTextDictionary(Database& db)
    : query_(db.sql(), "SELECT value FROM text_value WHERE text_id = ?") {}

const std::string& StoredTextDictionary::text(std::int64_t id) const {
    if (const auto found = cache_.find(id); found != cache_.end()) return found->second;
    query_.reset();
    query_.bind(1, id);
    ENGINE_ASSERT(query_.executeStep());  // every stored id has its text
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

std::int64_t count_lines_in_selection(Database& db, const LineSelection& selection) {
    SQLite::Statement query(db.sql(), std::string("SELECT coalesce(sum(p.lines), 0)") + selection_where);
    bind_line_selection(query, selection);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

std::vector<Period> load_periods_with_lines(Database& db) {
    SQLite::Statement query(db.sql(),
                            "SELECT DISTINCT strftime('%Y-%m', p.period_start, 'unixepoch') FROM scope_period p "
                            "JOIN import_scope s ON s.scope_id = p.scope_id WHERE s.superseded_by IS NULL ORDER BY 1");
    std::vector<Period> periods;
    while (query.executeStep()) {
        const auto period = Period::parse(query.getColumn(0).getString());
        ENGINE_ASSERT(period.has_value());
        periods.push_back(*period);
    }
    return periods;
}

void bind_line_selection(SQLite::Statement& query, const LineSelection& selection) {
    query.bind(1, seconds(selection.period.start()));
    query.bind(2, seconds(selection.period.end_exclusive()));
    query.bind(3, selection.import_high_water);
}

}  // namespace revshare::schema
