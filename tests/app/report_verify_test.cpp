// The line-detail invariant (issue 6 and 8): verify checks that every current statement row's
// basis is the sum of its lines; report refuses to write the line detail of a statement it
// cannot reproduce; adjustments for late data have no lines of their own in lines.csv.
#include "tests/app/late_data_support.hpp"
#include "tests/reports/report_test_support.hpp"

using namespace revshare::testing;
using namespace revshare::testing::reports;
using revshare::Decimal;

TEST_CASE("verify: a stored basis that is not the sum of its lines is named with the run, the row and both amounts") {
    ScratchDir dir;
    load_and_settle(dir);
    const auto clean = run_revshare("--db r.db verify", dir.path());
    CHECK(clean.exit_code == 0);
    CHECK(clean.out.find("; the statement bases of 4 current runs equal their lines\n") != std::string::npos);
    const std::string run_id = current_run_id(dir, "2026-04");
    execute_sql(dir / "r.db", "UPDATE statement_row SET basis = '81526.02' WHERE row_number = 4 AND run_id = " + run_id);
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK(verified.exit_code == 1);
    CHECK(verified.out == "verify: 1 problem:\n  run " + run_id +
                              " (openai-microsoft 2026-04) row 4 (2026-04-28 2026-amendment msft-share-all-clouds): "
                              "stored basis 81526.02, its lines sum to 86100.2363969287455 minus net_of shares 4574.22 = "
                              "81526.0163969287455\n");
    // The report cannot explain a statement it does not reproduce: nothing is written (exit 3).
    const auto reported = run_revshare("--db r.db report --period 2026-04 --out out", dir.path());
    CHECK(reported.exit_code == 3);
    CHECK(reported.err == run_not_reproduced_error(run_id, "2026-04"));
    CHECK(!std::filesystem::exists(dir / "out/openai-microsoft/2026-04/statement.csv"));
    CHECK(!std::filesystem::exists(dir / "out/openai-microsoft/2026-04/lines.csv"));
}

TEST_CASE("verify: a stored line count that differs from the lines matched is named too") {
    ScratchDir dir;
    load_and_settle(dir);
    const std::string run_id = current_run_id(dir, "2026-02");
    execute_sql(dir / "r.db", "UPDATE statement_row SET lines = 80 WHERE row_number = 1 AND run_id = " + run_id);
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK(verified.exit_code == 1);
    CHECK(verified.out == "verify: 1 problem:\n  run " + run_id +
                              " (openai-microsoft 2026-02) row 1 (2026-02-01 2023-extension msft-share-of-openai): "
                              "stored lines 80, 79 lines matched\n");
}

TEST_CASE("report: late data for closed periods are adjustment rows in statement.csv and not lines in lines.csv") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    settle_and_close(dir, "2026-02");
    settle_and_close(dir, "2026-03");
    REQUIRE(run_revshare("--db r.db import '" + (fixtures_dir() / "late/mca-late-2026-03.csv").string() + "'", dir.path())
                .exit_code == 0);
    REQUIRE(run_revshare("--db r.db settle --period 2026-04", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-04 --out out", dir.path()).exit_code == 0);
    const auto statement = parse_csv(read_file(dir / "out/openai-microsoft/2026-04/statement.csv"));
    std::map<std::pair<std::string, std::string>, Decimal> bases;
    std::size_t adjustments = 0;
    for (const auto& row : statement) {
        if (row.at("kind") == "adjustment") {
            ++adjustments;
            CHECK(row.at("for_period") == "2026-03");
            continue;
        }
        bases[{row.at("version"), row.at("rule")}] = decimal(row.at("basis"));
    }
    CHECK(adjustments == 2);
    std::map<std::pair<std::string, std::string>, Decimal> sums;
    for (const auto& line : parse_csv(read_file(dir / "out/openai-microsoft/2026-04/lines.csv"))) {
        CHECK(line.at("period") == "2026-04");
        if (line.at("kind") == "line") CHECK(line.at("charge_period_start").rfind("2026-04-", 0) == 0);
        sums[{line.at("version"), line.at("rule")}] += decimal(line.at("settlement_cost"));
    }
    CHECK(sums == bases);
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
    const std::string html = read_file(dir / "out/openai-microsoft/2026-04/statement.html");
    CHECK(html.find("<h2>Adjustments for closed periods</h2><table class=\"adjustment\">") != std::string::npos);
}
