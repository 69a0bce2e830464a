#include "schema/period_lines.hpp"

#include "engine/core/assert.hpp"

namespace revshare::schema {
namespace {

constexpr const char* cost_column_sql[] = {"l.billed_cost", "l.effective_cost", "l.list_cost", "l.contracted_cost"};

// The current lines of the selection: charge period in [start, end), scope not superseded by
// an import within the high-water mark, imported within it.
constexpr const char* selection_where =
    " FROM line l JOIN import_scope s ON s.scope_id = l.scope_id"
    " WHERE l.charge_period_start >= ?1 AND l.charge_period_start < ?2 AND l.import_id <= ?3"
    " AND (s.superseded_by IS NULL OR s.superseded_by > ?3)";

std::int64_t seconds(Day day) { return Instant(day).time_since_epoch().count(); }

void bind_selection(SQLite::Statement& query, const LineSelection& selection) {
    query.bind(1, seconds(selection.period.start()));
    query.bind(2, seconds(selection.period.end_exclusive()));
    query.bind(3, selection.import_high_water);
}

std::string line_query_sql(CostColumn cost_column) {
    return std::string("SELECT l.line_id, l.charge_period_start, l.provider_name, l.publisher_name, "
                       "l.invoice_issuer_name, l.billing_account_id, l.sub_account_id, l.charge_category, "
                       "l.charge_class, l.service_name, l.sku_id, l.sku_meter, l.region_id, l.billing_currency, "
                       "l.consumed_unit, l.x_service_code, l.x_usage_type, l.x_operation, l.x_sku_meter_category, "
                       "l.x_sku_meter_subcategory, l.x_sku_meter_name, l.x_publisher_category, ") +
           cost_column_sql[static_cast<std::size_t>(cost_column)] + selection_where + " ORDER BY l.line_id";
}

}  // namespace

PeriodLineSource::PeriodLineSource(Database& db, const LineSelection& selection)
    : query_(db.sql(), line_query_sql(selection.cost_column)) {
    bind_selection(query_, selection);
}

bool PeriodLineSource::next(settle::LineInput& line) {
    if (!query_.executeStep()) return false;
    line.line_id = query_.getColumn(0).getInt64();
    line.charge_period_start = Instant(std::chrono::seconds(query_.getColumn(1).getInt64()));
    for (std::size_t i = 0; i < text_column_count; ++i) {
        line.text_ids[i] = query_.getColumn(static_cast<int>(2 + i)).getInt64();
    }
    const auto cost = query_.getColumn(static_cast<int>(2 + text_column_count));
    if (cost.isNull()) {
        line.cost.reset();
    } else {
        line.cost = Decimal::parse_plain(cost.getString());
        ENGINE_ASSERT(line.cost.has_value());  // only canonical decimals are stored
    }
    return true;
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
    SQLite::Statement query(db.sql(), std::string("SELECT DISTINCT l.import_id") + selection_where + " ORDER BY 1");
    bind_selection(query, selection);
    std::vector<std::int64_t> ids;
    while (query.executeStep()) ids.push_back(query.getColumn(0).getInt64());
    return ids;
}

std::vector<std::int64_t> load_scopes_in_selection(Database& db, const LineSelection& selection) {
    SQLite::Statement query(db.sql(), std::string("SELECT DISTINCT l.scope_id") + selection_where + " ORDER BY 1");
    bind_selection(query, selection);
    std::vector<std::int64_t> ids;
    while (query.executeStep()) ids.push_back(query.getColumn(0).getInt64());
    return ids;
}

std::int64_t count_lines_in_selection(Database& db, const LineSelection& selection) {
    SQLite::Statement query(db.sql(), std::string("SELECT count(*)") + selection_where);
    bind_selection(query, selection);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

std::vector<Period> load_periods_with_lines(Database& db) {
    SQLite::Statement query(db.sql(),
                            "SELECT DISTINCT strftime('%Y-%m', l.charge_period_start, 'unixepoch') FROM line l "
                            "JOIN import_scope s ON s.scope_id = l.scope_id WHERE s.superseded_by IS NULL ORDER BY 1");
    std::vector<Period> periods;
    while (query.executeStep()) {
        const auto period = Period::parse(query.getColumn(0).getString());
        ENGINE_ASSERT(period.has_value());
        periods.push_back(*period);
    }
    return periods;
}

}  // namespace revshare::schema
