#include "schema/line_detail_query.hpp"

#include "engine/core/assert.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>

namespace revshare::schema {
namespace {

constexpr const char* cost_column_sql[] = {"billed_cost", "effective_cost", "list_cost", "contracted_cost"};

// Imports within the high-water mark with a line charged in [?1, ?2), from scope_period.
constexpr const char* touching_imports =
    "SELECT DISTINCT s.import_id FROM scope_period p JOIN import_scope s ON s.scope_id = p.scope_id"
    " WHERE p.period_start >= ?1 AND p.period_start < ?2 AND s.import_id <= ?3";

// Columns: 0 line_id, 1 import_id, 2 scope_id, 3 source_line, 4 charge_period_start, 5 the
// cost, 6 dimensions_id. ?1..?2: one import's line ids.
constexpr int cost_result_column = 5;
constexpr int dimensions_result_column = 6;
std::string detail_sql(CostColumn column) {
    return std::string("SELECT line_id, import_id, scope_id, source_line, charge_period_start, ") +
           cost_column_sql[static_cast<std::size_t>(column)] +
           ", dimensions_id FROM line WHERE line_id BETWEEN ?1 AND ?2 ORDER BY line_id";
}

std::int64_t seconds(Day day) { return Instant(day).time_since_epoch().count(); }

}  // namespace

LineDetailCursor::LineDetailCursor(Database& db, const LineSelection& selection)
    : handle_(db.sql().getHandle()),
      period_start_(seconds(selection.period.start())),
      period_end_(seconds(selection.period.end_exclusive())) {
    // Every line of an import is in one of its scopes' scope_period ranges, whatever the month.
    SQLite::Statement ranges(db.sql(), std::string("SELECT s.import_id, min(p.first_line_id), max(p.last_line_id) "
                                                   "FROM scope_period p JOIN import_scope s ON s.scope_id = p.scope_id "
                                                   "WHERE s.import_id IN (") +
                                           touching_imports + ") GROUP BY s.import_id ORDER BY 2");
    bind_line_selection(ranges, selection);
    while (ranges.executeStep()) {
        ranges_.push_back(ImportRange{ranges.getColumn(0).getInt64(), ranges.getColumn(1).getInt64(),
                                      ranges.getColumn(2).getInt64()});
        // Overlapping ranges would break the line_id order the reports rely on.
        ENGINE_ASSERT(ranges_.size() < 2 || ranges_[ranges_.size() - 2].last_line_id < ranges_.back().first_line_id);
    }
    SQLite::Statement scopes(db.sql(), std::string("SELECT scope_id, superseded_by IS NOT NULL AND superseded_by <= ?3 "
                                                   "FROM import_scope WHERE import_id IN (") +
                                           touching_imports + ") ORDER BY scope_id");
    bind_line_selection(scopes, selection);
    while (scopes.executeStep()) scopes_.emplace_back(scopes.getColumn(0).getInt64(), scopes.getColumn(1).getInt() != 0);
    cost_column_ = selection.cost_column;
    std::array<bool, text_column_count> all;
    all.fill(true);
    read_only(all);
}

LineDetailCursor::~LineDetailCursor() { sqlite3_finalize(query_); }

void LineDetailCursor::read_only(const std::array<bool, text_column_count>& columns) {
    ENGINE_ASSERT(!active_ && next_range_ == 0);  // before the first next()
    text_columns_.clear();
    for (std::size_t i = 0; i < text_column_count; ++i) {
        if (columns[i]) text_columns_.push_back(i);
    }
    dimensions_ = std::make_unique<LineDimensionsCache>(handle_, text_columns_);
    if (query_ != nullptr) return;
    const std::string sql = detail_sql(cost_column_);
    const int result = sqlite3_prepare_v2(handle_, sql.c_str(), static_cast<int>(sql.size()), &query_, nullptr);
    if (result != SQLITE_OK) throw SQLite::Exception(handle_, result);
}

bool LineDetailCursor::start_next_range() {
    if (next_range_ >= ranges_.size()) return false;
    const ImportRange& range = ranges_[next_range_++];
    sqlite3_reset(query_);
    sqlite3_bind_int64(query_, 1, range.first_line_id);
    sqlite3_bind_int64(query_, 2, range.last_line_id);
    range_import_id_ = range.import_id;
    active_ = true;
    return true;
}

bool LineDetailCursor::is_superseded(std::int64_t scope_id) {
    // Consecutive lines mostly share a scope.
    if (scope_id == last_scope_.first) return last_scope_.second;
    const auto found = std::lower_bound(scopes_.begin(), scopes_.end(), std::pair<std::int64_t, bool>{scope_id, false});
    ENGINE_ASSERT(found != scopes_.end() && found->first == scope_id);  // line.scope_id references import_scope
    last_scope_ = *found;
    return found->second;
}

bool LineDetailCursor::next(LineDetail& line) {
    for (;;) {
        if (!active_ && !start_next_range()) return false;
        const int result = sqlite3_step(query_);
        if (result == SQLITE_DONE) {
            active_ = false;
            continue;
        }
        if (result != SQLITE_ROW) throw SQLite::Exception(handle_, result);
        // The range is the import's; a line of another import in it cannot be, but is not ours.
        line.import_id = sqlite3_column_int64(query_, 1);
        if (line.import_id != range_import_id_) continue;
        line.line_id = sqlite3_column_int64(query_, 0);
        line.scope_id = sqlite3_column_int64(query_, 2);
        line.source_line = sqlite3_column_int64(query_, 3);
        const std::int64_t charged = sqlite3_column_int64(query_, 4);
        line.charge_period_start = Instant(std::chrono::seconds(charged));
        line.superseded = is_superseded(line.scope_id);
        line.in_selection = !line.superseded && charged >= period_start_ && charged < period_end_;
        line.text_ids = dimensions_->text_ids(sqlite3_column_int64(query_, dimensions_result_column));
        line.cost = read_cost(query_, cost_result_column);
        return true;
    }
}

std::vector<ImportSummary> load_imports_touching(Database& db, const LineSelection& selection) {
    SQLite::Statement imports(db.sql(), std::string(touching_imports) + " ORDER BY 1");
    bind_line_selection(imports, selection);
    std::vector<ImportSummary> summaries;
    std::map<std::int64_t, std::size_t> index;
    while (imports.executeStep()) {
        auto record = load_import(db, imports.getColumn(0).getInt64());
        ENGINE_ASSERT(record.has_value());  // import_scope.import_id references import
        index[record->import_id] = summaries.size();
        summaries.push_back(ImportSummary{std::move(*record), {}});
    }
    SQLite::Statement reasons(db.sql(), std::string("SELECT import_id, code, count(*) FROM quarantine WHERE import_id IN (") +
                                            touching_imports + ") GROUP BY import_id, code ORDER BY import_id, code");
    bind_line_selection(reasons, selection);
    while (reasons.executeStep()) {
        auto& summary = summaries.at(index.at(reasons.getColumn(0).getInt64()));
        summary.quarantined_by_code.emplace_back(reasons.getColumn(1).getString(), reasons.getColumn(2).getInt64());
    }
    return summaries;
}

}  // namespace revshare::schema
