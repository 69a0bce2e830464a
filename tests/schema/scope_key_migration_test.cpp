// Migration 0009 (scope keys): a database whose scopes were keyed by the billing account as
// delivered keeps counting exactly the same lines, and from then on supersedes as a new one.
#include "tests/app/export_rows.hpp"
#include "tests/app/late_data_support.hpp"
#include "tests/hardening/hardening_support.hpp"
#include "tests/schema/schema_before.hpp"
#include "tests/test_support.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace revshare::testing;
using revshare::testing::hardening::query_digest;

namespace {

// Puts import_scope back as migrations 0001-0007 left it, in the state the importer then wrote:
// one scope per import for every line without a billing account (key ''), keyed by the
// billing account as delivered otherwise, and each '' scope superseded by the next import with one.
void restore_scopes_before_0009(const std::filesystem::path& db_path) {
    SQLite::Database db(db_path.string(), SQLite::OPEN_READWRITE);
    // One scope per import for the lines without a billing account (the importer merged them).
    db.exec("UPDATE line SET scope_id = (SELECT min(s.scope_id) FROM import_scope s WHERE s.import_id = line.import_id "
            "AND s.key_column = 'SubAccountId') WHERE scope_id IN (SELECT scope_id FROM import_scope WHERE key_column = 'SubAccountId')");
    db.exec("DELETE FROM scope_period");
    db.exec("INSERT INTO scope_period SELECT scope_id, CAST(strftime('%s', charge_period_start, 'unixepoch', 'start of month') "
            "AS INTEGER), count(*), min(line_id), max(line_id) FROM line GROUP BY 1, 2");
    db.exec("DELETE FROM import_scope WHERE key_column = 'SubAccountId' AND scope_id NOT IN (SELECT scope_id FROM line)");
    db.exec("UPDATE import_scope SET lines = (SELECT count(*) FROM line WHERE line.scope_id = import_scope.scope_id)");
    restore_import_scope_before_0009(db);
    db.exec("UPDATE import_scope SET superseded_by = (SELECT min(o.import_id) FROM import_scope o WHERE o.billing_account_id = '' "
            "AND o.import_id > import_scope.import_id) WHERE billing_account_id = ''");
    db.exec("PRAGMA user_version = 8");
}

const std::string counted_sql =
    "SELECT l.line_id, l.billed_cost, s.superseded_by IS NULL FROM line l JOIN import_scope s ON s.scope_id = l.scope_id "
    "ORDER BY l.line_id";

std::string current_costs(const std::filesystem::path& db) {
    return query_value(db, "SELECT group_concat(BilledCost, ' ') FROM (SELECT BilledCost FROM normalised_line "
                           "WHERE is_current ORDER BY line_id)");
}

}  // namespace

