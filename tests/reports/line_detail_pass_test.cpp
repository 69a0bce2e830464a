// The line-detail pass (issue 7): the report's recomputation reads each line once and writes
// its lines.csv rows with the stored run's row cells, so a recomputation that matches a line
// to a row the run did not store stops the report before anything is written.
#include "tests/app/late_data_support.hpp"
#include "tests/reports/report_test_support.hpp"

using namespace revshare::testing;
using namespace revshare::testing::reports;

TEST_CASE("report: a run missing a current row its lines match is not reproduced, and nothing is written (exit 3)") {
    ScratchDir dir;
    load_and_settle(dir);
    const std::string run_id = current_run_id(dir, "2026-04");
    // April's last current row is msft-share-all-clouds of the 2026 amendment: 50 lines match it.
    CHECK(query_value(dir / "r.db", "SELECT rule_id || ' ' || lines FROM statement_row WHERE kind = 'current' AND run_id = " +
                                        run_id + " ORDER BY row_number DESC LIMIT 1") == "msft-share-all-clouds 50");
    // The row goes with its two journal entries, so that the stored statement is still well formed.
    execute_sql(dir / "r.db", "DELETE FROM statement_row WHERE kind = 'current' AND rule_id = 'msft-share-all-clouds' AND run_id = " +
                                  run_id + "; DELETE FROM journal_entry WHERE rule_id = 'msft-share-all-clouds' AND run_id = " + run_id);
    const auto reported = run_revshare("--db r.db report --period 2026-04 --out out", dir.path());
    CHECK(reported.exit_code == 3);
    CHECK(reported.err == run_not_reproduced_error(run_id, "2026-04"));
    CHECK(!std::filesystem::exists(dir / "out/openai-microsoft/2026-04/lines.csv"));
    CHECK(std::filesystem::is_empty(dir / "out/openai-microsoft/2026-04"));  // no temporary left behind
}
