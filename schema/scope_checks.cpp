#include "schema/scope_checks.hpp"

#include "schema/event_queries.hpp"

#include <SQLiteCpp/Statement.h>

namespace revshare::schema {
namespace {

constexpr int problems_named = 20;

std::string scope_name(std::int64_t scope_id, std::int64_t import_id) {
    return "scope " + std::to_string(scope_id) + " of import " + std::to_string(import_id);
}

}  // namespace

std::vector<std::string> supersession_problems(Database& db) {
    std::vector<std::string> problems;
    SQLite::Statement later(db.sql(),
                            "SELECT s.scope_id, s.import_id, s.superseded_by FROM import_scope s WHERE s.superseded_by IS NOT "
                            "NULL AND (s.superseded_by <= s.import_id OR NOT EXISTS (SELECT 1 FROM import i WHERE i.import_id "
                            "= s.superseded_by)) ORDER BY s.scope_id LIMIT ?");
    later.bind(1, problems_named);
    while (later.executeStep()) {
        problems.push_back(scope_name(later.getColumn(0).getInt64(), later.getColumn(1).getInt64()) +
                           ": superseded by import " + std::to_string(later.getColumn(2).getInt64()) +
                           ", which is not a later delivery in this database (import_scope.superseded_by was edited): its "
                           "lines no longer count");
    }
    SQLite::Statement first(db.sql(),
                            "SELECT s.scope_id, s.import_id, s.superseded_by, min(l.import_id) FROM import_scope s JOIN "
                            "import_scope l ON l.provider_name = s.provider_name AND l.scope_key = s.scope_key AND "
                            "l.billing_period_start = s.billing_period_start AND l.import_id > s.import_id GROUP BY s.scope_id "
                            "HAVING s.superseded_by IS NULL ORDER BY s.scope_id LIMIT ?");
    first.bind(1, problems_named);
    while (first.executeStep()) {
        const std::string expected = std::to_string(first.getColumn(3).getInt64());
        problems.push_back(scope_name(first.getColumn(0).getInt64(), first.getColumn(1).getInt64()) +
                           ": still counts, although import " + expected + " delivered the same scope later "
                           "(import_scope.superseded_by was cleared): its lines are counted twice");
    }
    // The seller feeds supersede per event instead (formats.md S4).
    for (auto& problem : event_problems(db, problems_named)) problems.push_back(std::move(problem));
    return problems;
}

std::vector<std::string> scope_period_problems(Database& db) {
    std::vector<std::string> problems;
    SQLite::Statement periods(
        db.sql(),
        "WITH derived AS (SELECT scope_id, CAST(strftime('%s', charge_period_start, 'unixepoch', 'start of month') AS "
        "INTEGER) AS period_start, count(*) AS lines, min(line_id) AS first_id, max(line_id) AS last_id FROM line GROUP BY 1, "
        "2) SELECT coalesce(d.scope_id, p.scope_id), coalesce(d.period_start, p.period_start), coalesce(d.lines, 0), "
        "coalesce(p.lines, 0), d.first_id, d.last_id, p.first_line_id, p.last_line_id FROM derived d FULL OUTER JOIN "
        "scope_period p ON p.scope_id = d.scope_id AND p.period_start = d.period_start WHERE d.scope_id IS NULL OR "
        "p.scope_id IS NULL OR d.lines <> p.lines OR d.first_id <> p.first_line_id OR d.last_id <> p.last_line_id "
        "ORDER BY 1, 2 LIMIT ?");
    periods.bind(1, problems_named);
    while (periods.executeStep()) {
        problems.push_back("scope " + std::to_string(periods.getColumn(0).getInt64()) + ", month starting at " +
                           std::to_string(periods.getColumn(1).getInt64()) + " s: " +
                           std::to_string(periods.getColumn(2).getInt64()) + " lines are stored, its scope_period row says " +
                           std::to_string(periods.getColumn(3).getInt64()) +
                           " (or another line range): settle and report read the lines by that row's range");
    }
    // Each scope's count against its scope periods' (checked against the lines just above).
    SQLite::Statement scopes(db.sql(),
                             "SELECT s.scope_id, s.import_id, s.lines, (SELECT coalesce(sum(p.lines), 0) FROM scope_period p "
                             "WHERE p.scope_id = s.scope_id) AS stored FROM import_scope s WHERE s.lines <> stored ORDER BY "
                             "s.scope_id LIMIT ?");
    scopes.bind(1, problems_named);
    while (scopes.executeStep()) {
        problems.push_back(scope_name(scopes.getColumn(0).getInt64(), scopes.getColumn(1).getInt64()) + ": " +
                           std::to_string(scopes.getColumn(3).getInt64()) + " lines are stored, import_scope.lines says " +
                           std::to_string(scopes.getColumn(2).getInt64()));
    }
    return problems;
}

}  // namespace revshare::schema