TEST_CASE("migration 0009: scopes without a billing account become one per sub-account; what counts is unchanged") {
    ScratchDir dir;
    const ExportFormat mca = export_format("azure-mca");
    const std::string account = "3C100A8A-215E-5A7E-24B2-61AA86945012";
    write_file(dir / "a.csv", mca.file({{"", mca.sub_account("1"), "10.5"}}));
    write_file(dir / "b.csv", mca.file({{"", mca.sub_account("2"), "2.25"}}));
    write_file(dir / "c.csv", mca.file({{"", mca.sub_account("3"), "1"}, {"", mca.sub_account("4"), "3"}, {"", mca.sub_account("3"), "4"}}));
    write_file(dir / "d.csv", mca.file({{account, mca.sub_account("5"), "5"}}));
    REQUIRE(run_revshare("--db r.db --quiet import a.csv b.csv c.csv d.csv", dir.path()).exit_code == 0);
    restore_scopes_before_0009(dir / "r.db");
    const auto db = dir / "r.db";
    // The old state: every export without a billing account superseded the one before.
    const std::string counted = query_digest(db, counted_sql);
    CHECK(query_value(db, "SELECT group_concat(billed_cost, ' ') FROM (SELECT billed_cost FROM line l JOIN import_scope s "
                          "ON s.scope_id = l.scope_id WHERE s.superseded_by IS NULL ORDER BY line_id)") == "1 3 4 5");

    const auto migrated = run_revshare("--db r.db verify", dir.path());
    CHECK(migrated.exit_code == 0);
    CHECK(query_value(db, "PRAGMA user_version") == "18");
    CHECK(query_digest(db, counted_sql) == counted);
    CHECK(current_costs(db) == "1 3 4 5");
    const std::string sub = "SubAccountId SubAccountId=/subscriptions/2639de71-ca37-4a17-a104-17665a50e7f";
    CHECK(query_value(db, "SELECT group_concat(scope_id || ' ' || import_id || ' ' || key_column || ' ' || scope_key || ' ' "
                          "|| key_text || ' ' || lines || ' ' || coalesce(superseded_by, '-'), '; ') FROM "
                          "(SELECT * FROM import_scope ORDER BY scope_id)") ==
          "1 1 " + sub + "1 /subscriptions/2639DE71-CA37-4A17-A104-17665A50E7F1 1 2; "
          "2 2 " + sub + "2 /subscriptions/2639DE71-CA37-4A17-A104-17665A50E7F2 1 3; "
          "3 3 " + sub + "3 /subscriptions/2639DE71-CA37-4A17-A104-17665A50E7F3 2 -; "
          "5 4 BillingAccountId BillingAccountId=/providers/microsoft.billing/billingaccounts/"
          "3c100a8a-215e-5a7e-24b2-61aa86945012/billingprofiles/p1 /providers/Microsoft.Billing/billingAccounts/" + account +
          "/billingProfiles/P1 1 -; "
          "6 3 " + sub + "4 /subscriptions/2639DE71-CA37-4A17-A104-17665A50E7F4 1 -");
    // scope_period as the importer writes it: per scope and month, its lines and their range.
    CHECK(query_value(db, "SELECT group_concat(scope_id || ':' || lines || ':' || first_line_id || '-' || last_line_id, ' ') "
                          "FROM (SELECT * FROM scope_period ORDER BY scope_id)") == "1:1:1-1 2:1:2-2 3:2:3-5 5:1:6-6 6:1:4-4");

    // From now on a restatement replaces its own sub-account's lines, and a case variant replaces.
    write_file(dir / "c2.csv", mca.file({{"", mca.sub_account("3"), "1.5"}, {"", mca.sub_account("4"), "3.5"}}));
    const auto restated = run_revshare("--db r.db import c2.csv", dir.path());
    CHECK(restated.out.find("  supersedes import 3 (c.csv) for Microsoft sub-account /subscriptions/2639DE71-CA37-4A17-A104-"
                            "17665A50E7F3 (no billing account), billing period 2026-03: its 2 lines no longer count\n"
                            "  supersedes import 3 (c.csv) for Microsoft sub-account /subscriptions/2639DE71-CA37-4A17-A104-"
                            "17665A50E7F4 (no billing account), billing period 2026-03: its 1 lines no longer count\n") !=
          std::string::npos);
    write_file(dir / "d2.csv", mca.file({{"3c100a8a-215e-5a7e-24b2-61aa86945012", mca.sub_account("5"), "6"}}));
    CHECK(run_revshare("--db r.db import d2.csv", dir.path()).out.find("  supersedes import 4 (d.csv)") != std::string::npos);
    write_file(dir / "b2.csv", mca.file({{"", mca.sub_account("2"), "2.5"}}));
    CHECK(run_revshare("--db r.db import b2.csv", dir.path()).out.find("supersedes") == std::string::npos);
    CHECK(current_costs(db) == "1.5 3.5 6 2.5");
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
}

TEST_CASE("migration 0009: a settled and closed database keeps verifying, settling and reporting the same") {
    ScratchDir dir;
    const auto& now = revshare::testing::hardening::fixed_now;
    load_fixtures_without_restated(dir);
    for (const std::string period : {"2026-02", "2026-03"}) settle_and_close(dir, period);
    REQUIRE(run_revshare("--db r.db settle --period 2026-05", dir.path(), now).exit_code == 0);
    REQUIRE(run_revshare("--db r.db report --period 2026-04 --out before", dir.path(), now).exit_code == 0);
    const auto db = dir / "r.db";
    const std::string current_runs_sql = "SELECT period, inputs_sha256 FROM settlement_run WHERE is_current ORDER BY period";
    const std::string runs = query_digest(db, current_runs_sql);
    {
        SQLite::Database database(db.string(), SQLite::OPEN_READWRITE);
        restore_import_scope_before_0009(database);
        database.exec("PRAGMA user_version = 8");
    }
    migrate_runs_settled_by_this_build(db);
    const auto verified = run_revshare("--db r.db verify", dir.path(), now);
    CHECK(verified.exit_code == 0);
    CHECK(query_value(db, "PRAGMA user_version") == "18");
    CHECK(query_value(db, "SELECT count(*) FROM import_scope WHERE key_column <> 'BillingAccountId'") == "0");
    // Settled again, every run has the inputs it had (their fingerprint names the scope ids).
    CHECK(run_revshare("--db r.db settle --period 2026-05", dir.path(), now).exit_code == 0);
    CHECK(query_digest(db, current_runs_sql) == runs);
    REQUIRE(run_revshare("--db r.db report --period 2026-04 --out after", dir.path(), now).exit_code == 0);
    CHECK(revshare::testing::hardening::files_under(dir / "after") == revshare::testing::hardening::files_under(dir / "before"));
}
