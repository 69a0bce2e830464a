// verify --deep: every import's stored lines and quarantined rows against its archived delivery
// read again by the same importer. A line of a month no run has settled is covered by no hash;
// this is what finds it edited, whichever table the edit went to.
#include "tests/app/late_data_support.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace revshare::testing;

namespace {

void tamper(const ScratchDir& dir, const std::string& sql) { edit_database(dir / "r.db", sql); }

std::string import_name(const ScratchDir& dir, const std::string& file) {
    const std::string id = query_value(dir / "r.db", "SELECT import_id FROM import WHERE file_name LIKE '%/" + file + "'");
    return "import " + id + " (" + query_value(dir / "r.db", "SELECT file_name FROM import WHERE import_id = " + id) + ")";
}

}  // namespace

TEST_CASE("verify --deep: the fixtures' stored lines and quarantined rows are what their deliveries give") {
    ScratchDir dir;
    closed_february_and_march(dir);
    const auto verified = run_revshare("--db r.db verify --deep", dir.path());
    CHECK(verified.exit_code == 0);
    CHECK(verified.out.find("every import's stored lines and quarantined rows are what its archived delivery gives;") !=
          std::string::npos);
    CHECK(run_revshare("--db r.db verify", dir.path()).out.find("archived delivery gives") == std::string::npos);
}

TEST_CASE("Tamper: a line of a month no run settled, edited in any table, is found by verify --deep alone") {
    ScratchDir dir;
    closed_february_and_march(dir);  // May is imported, never settled
    const std::string mca = import_name(dir, "mca-2026-05.csv");
    const std::string mca_id = query_value(dir / "r.db", "SELECT import_id FROM import WHERE file_name LIKE '%/mca-2026-05.csv'");
    const std::string first_line =
        query_value(dir / "r.db", "SELECT min(line_id) FROM line WHERE import_id = " + mca_id);
    const std::string source_line = query_value(dir / "r.db", "SELECT source_line FROM line WHERE line_id = " + first_line);
    const auto deep = [&] {
        const std::string problems = verify_problems(dir, " --deep");
        CHECK(problems.find("  " + mca + ": the stored lines are not what its archived delivery gives: ") != std::string::npos);
        return problems;
    };
    SUBCASE("a cost") {
        const std::string cost = query_value(dir / "r.db", "SELECT billed_cost FROM line WHERE line_id = " + first_line);
        tamper(dir, "UPDATE line SET billed_cost = '1', effective_cost = '1' WHERE line_id = " + first_line);
        CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);  // no hash covers an unsettled month
        CHECK(deep().find("line " + source_line + ": BilledCost is stored as '1', the delivery gives '" + cost + "'") !=
              std::string::npos);
    }
    SUBCASE("a text every line of a combination shares (text_value)") {
        tamper(dir, "UPDATE text_value SET value = 'Azure OpenAI (edited)' WHERE value = 'Azure OpenAI'");
        CHECK(deep().find("x_SkuMeterSubcategory is stored as 'Azure OpenAI (edited)', the delivery gives 'Azure OpenAI'") !=
              std::string::npos);
    }
    SUBCASE("a line pointed at another combination (line_dimensions), or its charge date moved") {
        tamper(dir, "UPDATE line SET charge_period_start = charge_period_start - 86400 WHERE line_id = " + first_line);
        CHECK(deep().find("line " + source_line + ": its charge period differs") != std::string::npos);
    }
    SUBCASE("a line added, with the import's counts made to agree") {
        tamper(dir, "INSERT INTO line (import_id, scope_id, source_line, charge_period_start, charge_period_end, dimensions_id, "
                    "billed_cost, effective_cost, list_cost, contracted_cost, consumed_quantity) SELECT import_id, scope_id, "
                    "99999, charge_period_start, charge_period_end, dimensions_id, billed_cost, effective_cost, list_cost, "
                    "contracted_cost, consumed_quantity FROM line WHERE line_id = " + first_line + "; "
                    "DROP TRIGGER IF EXISTS import_no_update; UPDATE import SET rows_imported = rows_imported + 1, "
                    "rows_read = rows_read + 1 WHERE import_id = " + mca_id);
        // Outside the line range its scope periods record, the line is read by nothing (settle,
        // report); the delivery's row count no longer matches the import's.
        CHECK(deep().find("the import says ") != std::string::npos);
    }
    SUBCASE("the import's format") {
        tamper(dir, "UPDATE import SET format = 'focus' WHERE import_id = " + mca_id);
        CHECK(verify_problems(dir, " --deep").find("  " + mca + ": its archived delivery is now refused as a whole: ") !=
              std::string::npos);
        tamper(dir, "UPDATE import SET format = 'nonsense' WHERE import_id = " + mca_id);
        CHECK(verify_problems(dir, " --deep")
                  .find("  " + mca + ": its format 'nonsense' is not one revshare reads (the import row was edited)") !=
              std::string::npos);
    }
    SUBCASE("the import's mapping version: the delivery is read again as that version maps it") {
        // Mapping 1 had no HostProviderName (nor `Hours` for `1 Hour`); the import was made by mapping 2.
        tamper(dir, "DROP TRIGGER IF EXISTS import_no_update; UPDATE import SET mapping = 1 WHERE import_id = " + mca_id);
        CHECK(deep().find("line " + source_line + ": HostProviderName is stored as 'Microsoft', the delivery gives ''") !=
              std::string::npos);
        tamper(dir, "UPDATE import SET mapping = 7 WHERE import_id = " + mca_id);
        CHECK(verify_problems(dir, " --deep")
                  .find("  " + mca + ": its mapping version 7 is not one revshare knows (the import row was edited)") !=
              std::string::npos);
    }
}

