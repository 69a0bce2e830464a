#include "schema/line_values.hpp"
#include "schema/line_dimensions.hpp"
#include "schema/stored_values.hpp"
#include "schema/line_range_cursor.hpp"

#include "engine/core/decimal.hpp"

#include <SQLiteCpp/Statement.h>

#include <map>

namespace revshare::schema {
namespace {

// Counted per text id (one per distinct value: text_value.value is unique), then named; a
// missing text_value row reads as NULL and is reported, never dropped.
std::string values_query(const std::string& text_id_column, const std::string& counted_lines) {
    return "WITH counted AS (SELECT " + text_id_column + " AS text_id, count(*) AS lines " + counted_lines +
           " GROUP BY 1) SELECT c.text_id, t.value, c.lines FROM counted c LEFT JOIN text_value t ON t.text_id = "
           "c.text_id ORDER BY c.lines DESC, t.value COLLATE BINARY";
}

// The selection's lines (a seller line only while its event's current): each (scope, month) entry's line-id range read as a rowid range,
// keeping the lines of that scope and month (scopes of one import may share a range). CROSS
// JOIN keeps SQLite from reordering the join, and the unary `+` from reading `line` through
// an index it builds for the query (a scan of every line) instead of the ranges.
std::string selected_lines() {
    return std::string("FROM (SELECT p.scope_id, p.first_line_id, p.last_line_id") + line_selection_sql +
           ") p CROSS JOIN line l ON l.line_id BETWEEN p.first_line_id AND p.last_line_id"
           " JOIN line_dimensions d ON d.dimensions_id = l.dimensions_id"
           " WHERE +l.scope_id = p.scope_id AND +l.charge_period_start >= ?1 AND +l.charge_period_start < ?2"
           " AND NOT EXISTS (SELECT 1 FROM event_line e WHERE e.line_id = l.line_id AND e.superseded_by <= ?3)";
}

// Every current line: its scope not superseded, nor, for a seller line, its event's version.
constexpr const char* current_lines =
    "FROM line l JOIN import_scope s ON s.scope_id = l.scope_id"
    " JOIN line_dimensions d ON d.dimensions_id = l.dimensions_id WHERE s.superseded_by IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM event_line e WHERE e.line_id = l.line_id AND e.superseded_by IS NOT NULL)";

}  // namespace

std::vector<TextValueCount> count_text_values(Database& db, TextColumn column,
                                              const std::optional<LineSelection>& selection) {
    const std::string text_id_column = std::string("d.") + line_text_column_sql(static_cast<std::size_t>(column));
    SQLite::Statement query(db.sql(), values_query(text_id_column, selection ? selected_lines() : current_lines));
    if (selection) bind_line_selection(query, *selection);
    std::vector<TextValueCount> counts;
    while (query.executeStep()) {
        if (query.getColumn(1).isNull()) {
            throw_missing_row("text_value " + std::to_string(query.getColumn(0).getInt64()) + ", named by line_dimensions");
        }
        counts.push_back(TextValueCount{query.getColumn(1).getString(), query.getColumn(2).getInt64()});
    }
    return counts;
}

std::vector<DisbursementTally> load_disbursements(Database& db, const LineSelection& selection) {
    const std::string action = std::string("d.") + line_text_column_sql(static_cast<std::size_t>(TextColumn::x_MarketplaceAction));
    const std::string type = std::string("d.") + line_text_column_sql(static_cast<std::size_t>(TextColumn::x_TransactionType));
    const std::string currency = std::string("d.") + line_text_column_sql(static_cast<std::size_t>(TextColumn::BillingCurrency));
    const std::string provider = std::string("d.") + line_text_column_sql(static_cast<std::size_t>(TextColumn::ProviderName));
    SQLite::Statement query(db.sql(), "SELECT (SELECT value FROM text_value WHERE text_id = " + currency +
                                          "), (SELECT value FROM text_value WHERE text_id = " + type + "), l.billed_cost " +
                                          selected_lines() + " AND " + provider +
                                          " = (SELECT text_id FROM text_value WHERE value = 'AWS') AND " + action +
                                          " = (SELECT text_id FROM text_value WHERE value = 'DISBURSED')");
    bind_line_selection(query, selection);
    struct Sums {
        std::int64_t payout_rows = 0, item_lines = 0, revenue_item_lines = 0;
        Decimal payout, items, revenue_items;
    };
    std::map<std::string, Sums> by_currency;
    while (query.executeStep()) {
        Sums& sums = by_currency[query.getColumn(0).getString()];
        const std::string kind = query.getColumn(1).getString();
        std::optional<Decimal> stored;
        if (!query.getColumn(2).isNull()) assign_stored_decimal(stored, query.getColumn(2).getString());
        const Decimal amount = stored.value_or(Decimal());
        if (kind == "DISBURSEMENT" || kind == "DISBURSEMENT_FAILURE") {
            ++sums.payout_rows;
            sums.payout += amount;
            continue;
        }
        ++sums.item_lines;
        sums.items += amount;
        if (kind.starts_with("SELLER_REV_SHARE") || kind.starts_with("AWS_REV_SHARE")) {
            ++sums.revenue_item_lines;
            sums.revenue_items += amount;
        }
    }
    std::vector<DisbursementTally> tallies;
    for (const auto& [code, sums] : by_currency) {
        tallies.push_back(DisbursementTally{code, sums.payout_rows, sums.payout.to_string(), sums.item_lines,
                                            sums.items.to_string(), sums.revenue_item_lines, sums.revenue_items.to_string()});
    }
    return tallies;
}

}  // namespace revshare::schema
