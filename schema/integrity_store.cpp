#include "schema/integrity_store.hpp"

#include "schema/import_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <map>

namespace revshare::schema {
namespace {

std::vector<StoredAmount> load_amounts(Database& db, const std::string& sql) {
    SQLite::Statement query(db.sql(), sql);
    std::vector<StoredAmount> amounts;
    while (query.executeStep()) {
        amounts.push_back(StoredAmount{query.getColumn(0).getInt64(), query.getColumn(1).getInt64(),
                                       query.getColumn(2).getString(), query.getColumn(3).getString(),
                                       query.getColumn(4).getInt64()});
    }
    return amounts;
}

}  // namespace

std::vector<JournalSum> load_unbalanced_journals(Database& db) {
    SQLite::Statement query(db.sql(), "SELECT r.run_id, r.contract_id, r.period, coalesce(sum(j.amount_minor), 0) "
                                      "FROM settlement_run r JOIN journal_entry j ON j.run_id = r.run_id "
                                      "GROUP BY r.run_id HAVING sum(j.amount_minor) <> 0 ORDER BY r.run_id");
    std::vector<JournalSum> sums;
    while (query.executeStep()) {
        sums.push_back(JournalSum{query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                                  query.getColumn(2).getString(), query.getColumn(3).getInt64()});
    }
    return sums;
}

std::vector<StoredAmount> load_statement_shares(Database& db) {
    return load_amounts(db, "SELECT run_id, row_number, currency, share, share_minor FROM statement_row "
                            "ORDER BY run_id, row_number");
}

std::vector<StoredAmount> load_journal_amounts(Database& db) {
    return load_amounts(db, "SELECT run_id, entry_number, currency, amount, amount_minor FROM journal_entry "
                            "ORDER BY run_id, entry_number");
}

ImportCountsFound load_import_counts(Database& db) {
    SQLite::Statement query(db.sql(),
                            "SELECT i.import_id, i.file_name, i.rows_read, i.rows_imported, i.rows_quarantined, "
                            "(SELECT count(*) FROM quarantine q WHERE q.import_id = i.import_id), i.member_name, "
                            "i.rows_already_known FROM import i ORDER BY i.import_id");
    std::vector<ImportCounts> counts;
    std::map<std::int64_t, std::size_t> index_of;  // import id -> its entry in `counts`
    while (query.executeStep()) {
        index_of[query.getColumn(0).getInt64()] = counts.size();
        counts.push_back(ImportCounts{query.getColumn(0).getInt64(),
                                      delivery_name(query.getColumn(1).getString(), query.getColumn(6).getString()),
                                      query.getColumn(2).getInt64(), query.getColumn(3).getInt64(),
                                      query.getColumn(4).getInt64(), 0, query.getColumn(5).getInt64(), 0,
                                      query.getColumn(7).getInt64()});
    }
    // The lines stored per import: one pass in rowid order (the line table has no index on
    // import_id since migration 0005; an import's lines are one run of line ids, so the
    // previous line's import is remembered). A line naming no import is counted under no
    // import, so its import's count falls short and verify says so.
    // Each line's scope and dimensions must be its import's (a primary-key lookup each).
    SQLite::Statement lines(db.sql(),
                            "SELECT l.import_id, "
                            "coalesce((SELECT s.import_id FROM import_scope s WHERE s.scope_id = l.scope_id), -1) = l.import_id "
                            "AND coalesce((SELECT d.import_id FROM line_dimensions d WHERE d.dimensions_id = l.dimensions_id), "
                            "-1) = l.import_id FROM line l ORDER BY l.line_id");
    std::int64_t previous = -1;
    ImportCounts* current = nullptr;
    std::map<std::int64_t, RowsOfMissingImport> missing;
    while (lines.executeStep()) {
        const std::int64_t import_id = lines.getColumn(0).getInt64();
        if (import_id != previous) {
            const auto found = index_of.find(import_id);
            current = found == index_of.end() ? nullptr : &counts[found->second];
            previous = import_id;
        }
        if (current == nullptr) {
            ++missing[import_id].lines;
            continue;
        }
        ++current->lines_stored;
        if (lines.getColumn(1).getInt() == 0) ++current->lines_misreferenced;
    }
    // Scopes and quarantined rows of a missing import (small tables: one query each).
    for (const auto& [table, count] : {std::pair{"import_scope", &RowsOfMissingImport::scopes},
                                       std::pair{"quarantine", &RowsOfMissingImport::quarantined}}) {
        SQLite::Statement orphans(db.sql(), std::string("SELECT import_id, count(*) FROM ") + table +
                                                " WHERE import_id NOT IN (SELECT import_id FROM import) GROUP BY import_id");
        while (orphans.executeStep()) missing[orphans.getColumn(0).getInt64()].*count += orphans.getColumn(1).getInt64();
    }
    ImportCountsFound found;
    found.imports = std::move(counts);
    for (auto& [import_id, rows] : missing) {
        rows.import_id = import_id;
        found.missing.push_back(rows);
    }
    return found;
}

std::optional<std::int64_t> first_missing_import_of_a_scope(Database& db) {
    SQLite::Statement query(db.sql(), "SELECT min(import_id) FROM import_scope WHERE import_id NOT IN (SELECT import_id FROM import)");
    if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
    return query.getColumn(0).getInt64();
}

std::vector<std::int64_t> load_current_run_ids(Database& db) {
    SQLite::Statement query(db.sql(), "SELECT run_id FROM settlement_run WHERE is_current = 1 ORDER BY contract_id, period");
    std::vector<std::int64_t> ids;
    while (query.executeStep()) ids.push_back(query.getColumn(0).getInt64());
    return ids;
}

std::int64_t count_rows(Database& db, const std::string& table) {
    return db.sql().execAndGet("SELECT count(*) FROM " + table).getInt64();
}

namespace {

std::vector<RunRef> load_run_refs(Database& db, const char* sql) {
    SQLite::Statement query(db.sql(), sql);
    std::vector<RunRef> refs;
    while (query.executeStep()) {
        refs.push_back(RunRef{query.getColumn(0).getInt64(), query.getColumn(1).getString(), query.getColumn(2).getString()});
    }
    return refs;
}

}  // namespace

std::vector<RunRef> load_runs_dropped_without_replacement(Database& db) {
    return load_run_refs(db, "SELECT run_id, contract_id, period FROM settlement_run WHERE is_current = 0 AND "
                             "replaced_by IS NULL ORDER BY run_id");
}

std::vector<RunRef> load_closed_runs_not_current(Database& db) {
    return load_run_refs(db, "SELECT r.run_id, r.contract_id, r.period FROM period_close c JOIN settlement_run r ON "
                             "r.run_id = c.run_id WHERE r.is_current = 0 ORDER BY r.run_id");
}

}  // namespace revshare::schema
