#include "schema/stored_lines.hpp"

#include "engine/core/usage_record.hpp"
#include "schema/line_dimensions.hpp"

namespace revshare::schema {
namespace {

std::string line_query_sql() {
    std::string sql = "SELECT l.source_line, l.charge_period_start, l.charge_period_end, d.billing_period_start, "
                      "d.billing_period_end, l.billed_cost, l.effective_cost, l.list_cost, l.contracted_cost, "
                      "l.consumed_quantity, d.tags";
    for (std::size_t column = 0; column < text_column_count; ++column) sql += std::string(", d.") + line_text_column_sql(column);
    // `line` has no index but its rowid: the import's lines are read by the line_id range its
    // scope periods record (what settle and report read), then sorted by source line.
    return sql + " FROM line l LEFT JOIN line_dimensions d ON d.dimensions_id = l.dimensions_id WHERE l.line_id BETWEEN "
                 "(SELECT coalesce(min(p.first_line_id), 0) FROM scope_period p JOIN import_scope s USING (scope_id) WHERE "
                 "s.import_id = ?1) AND (SELECT coalesce(max(p.last_line_id), -1) FROM scope_period p JOIN import_scope s "
                 "USING (scope_id) WHERE s.import_id = ?1) AND l.import_id = ?1 ORDER BY l.source_line, l.line_id";
}

constexpr int first_number_column = 5;
constexpr int tags_column = 10;
constexpr int first_text_column = 11;

}  // namespace

StoredLineCursor::StoredLineCursor(Database& db, std::int64_t import_id)
    : query_(db.sql(), line_query_sql()), text_query_(db.sql(), "SELECT value FROM text_value WHERE text_id = ?") {
    query_.bind(1, import_id);
}

const std::string& StoredLineCursor::text(std::int64_t text_id) {
    const auto found = texts_.find(text_id);
    if (found != texts_.end()) return found->second;
    text_query_.reset();
    text_query_.bind(1, text_id);
    // A text id with no text (an edited database) reads as a text no delivery can hold.
    std::string value = text_query_.executeStep() ? text_query_.getColumn(0).getString()
                                                   : "(no text_value " + std::to_string(text_id) + ")";
    if (texts_.size() > 1'000'000) texts_.clear();  // bounded, whatever the database holds
    return texts_.emplace(text_id, std::move(value)).first->second;
}

bool StoredLineCursor::next(StoredLineText& line) {
    if (done_ || !query_.executeStep()) {
        done_ = true;
        return false;
    }
    line.source_line = query_.getColumn(0).getInt64();
    line.charge_period_start = query_.getColumn(1).getInt64();
    line.charge_period_end = query_.getColumn(2).getInt64();
    line.billing_period_start = query_.getColumn(3).getInt64();
    line.billing_period_end = query_.getColumn(4).getInt64();
    for (std::size_t i = 0; i < line_number_count; ++i) {
        const auto column = query_.getColumn(first_number_column + static_cast<int>(i));
        if (column.isNull()) {
            line.numbers[i].reset();
        } else {
            line.numbers[i] = column.getString();
        }
    }
    for (std::size_t column = 0; column < text_column_count; ++column) {
        line.texts[column] = text(query_.getColumn(first_text_column + static_cast<int>(column)).getInt64());
    }
    line.texts[text_column_count] = text(query_.getColumn(tags_column).getInt64());
    return true;
}

std::vector<StoredQuarantineRow> load_quarantine_rows(Database& db, std::int64_t import_id) {
    SQLite::Statement query(db.sql(), "SELECT source_line, column_number, field, code, reason, raw FROM quarantine WHERE import_id = ? "
                                      "ORDER BY source_line, quarantine_id");
    query.bind(1, import_id);
    std::vector<StoredQuarantineRow> rows;
    while (query.executeStep()) {
        const auto raw = query.getColumn(5);
        rows.push_back(StoredQuarantineRow{.source_line = query.getColumn(0).getInt64(),
                                           .column_number = query.getColumn(1).getInt64(),
                                           .field = query.getColumn(2).getString(),
                                           .code = query.getColumn(3).getString(),
                                           .reason = query.getColumn(4).getString(),
                                           .raw = raw.getBytes() == 0
                                                      ? std::string()
                                                      : std::string(static_cast<const char*>(raw.getBlob()),
                                                                    static_cast<std::size_t>(raw.getBytes()))});
    }
    return rows;
}

}  // namespace revshare::schema
