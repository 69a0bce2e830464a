#include "schema/line_detail_query.hpp"

#include "engine/core/assert.hpp"

#include <map>

namespace revshare::schema {
namespace {

std::string cost_column_sql(CostColumn column) {
    switch (column) {
        case CostColumn::BilledCost: return "l.billed_cost";
        case CostColumn::EffectiveCost: return "l.effective_cost";
        case CostColumn::ListCost: return "l.list_cost";
        case CostColumn::ContractedCost: return "l.contracted_cost";
    }
    return "l.billed_cost";
}

// Imports within the high-water mark with a line charged in [?1, ?2).
constexpr const char* touching_imports =
    "SELECT DISTINCT import_id FROM line WHERE charge_period_start >= ?1 AND charge_period_start < ?2 "
    "AND import_id <= ?3";

// The lines of one import (?3: high-water mark, ?4..?5: its line ids, ?6: the import). The
// unary + keeps SQLite off the (import_id, source_line) index, which would need a sort. Text
// columns come back as text_value ids, resolved through the in-memory StoredTextDictionary: a
// correlated subquery per column cost one B-tree search per line and column.
std::string detail_sql(CostColumn column) {
    return "SELECT l.line_id, l.import_id, l.source_line, l.charge_period_start, "
           "(s.superseded_by IS NOT NULL AND s.superseded_by <= ?3), l.provider_name, l.billing_account_id, "
           "l.sub_account_id, l.charge_category, l.service_name, l.sku_meter, l.billing_currency, " +
           cost_column_sql(column) +
           " FROM line l JOIN import_scope s ON s.scope_id = l.scope_id"
           " WHERE l.line_id BETWEEN ?4 AND ?5 AND +l.import_id = ?6 ORDER BY l.line_id";
}

}  // namespace

LineDetailCursor::LineDetailCursor(Database& db, const LineSelection& selection)
    : query_(db.sql(), detail_sql(selection.cost_column)), texts_(db) {
    SQLite::Statement ranges(db.sql(), std::string("SELECT import_id, min(line_id), max(line_id) FROM line WHERE import_id IN (") +
                                           touching_imports + ") GROUP BY import_id ORDER BY 2");
    bind_line_selection(ranges, selection);
    while (ranges.executeStep()) {
        ranges_.push_back(ImportRange{ranges.getColumn(0).getInt64(), ranges.getColumn(1).getInt64(),
                                      ranges.getColumn(2).getInt64()});
        // Overlapping ranges would break the line_id order the merge relies on.
        ENGINE_ASSERT(ranges_.size() < 2 || ranges_[ranges_.size() - 2].last_line_id < ranges_.back().first_line_id);
    }
    query_.bind(3, selection.import_high_water);
}

bool LineDetailCursor::start_next_range() {
    if (next_range_ >= ranges_.size()) return false;
    const ImportRange& range = ranges_[next_range_++];
    query_.reset();
    query_.bind(4, range.first_line_id);
    query_.bind(5, range.last_line_id);
    query_.bind(6, range.import_id);
    active_ = true;
    return true;
}

bool LineDetailCursor::next(LineDetail& line) {
    while (!active_ || !query_.executeStep()) {
        active_ = false;
        if (!start_next_range()) return false;
    }
    line.line_id = query_.getColumn(0).getInt64();
    line.import_id = query_.getColumn(1).getInt64();
    line.source_line = query_.getColumn(2).getInt64();
    line.charge_period_start = Instant(std::chrono::seconds(query_.getColumn(3).getInt64()));
    line.superseded = query_.getColumn(4).getInt() != 0;
    const auto text = [this](int column) -> const std::string& { return texts_.text(query_.getColumn(column).getInt64()); };
    line.provider_name = text(5);
    line.billing_account_id = text(6);
    line.sub_account_id = text(7);
    line.charge_category = text(8);
    line.service_name = text(9);
    line.sku_meter = text(10);
    line.billing_currency = text(11);
    const auto cost = query_.getColumn(12);
    if (cost.isNull()) {
        line.cost.reset();
    } else {
        line.cost = cost.getString();
    }
    return true;
}

std::vector<ImportSummary> load_imports_touching(Database& db, const LineSelection& selection) {
    SQLite::Statement imports(db.sql(), std::string(touching_imports) + " ORDER BY import_id");
    bind_line_selection(imports, selection);
    std::vector<ImportSummary> summaries;
    std::map<std::int64_t, std::size_t> index;
    while (imports.executeStep()) {
        auto record = load_import(db, imports.getColumn(0).getInt64());
        ENGINE_ASSERT(record.has_value());  // line.import_id references import
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
