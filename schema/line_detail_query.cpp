#include "schema/line_detail_query.hpp"
#include "schema/stored_values.hpp"

#include "engine/core/assert.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>

namespace revshare::schema {
namespace {

// Imports within the high-water mark with a line charged in [?1, ?2), from scope_period.
constexpr const char* touching_imports =
    "SELECT DISTINCT s.import_id FROM scope_period p JOIN import_scope s ON s.scope_id = p.scope_id"
    " WHERE p.period_start >= ?1 AND p.period_start < ?2 AND s.import_id <= ?3";

// Columns: 0 line_id, 1 scope_id, 2 source_line, 3 charge_period_start, 4 the cost, 5
// dimensions_id. (A line's import is its scope's.)
constexpr int cost_result_column = 4;
constexpr int dimensions_result_column = 5;
// `scope`: scope_id, or NULL for a range of a one-scope import (not decoded: issue 7).
std::string detail_columns(CostColumn column, const char* scope) {
    return std::string("line_id, ") + scope + ", source_line, charge_period_start, " +
           cost_column_sql(column) + ", dimensions_id";
}

std::int64_t seconds(Day day) { return Instant(day).time_since_epoch().count(); }

}  // namespace

LineDetailCursor::LineDetailCursor(Database& db, const LineSelection& selection, LineShare share)
    : period_start_(seconds(selection.period.start())), period_end_(seconds(selection.period.end_exclusive())) {
    // Every line of an import is in one of its scopes' scope_period ranges, whatever the month.
    SQLite::Statement ranges(db.sql(), std::string("SELECT s.import_id, min(p.first_line_id), max(p.last_line_id) "
                                                   "FROM scope_period p JOIN import_scope s ON s.scope_id = p.scope_id "
                                                   "WHERE s.import_id IN (") +
                                           touching_imports + ") GROUP BY s.import_id ORDER BY 2");
    bind_line_selection(ranges, selection);
    ENGINE_ASSERT(share.count > 0 && share.index < share.count && share.piece_ids > 0);
    std::vector<LineRange> line_ranges;
    std::int64_t previous_last = 0;
    std::size_t piece = 0;  // across imports
    while (ranges.executeStep()) {
        const std::int64_t import_id = ranges.getColumn(0).getInt64();
        const std::int64_t first = ranges.getColumn(1).getInt64();
        const std::int64_t last = ranges.getColumn(2).getInt64();
        // Overlapping ranges would break the line_id order the reports rely on.
        ENGINE_ASSERT(first <= last && (piece == 0 || previous_last < first));
        previous_last = last;
        for (std::int64_t start = first;;) {
            const std::int64_t end = last - start < share.piece_ids ? last : start + (share.piece_ids - 1);
            if (piece++ % share.count == share.index) {
                range_imports_.push_back(import_id);
                line_ranges.push_back(LineRange{start, end});
            }
            if (end == last) break;
            start = end + 1;
        }
    }
    cursor_ = std::make_unique<LineRangeCursor>(db.sql().getHandle(), detail_columns(selection.cost_column, "scope_id"),
                                                "", dimensions_result_column, std::move(line_ranges));
    without_scope_ = cursor_->add_column_variant(detail_columns(selection.cost_column, "NULL"));
    SQLite::Statement scopes(db.sql(), std::string("SELECT scope_id, import_id, superseded_by IS NOT NULL AND superseded_by <= ?3, "
                                                   "billing_period_start, billing_period_end "
                                                   "FROM import_scope WHERE import_id IN (") +
                                           touching_imports + ") ORDER BY scope_id");
    bind_line_selection(scopes, selection);
    while (scopes.executeStep()) {
        scopes_.push_back(Scope{.scope_id = scopes.getColumn(0).getInt64(),
                                .import_id = scopes.getColumn(1).getInt64(),
                                .superseded = scopes.getColumn(2).getInt() != 0,
                                .billing_period_start = scopes.getColumn(3).getInt64(),
                                .billing_period_end = scopes.getColumn(4).getInt64()});
    }
    // Seller lines that, as of the high-water mark, are not their event's current line (S4).
    SQLite::Statement superseded(db.sql(), std::string("SELECT e.line_id FROM event_line e WHERE e.superseded_by <= ?3 "
                                                       "AND e.import_id IN (") + touching_imports + ") ORDER BY 1");
    bind_line_selection(superseded, selection);
    while (superseded.executeStep()) superseded_lines_.push_back(superseded.getColumn(0).getInt64());
    std::map<std::int64_t, std::vector<const Scope*>> scopes_by_import;
    for (const Scope& scope : scopes_) scopes_by_import[scope.import_id].push_back(&scope);
    for (const std::int64_t import_id : range_imports_) {
        const auto& of_import = scopes_by_import[import_id];
        range_scopes_.push_back(of_import.size() == 1 ? of_import.front() : nullptr);
    }
}

const LineDetailCursor::Scope* LineDetailCursor::scope(std::int64_t scope_id) {
    if (last_scope_ != nullptr && last_scope_->scope_id == scope_id) return last_scope_;
    const auto found = std::lower_bound(scopes_.begin(), scopes_.end(), scope_id,
                                        [](const Scope& scope, std::int64_t id) { return scope.scope_id < id; });
    if (found == scopes_.end() || found->scope_id != scope_id) return nullptr;
    last_scope_ = &*found;
    return last_scope_;
}

bool LineDetailCursor::read_piece(LineDetailSink& sink) {
    if (!pieces_left()) return false;
    const bool one_scope = range_scopes_[cursor_->ranges_started()] != nullptr;
    return cursor_->read_range(
        [this, &sink] {
            if (take_row(sink.next_line())) sink.line_read();
        },
        one_scope ? without_scope_ : 0);
}

bool LineDetailCursor::take_row(LineDetail& line) {
    // The range is its import's (imports' ranges do not overlap, asserted above). With one
    // scope, every line of it is of that scope; with several, scope_id says which (a line of
    // another import cannot be in the range, and would not be ours).
    const Scope* scope = range_scopes_[cursor_->range_index()];
    if (scope == nullptr) {
        scope = this->scope(cursor_->integer(1));
        if (scope == nullptr || scope->import_id != range_imports_[cursor_->range_index()]) return false;
    }
    line.import_id = scope->import_id;
    line.line_id = cursor_->integer(0);
    line.source_line = cursor_->integer(2);
    const std::int64_t charged = cursor_->integer(3);
    line.charge_period_start = Instant(std::chrono::seconds(charged));
    line.superseded = scope->superseded ||
                      (!superseded_lines_.empty() &&
                       std::binary_search(superseded_lines_.begin(), superseded_lines_.end(), line.line_id));
    line.in_selection = !line.superseded && charged >= period_start_ && charged < period_end_;
    line.outside_billing_period = charged < scope->billing_period_start || charged >= scope->billing_period_end;
    line.dimensions_id = cursor_->dimensions_id();
    line.text_ids = cursor_->text_ids(line.dimensions_id);
    // Kept as text too: lines.csv prints it without formatting it again.
    if (const auto cost = cursor_->decimal_text(cost_result_column)) {
        line.cost_text.assign(*cost);
        assign_stored_decimal(line.cost, *cost);
    } else {
        line.cost_text.clear();
        line.cost.reset();
    }
    return true;
}

std::vector<ImportSummary> load_imports_touching(Database& db, const LineSelection& selection) {
    SQLite::Statement imports(db.sql(), std::string(touching_imports) + " ORDER BY 1");
    bind_line_selection(imports, selection);
    std::vector<ImportSummary> summaries;
    std::map<std::int64_t, std::size_t> index;
    while (imports.executeStep()) {
        auto record = load_import(db, imports.getColumn(0).getInt64());
        if (!record) throw_missing_row("import " + imports.getColumn(0).getString() + ", named by an import_scope row");
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
