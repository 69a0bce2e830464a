#include "schema/quarantine_store.hpp"

#include "schema/import_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace revshare::schema {
namespace {

// The import that restated every scope of the quarantined row's import (q), or NULL: the
// import has a scope, none of its scopes still counts, and the last to take one over is named.
constexpr const char* restated_by_sql =
    "CASE WHEN EXISTS (SELECT 1 FROM import_scope s WHERE s.import_id = q.import_id) "
    "AND NOT EXISTS (SELECT 1 FROM import_scope s WHERE s.import_id = q.import_id AND s.superseded_by IS NULL) "
    "THEN (SELECT max(s.superseded_by) FROM import_scope s WHERE s.import_id = q.import_id) END";

}  // namespace

std::vector<QuarantinedRow> load_quarantined_rows(Database& db, const QuarantineFilter& filter) {
    SQLite::Statement query(db.sql(),
                            std::string("SELECT q.import_id, i.file_name, i.member_name, i.format, i.imported_at, "
                                        "q.source_line, q.column_number, q.field, q.code, q.reason, q.raw, ") +
                                restated_by_sql +
                                " FROM quarantine q JOIN import i ON i.import_id = q.import_id "
                                "WHERE (?1 IS NULL OR q.import_id = ?1) AND (?2 IS NULL OR i.imported_at >= ?2) "
                                "ORDER BY q.import_id, q.source_line, q.column_number, q.quarantine_id");
    if (filter.import_id) query.bind(1, *filter.import_id);
    if (filter.imported_since) query.bind(2, *filter.imported_since);
    std::vector<QuarantinedRow> rows;
    while (query.executeStep()) {
        QuarantinedRow row;
        row.import_id = query.getColumn(0).getInt64();
        row.delivery = delivery_name(query.getColumn(1).getString(), query.getColumn(2).getString());
        row.format = query.getColumn(3).getString();
        row.imported_at = query.getColumn(4).getString();
        row.source_line = query.getColumn(5).getInt64();
        row.column_number = query.getColumn(6).getInt64();
        row.field = query.getColumn(7).getString();
        row.code = query.getColumn(8).getString();
        row.reason = query.getColumn(9).getString();
        const auto raw = query.getColumn(10);
        if (raw.getBytes() > 0) row.raw.assign(static_cast<const char*>(raw.getBlob()), static_cast<std::size_t>(raw.getBytes()));
        if (!query.getColumn(11).isNull()) row.restated_by = query.getColumn(11).getInt64();
        rows.push_back(std::move(row));
    }
    return rows;
}

std::int64_t count_unresolved_quarantined_rows(Database& db) {
    SQLite::Statement query(db.sql(), std::string("SELECT count(*) FROM quarantine q WHERE (") + restated_by_sql +
                                          ") IS NULL");
    query.executeStep();
    return query.getColumn(0).getInt64();
}

}  // namespace revshare::schema
