// The reports of issue 6 through `revshare report`, on the fixtures: exact content (golden
// files for 2026-04, the month with the mid-month amendment), lines.csv tying out to the
// statement in every period, and byte-identical output on rerun.
#include "tests/reports/report_test_support.hpp"

#include <set>

using namespace revshare::testing;
using namespace revshare::testing::reports;
using revshare::Decimal;

namespace {

const std::vector<std::string> report_names = {"statement.csv",      "net.csv",      "lines.csv",     "reconciliation.csv",
                                               "variance.csv",       "statement.html", "statement.xlsx"};

std::string report(const ScratchDir& dir, const std::string& period, const std::string& name, const std::string& out = "out") {
    return read_file(dir / (out + "/openai-microsoft/" + period + "/" + name));
}

// Import file paths differ between machines: the golden files name them from fixtures/ on.
std::string portable(std::string text) {
    const std::string prefix = fixtures_dir().string() + "/";
    for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) text.replace(at, prefix.size(), "fixtures/");
    return text;
}

}  // namespace

TEST_CASE("report 2026-04: every report equals its golden file, and writing it again is byte-identical") {
    ScratchDir dir;
    load_and_settle(dir);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-04 --out a", dir.path()).exit_code == 0);
    const auto second = run_revshare("--db r.db report --period 2026-04 --out b", dir.path());
    REQUIRE(second.exit_code == 0);
    CHECK(second.err == "");
    for (const auto& name : report_names) {
        CAPTURE(name);
        CHECK(report(dir, "2026-04", name, "a") == report(dir, "2026-04", name, "b"));
    }
    for (const std::string name : {"statement.csv", "net.csv"}) {
        CHECK(report(dir, "2026-04", name, "a") == read_file(fixtures_dir() / "expected/openai-microsoft/2026-04" / name));
    }
    for (const std::string name : {"lines.csv", "reconciliation.csv", "variance.csv", "statement.html"}) {
        check_golden(portable(report(dir, "2026-04", name, "a")), "2026-04/" + name);
    }
}

TEST_CASE("lines.csv: per statement row, the lines (minus the net_of shares) sum to the basis, in every fixture period") {
    ScratchDir dir;
    load_and_settle(dir);
    for (const auto& period : fixture_periods) {
        CAPTURE(period);
        REQUIRE(run_revshare("--db r.db --quiet report --period " + period + " --out out", dir.path()).exit_code == 0);
        std::map<std::pair<std::string, std::string>, std::pair<Decimal, std::int64_t>> sums;  // (version, rule)
        for (const auto& line : parse_csv(report(dir, period, "lines.csv"))) {
            auto& sum = sums[{line.at("version"), line.at("rule")}];
            sum.first += decimal(line.at("settlement_cost"));
            if (line.at("kind") == "net_of") continue;
            REQUIRE(line.at("kind") == "line");
            ++sum.second;
            // Conversion, checked independently: cost × fx_rate, or the cost itself in USD.
            const Decimal cost = line.at("cost").empty() ? Decimal() : decimal(line.at("cost"));
            const Decimal expected = line.at("fx_rate").empty() ? cost : cost * decimal(line.at("fx_rate"));
            CHECK(decimal(line.at("settlement_cost")) == expected);
            CHECK((line.at("cost_currency") == "USD") == line.at("fx_rate").empty());
        }
        const auto statement = parse_csv(report(dir, period, "statement.csv"));
        REQUIRE(!statement.empty());
        for (const auto& row : statement) {
            CAPTURE(row.at("rule"));
            REQUIRE(row.at("kind") == "current");  // no late data in the fixtures
            const auto& sum = sums[{row.at("version"), row.at("rule")}];
            CHECK(sum.first == decimal(row.at("basis")));
            CHECK(sum.second == std::stoll(row.at("lines")));
        }
        CHECK(sums.size() == statement.size());  // no line outside a statement row
    }
}

TEST_CASE("lines.csv: the net_of rule's basis shows the netted share as its own row") {
    ScratchDir dir;
    load_and_settle(dir);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-04 --out out", dir.path()).exit_code == 0);
    const std::string lines = report(dir, "2026-04", "lines.csv");
    CHECK(lines.find("\n2026-04,openai-microsoft,2026-04-28,2026-amendment,msft-share-all-clouds,openai,microsoft,net_of,"
                     ",,,,,,,,,,,,USD,-4574.22,aws-distribution-fee\n") != std::string::npos);
    // 81526.0163969287455 (basis) = 86100.2363969287455 (50 lines) - 4574.22 (aws-distribution-fee's share)
    Decimal lines_sum;
    for (const auto& line : parse_csv(lines)) {
        if (line.at("rule") == "msft-share-all-clouds" && line.at("kind") == "line") lines_sum += decimal(line.at("settlement_cost"));
    }
    CHECK(lines_sum.to_string() == "86100.2363969287455");
}
