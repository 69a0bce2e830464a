// A scope's supersession decides which delivery of it counts. Edited by hand, it hides lines
// from a settlement or counts them twice while every hash still holds: verify names it and
// settle (so nightly and compare) refuses to settle with it.
#include "tests/app/late_data_support.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace revshare::testing;

namespace {

void tamper(const ScratchDir& dir, const std::string& sql) { edit_database(dir / "r.db", sql); }

}  // namespace

TEST_CASE("Tamper: a supersession cleared, pointed back, or pointed elsewhere: verify names it, settle refuses (exit 3)") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    const auto restated = run_revshare("--db r.db import '" + (fixtures_dir() / "exports/aws-cur/cur-2026-03.restated.csv").string() +
                                           "'",
                                       dir.path());
    REQUIRE(restated.exit_code <= 1);
    const std::string old_id =
        query_value(dir / "r.db", "SELECT import_id FROM import WHERE file_name LIKE '%/cur-2026-03.csv'");
    const std::string new_id =
        query_value(dir / "r.db", "SELECT import_id FROM import WHERE file_name LIKE '%/cur-2026-03.restated.csv'");
    const std::string scope =
        query_value(dir / "r.db", "SELECT min(scope_id) FROM import_scope WHERE superseded_by = " + new_id);
    REQUIRE(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
    const std::string name = "scope " + scope + " of import " + old_id;
    const auto refused = [&](const std::string& problem) {
        const auto settled = run_revshare("--db r.db settle --period 2026-03", dir.path());
        CHECK(settled.exit_code == 3);
        CHECK(settled.err == "revshare: error: settle: " + problem + ": nothing is settled; run revshare verify\n");
    };
    SUBCASE("cleared: both deliveries count") {
        tamper(dir, "UPDATE import_scope SET superseded_by = NULL WHERE scope_id = " + scope);
        const std::string problem = name + ": still counts, although import " + new_id +
                                    " delivered the same scope later (import_scope.superseded_by was cleared): its lines are "
                                    "counted twice";
        CHECK(verify_problems(dir).find("  " + problem + "\n") != std::string::npos);
        refused(problem);
    }
    SUBCASE("pointed at an earlier import, or one that does not exist") {
        for (const std::string& to : {std::string("1"), std::string("999")}) {
            tamper(dir, "UPDATE import_scope SET superseded_by = " + to + " WHERE scope_id = " + scope);
            const std::string problem = name + ": superseded by import " + to +
                                        ", which is not a later delivery in this database (import_scope.superseded_by was "
                                        "edited): its lines no longer count";
            CHECK(verify_problems(dir).find("  " + problem + "\n") != std::string::npos);
            refused(problem);
        }
    }
    SUBCASE("the restatement's own scope marked superseded by a later, unrelated import") {
        const std::string later = query_value(dir / "r.db", "SELECT max(import_id) FROM import");
        REQUIRE(later == new_id);  // the restatement is the latest: nothing later can supersede it
        tamper(dir, "UPDATE import_scope SET superseded_by = " + old_id + " WHERE import_id = " + new_id);
        CHECK(verify_problems(dir).find(": which is not a later delivery") == std::string::npos);
        CHECK(verify_problems(dir).find(", which is not a later delivery in this database") != std::string::npos);
    }
}