TEST_CASE("Tamper: a quarantined row's reason, bytes or existence, edited, is found by verify --deep") {
    ScratchDir dir;
    closed_february_and_march(dir);
    const std::string id = query_value(dir / "r.db", "SELECT import_id FROM quarantine ORDER BY quarantine_id LIMIT 1");
    const std::string row = query_value(dir / "r.db", "SELECT quarantine_id FROM quarantine ORDER BY quarantine_id LIMIT 1");
    const std::string name = "import " + id + " (" + query_value(dir / "r.db", "SELECT file_name FROM import WHERE import_id = " + id) + ")";
    for (const std::string& edit : {"UPDATE quarantine SET reason = 'fine' WHERE quarantine_id = " + row,
                                   "UPDATE quarantine SET raw = X'00' WHERE quarantine_id = " + row}) {
        tamper(dir, edit);
        const std::string problems = verify_problems(dir, " --deep");
        CHECK(problems.find("  " + name + ": the stored lines are not what its archived delivery gives: the quarantined row of "
                            "line ") != std::string::npos);
    }
}

TEST_CASE("Tamper: a line deleted, or a scope period's line range or count edited, is named by verify --deep (exit 1)") {
    ScratchDir dir;
    closed_february_and_march(dir);
    const std::string mca_id = query_value(dir / "r.db", "SELECT import_id FROM import WHERE file_name LIKE '%/mca-2026-05.csv'");
    SUBCASE("a line deleted") {
        tamper(dir, "DELETE FROM line WHERE line_id = (SELECT min(line_id) FROM line WHERE import_id = " + mca_id + ")");
        const auto verified = run_revshare("--db r.db verify --deep", dir.path());
        CHECK(verified.exit_code == 1);
        CHECK(verified.err == "");
        CHECK(verified.out.find(": the stored lines are not what its archived delivery gives: line 2 of the delivery is not "
                                "stored\n") != std::string::npos);
    }
    SUBCASE("a scope period's first line moved: settle would read fewer lines") {
        tamper(dir, "UPDATE scope_period SET first_line_id = first_line_id + 5 WHERE scope_id = (SELECT min(scope_id) FROM "
                    "import_scope WHERE import_id = " + mca_id + ")");
        CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);  // the range is what every reader trusts
        CHECK(verify_problems(dir, " --deep").find(" (or another line range): settle and report read the lines by that row's "
                                                   "range\n") != std::string::npos);
    }
    SUBCASE("a scope period deleted") {
        tamper(dir, "DELETE FROM scope_period WHERE scope_id = (SELECT min(scope_id) FROM import_scope WHERE import_id = " +
                        mca_id + ")");
        const std::string problems = verify_problems(dir, " --deep");
        CHECK(problems.find(" lines are stored, its scope_period row says 0") != std::string::npos);
        CHECK(problems.find(" lines are stored, import_scope.lines says ") != std::string::npos);
    }
}
