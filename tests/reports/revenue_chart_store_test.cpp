// statement.html's revenue chart (issue 7): settle stores each run's matched revenue by
// provider (migration 0006) so the report reads the earlier periods' instead of recomputing
// their lines; the stored figures are the lines' (each matched line once), a run stored before
// 0006 is recomputed to the same page, and a stored figure that is not its lines' stops the report.
#include "tests/app/late_data_support.hpp"
#include "tests/reports/report_test_support.hpp"

#include <set>

using namespace revshare::testing;
using namespace revshare::testing::reports;
using revshare::Decimal;

namespace {

std::string html(const ScratchDir& dir, const std::string& out, const std::string& period) {
    return read_file(dir / (out + "/openai-microsoft/" + period + "/statement.html"));
}

}  // namespace

TEST_CASE("settle stores each run's matched revenue by provider: each matched line of lines.csv once, to the digit") {
    ScratchDir dir;
    load_and_settle(dir);
    for (const auto& period : fixture_periods) {
        CAPTURE(period);
        REQUIRE(run_revshare("--db r.db --quiet report --period " + period + " --out out", dir.path()).exit_code == 0);
        std::map<std::string, Decimal> from_lines;
        std::set<std::string> seen;
        for (const auto& line : parse_csv(read_file(dir / ("out/openai-microsoft/" + period + "/lines.csv")))) {
            if (line.at("kind") != "line" || !seen.insert(line.at("line_id")).second) continue;
            from_lines[line.at("provider")] += decimal(line.at("settlement_cost"));
        }
        REQUIRE(!from_lines.empty());
        const std::string run = "(SELECT run_id FROM settlement_run WHERE period = '" + period + "' AND is_current = 1)";
        CHECK(query_value(dir / "r.db", "SELECT count(*) FROM run_revenue_stored WHERE run_id = " + run) == "1");
        CHECK(query_value(dir / "r.db", "SELECT count(*) FROM run_provider_revenue WHERE run_id = " + run) ==
              std::to_string(from_lines.size()));
        for (const auto& [provider_name, revenue] : from_lines) {
            const std::string& provider = provider_name;  // (clang 14's lambdas, CAPTURE's, cannot capture a structured binding)
            CAPTURE(provider);
            CHECK(decimal(query_value(dir / "r.db", "SELECT revenue FROM run_provider_revenue WHERE run_id = " + run +
                                                        " AND provider_name = '" + provider + "'")) == revenue);
        }
    }
    // April's chart row, exactly: Azure OpenAI and AWS Bedrock lines matched by the 2023 and 2026 rules.
    CHECK(query_value(dir / "r.db", "SELECT group_concat(provider_name || '=' || revenue, '; ') FROM (SELECT * FROM "
                                    "run_provider_revenue WHERE run_id = (SELECT run_id FROM settlement_run WHERE period = "
                                    "'2026-04' AND is_current = 1) ORDER BY provider_name)") == "AWS=30494.827533375; Microsoft=154985.261017528391414");
}

TEST_CASE("statement.html: runs stored before migration 0006 are recomputed for the chart, to the same page") {
    ScratchDir dir;
    load_and_settle(dir);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-05 --out stored", dir.path()).exit_code == 0);
    execute_sql(dir / "r.db", "DELETE FROM run_provider_revenue; DELETE FROM run_revenue_stored");
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-05 --out recomputed", dir.path()).exit_code == 0);
    CHECK(html(dir, "stored", "2026-05") == html(dir, "recomputed", "2026-05"));
    // The chart shows the earlier months: April's Microsoft revenue, to the digit.
    CHECK(html(dir, "recomputed", "2026-05").find("154985.261017528391414") != std::string::npos);
}

TEST_CASE("report: a stored revenue by provider that is not the sum of the run's matched lines stops the report (exit 3)") {
    ScratchDir dir;
    load_and_settle(dir);
    const std::string run_id = current_run_id(dir, "2026-04");
    execute_sql(dir / "r.db", "UPDATE run_provider_revenue SET revenue = '1' WHERE run_id = " + run_id);
    const auto reported = run_revshare("--db r.db report --period 2026-04 --out out", dir.path());
    CHECK(reported.exit_code == 3);
    CHECK(reported.err == "revshare: error: internal invariant failed: the matched revenue by provider stored with run " +
                              run_id + " (openai-microsoft 2026-04) is not the sum of its matched lines\n");
    CHECK(!std::filesystem::exists(dir / "out/openai-microsoft/2026-04/statement.csv"));
}
