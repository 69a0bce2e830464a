// Table scope_period (migration 0004): written by the importer with the lines, and filled
// from the lines already stored when an older database is migrated. Both must agree.
#include "tests/test_support.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace revshare::testing;

namespace {
const std::string scope_periods_sql =
    "SELECT group_concat(entry, ' ') FROM (SELECT scope_id || ':' || period_start || ':' || lines || ':' || "
    "first_line_id || '-' || last_line_id AS entry FROM scope_period ORDER BY scope_id, period_start)";
}

TEST_CASE("scope_period: the importer's rows equal what migration 0004 computes for an existing database") {
    ScratchDir dir;
    copy_fixture("exports/aws-cur/cur-2026-03.csv", dir.path());
    copy_fixture("exports/aws-cur/cur-2026-03.restated.csv", dir.path());
    copy_fixture("exports/azure-ea/ea-2026-04.csv", dir.path());
    const auto imported = run_revshare("--db r.db --quiet import cur-2026-03.csv ea-2026-04.csv cur-2026-03.restated.csv", dir.path());
    REQUIRE(imported.exit_code == 0);
    const std::string written = query_value(dir / "r.db", scope_periods_sql);
    CHECK(written.find(':') != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT sum(lines) FROM scope_period") == query_value(dir / "r.db", "SELECT count(*) FROM line"));
    // Every line lies in its entry's range.
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM line l JOIN scope_period p ON p.scope_id = l.scope_id AND "
                                    "l.line_id BETWEEN p.first_line_id AND p.last_line_id AND "
                                    "date(l.charge_period_start, 'unixepoch', 'start of month') = "
                                    "date(p.period_start, 'unixepoch')") ==
          query_value(dir / "r.db", "SELECT count(*) FROM line"));
    {
        // The database as version 3 left it: lines, no scope_period, the indexes that 0005 drops.
        SQLite::Database db((dir / "r.db").string(), SQLite::OPEN_READWRITE);
        db.exec("DROP TABLE scope_period");
        db.exec("CREATE INDEX line_by_charge_period ON line (charge_period_start)");
        db.exec("CREATE INDEX line_by_import ON line (import_id, source_line)");
        db.exec("PRAGMA user_version = 3");
    }
    const auto migrated = run_revshare("--db r.db imports", dir.path());
    REQUIRE(migrated.exit_code == 0);
    CHECK(query_value(dir / "r.db", "PRAGMA user_version") != "3");  // migrated (0004 and any later one)
    CHECK(query_value(dir / "r.db", scope_periods_sql) == written);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'line'") == "0");
}
