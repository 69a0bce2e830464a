// ytd.csv (written by `report`) and `revshare summary --year` end to end: exact content for the
// journal fixture (a closed March, a draft April posting March's negative adjustment, a memo
// rule, a JPY contract), a missing month in the middle, a contract year starting in July, the
// refusals, and on the demo's fixture periods totals that equal the sum of the statements'
// rows, summed here independently.
#include "tests/app/journal_support.hpp"
#include "tests/reports/report_test_support.hpp"

#include <doctest/doctest.h>

#include <map>
#include <tuple>

using namespace revshare::testing;
using namespace revshare::testing::journal;
using revshare::Decimal;

namespace {

CommandResult run(const ScratchDir& dir, const std::string& arguments) {
    return run_revshare("--db r.db " + arguments, dir.path());
}

void report(const ScratchDir& dir, const std::string& period, const std::string& contract = "") {
    const auto result = run(dir, "--quiet report --period " + period + (contract.empty() ? "" : " --contract " + contract) +
                                     " --out out");
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
}

const std::string summary_header =
    "contract,currency,row,kind,rule,payer,payee,owed,2026-01,2026-02,2026-03,2026-04,2026-05,2026-06,2026-07,2026-08,"
    "2026-09,2026-10,2026-11,2026-12,Q1 2026-01..2026-03,Q2 2026-04..2026-06,Q3 2026-07..2026-09,Q4 2026-10..2026-12,"
    "year 2026-01..2026-12\n";

const std::string ytd_header =
    "period,contract,year_start,currency,kind,rule,payer,payee,owed,rows,lines,basis,share,periods,missing_periods\n";

}  // namespace

TEST_CASE("report writes ytd.csv: the contract year to date per rule and pair, adjustments where posted") {
    ScratchDir dir;
    set_up(dir);
    report(dir, "2026-03");
    const auto printed = run(dir, "report --period 2026-04 --contract jx --out out");
    REQUIRE(printed.exit_code == 0);
    CHECK(printed.out.find("wrote out/jx/2026-04/: statement.csv, net.csv, lines.csv, reconciliation.csv, variance.csv, "
                           "statement.html, statement.xlsx, ytd.csv\n") != std::string::npos);
    CHECK(printed.out.find("note:") == std::string::npos);  // January and February count as closed (before March's close)
    report(dir, "2026-04", "jx-yen");
    const std::string states = "2026-01=closed-no-run;2026-02=closed-no-run;2026-03=closed;2026-04=draft,";
    CHECK(read_file(dir / "out/jx/2026-04/ytd.csv") ==
          ytd_header + "2026-04,jx,2026-01,USD,current,aws-fee,openai,aws,false,2,2,3000.00,90.00," + states + "\n" +
              "2026-04,jx,2026-01,USD,current,msft-share,openai,microsoft,true,2,2,2910.00,582.00," + states + "\n" +
              "2026-04,jx,2026-01,USD,current,openai-share,microsoft,openai,true,2,2,800.00,80.00," + states + "\n" +
              "2026-04,jx,2026-01,USD,adjustment,aws-fee,openai,aws,false,1,1,-400.00,-12.00," + states + "\n" +
              "2026-04,jx,2026-01,USD,adjustment,msft-share,openai,microsoft,true,1,1,-388.00,-77.60," + states + "\n");
    CHECK(read_file(dir / "out/jx-yen/2026-04/ytd.csv") ==
          ytd_header + "2026-04,jx-yen,2026-01,JPY,current,yen-share,openai,aws-jp,true,2,1,12345,1234," + states + "\n");
    CHECK(read_file(dir / "out/jx/2026-03/ytd.csv") ==
          ytd_header +
              "2026-03,jx,2026-01,USD,current,aws-fee,openai,aws,false,1,1,1000.00,30.00,2026-01=closed-no-run;2026-02=closed-no-run;2026-03=closed,\n"
              "2026-03,jx,2026-01,USD,current,msft-share,openai,microsoft,true,1,1,970.00,194.00,2026-01=closed-no-run;2026-02=closed-no-run;2026-03=closed,\n"
              "2026-03,jx,2026-01,USD,current,openai-share,microsoft,openai,true,1,1,500.00,50.00,2026-01=closed-no-run;2026-02=closed-no-run;2026-03=closed,\n");
}

TEST_CASE("summary --year: periods x rules, quarters, the year and the nets; months not settled named as missing") {
    ScratchDir dir;
    set_up(dir);
    const auto result = run(dir, "summary --year 2026 --out sum");
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    const std::string missing = "2026-05;2026-06;2026-07;2026-08;2026-09;2026-10;2026-11;2026-12";
    CHECK(result.out == "wrote sum/jx/summary-2026.csv: jx 2026-01..2026-12, 2 of 12 periods settled; missing " + missing +
                            "\nwrote sum/jx-yen/summary-2026.csv: jx-yen 2026-01..2026-12, 2 of 12 periods settled; missing " +
                            missing + "\n");
    const std::string state =
        ",,state,,,,,,closed-no-run,closed-no-run,closed,draft,missing,missing,missing,missing,missing,missing,missing,"
        "missing,complete,missing 2026-05;2026-06,missing 2026-07;2026-08;2026-09,missing 2026-10;2026-11;2026-12,missing " +
        missing + "\n";
    CHECK(read_file(dir / "sum/jx/summary-2026.csv") ==
          summary_header + "jx" + state +
              "jx,USD,share,current,aws-fee,openai,aws,false,,,30.00,60.00,,,,,,,,,30.00,60.00,,,90.00\n"
              "jx,USD,share,current,msft-share,openai,microsoft,true,,,194.00,388.00,,,,,,,,,194.00,388.00,,,582.00\n"
              "jx,USD,share,current,openai-share,microsoft,openai,true,,,50.00,30.00,,,,,,,,,50.00,30.00,,,80.00\n"
              "jx,USD,share,adjustment,aws-fee,openai,aws,false,,,,-12.00,,,,,,,,,,-12.00,,,-12.00\n"
              "jx,USD,share,adjustment,msft-share,openai,microsoft,true,,,,-77.60,,,,,,,,,,-77.60,,,-77.60\n"
              "jx,USD,net,,,openai,microsoft,,,,144.00,280.40,,,,,,,,,144.00,280.40,,,424.40\n");
    CHECK(read_file(dir / "sum/jx-yen/summary-2026.csv") ==
          summary_header + "jx-yen" + state +
              "jx-yen,JPY,share,current,yen-share,openai,aws-jp,true,,,0,1234,,,,,,,,,0,1234,,,1234\n"
              "jx-yen,JPY,net,,,openai,aws-jp,,,,,1234,,,,,,,,,,1234,,,1234\n");
    // Written again: the same bytes.
    REQUIRE(run(dir, "--quiet summary --year 2026 --out again").exit_code == 0);
    CHECK(read_file(dir / "again/jx/summary-2026.csv") == read_file(dir / "sum/jx/summary-2026.csv"));
}

TEST_CASE("a month missing in the middle of the year, and a contract year that starts in July") {
    ScratchDir dir;
    set_up(dir);
    write_file(dir / "aws-07.csv", focus_delivery("700.00", "USD", "2026-07", "2026-08", "AWS", "ba-1"));
    std::string july = jx_contract;
    july.replace(july.find("id       = \"jx\""), 15, "id       = \"jx-july\"");
    july.replace(july.find("currency = \"USD\"\n"), 17, "currency = \"USD\"\nyear_start_month = 7\n");
    write_file(dir / "jx-july.toml", july);
    run_ok("contract add jx-july.toml", dir);
    run_ok("settle --period 2026-04 --contract jx-july", dir);  // and its March
    run_ok("import aws-07.csv", dir);
    run_ok("settle --period 2026-07 --contract jx", dir);       // May and June have no lines: never settled

    const auto printed = run(dir, "report --period 2026-07 --contract jx --out out");
    REQUIRE(printed.exit_code == 0);
    CHECK(printed.out.find("\nnote: ytd.csv: no statement for 2026-05;2026-06 (never settled)\n") != std::string::npos);
    const std::string states = "2026-01=closed-no-run;2026-02=closed-no-run;2026-03=closed;2026-04=draft;2026-05=missing;"
                               "2026-06=missing;2026-07=draft,2026-05;2026-06\n";
    CHECK(read_file(dir / "out/jx/2026-07/ytd.csv") ==
          ytd_header + "2026-07,jx,2026-01,USD,current,aws-fee,openai,aws,false,3,3,3700.00,111.00," + states +
              "2026-07,jx,2026-01,USD,current,msft-share,openai,microsoft,true,3,3,3589.00,717.80," + states +
              "2026-07,jx,2026-01,USD,current,openai-share,microsoft,openai,true,3,2,800.00,80.00," + states +
              "2026-07,jx,2026-01,USD,adjustment,aws-fee,openai,aws,false,1,1,-400.00,-12.00," + states +
              "2026-07,jx,2026-01,USD,adjustment,msft-share,openai,microsoft,true,1,1,-388.00,-77.60," + states);

    report(dir, "2026-04", "jx-july");
    const std::string july_states =
        "2025-07=before-contract;2025-08=before-contract;2025-09=before-contract;2025-10=before-contract;"
        "2025-11=before-contract;2025-12=before-contract;2026-01=missing;2026-02=missing;2026-03=draft;2026-04=draft,"
        "2026-01;2026-02\n";
    CHECK(read_file(dir / "out/jx-july/2026-04/ytd.csv") ==
          ytd_header + "2026-04,jx-july,2025-07,USD,current,aws-fee,openai,aws,false,2,3,2600.00,78.00," + july_states +
              "2026-04,jx-july,2025-07,USD,current,msft-share,openai,microsoft,true,2,3,2522.00,504.40," + july_states +
              "2026-04,jx-july,2025-07,USD,current,openai-share,microsoft,openai,true,2,2,800.00,80.00," + july_states);

    const auto summary = run(dir, "summary --year 2025 --contract jx-july --out sum");
    REQUIRE_MESSAGE(summary.exit_code == 0, summary.err);
    CHECK(summary.out == "wrote sum/jx-july/summary-2025.csv: jx-july 2025-07..2026-06, 2 of 12 periods settled; missing "
                         "2026-01;2026-02;2026-05;2026-06\n");
    CHECK(read_file(dir / "sum/jx-july/summary-2025.csv") ==
          "contract,currency,row,kind,rule,payer,payee,owed,2025-07,2025-08,2025-09,2025-10,2025-11,2025-12,2026-01,"
          "2026-02,2026-03,2026-04,2026-05,2026-06,Q1 2025-07..2025-09,Q2 2025-10..2025-12,Q3 2026-01..2026-03,"
          "Q4 2026-04..2026-06,year 2025-07..2026-06\n"
          "jx-july,,state,,,,,,before-contract,before-contract,before-contract,before-contract,before-contract,"
          "before-contract,missing,missing,draft,draft,missing,missing,complete,complete,missing 2026-01;2026-02,"
          "missing 2026-05;2026-06,missing 2026-01;2026-02;2026-05;2026-06\n"
          "jx-july,USD,share,current,aws-fee,openai,aws,false,,,,,,,,,18.00,60.00,,,,,18.00,60.00,78.00\n"
          "jx-july,USD,share,current,msft-share,openai,microsoft,true,,,,,,,,,116.40,388.00,,,,,116.40,388.00,504.40\n"
          "jx-july,USD,share,current,openai-share,microsoft,openai,true,,,,,,,,,50.00,30.00,,,,,50.00,30.00,80.00\n"
          "jx-july,USD,net,,,openai,microsoft,,,,,,,,,,66.40,358.00,,,,,66.40,358.00,424.40\n");
    const auto jx = run(dir, "--quiet summary --year 2026 --contract jx --out sum");
    REQUIRE(jx.exit_code == 0);
    CHECK(read_file(dir / "sum/jx/summary-2026.csv").find(
              "\njx,USD,net,,,openai,microsoft,,,,144.00,280.40,,,135.80,,,,,,144.00,280.40,135.80,,560.20\n") !=
          std::string::npos);
}

TEST_CASE("summary refuses what it cannot write, saying what to do") {
    ScratchDir dir;
    set_up(dir);
    const auto unknown = run(dir, "summary --year 2026 --contract nope --out sum");
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err == "revshare: error: summary: no contract 'nope' (add it with revshare contract add FILE)\n");
    const auto empty = run(dir, "summary --year 2027 --out sum");
    CHECK(empty.exit_code == 2);
    CHECK(empty.err == "revshare: error: summary: no settled period in the contract year 2027 of jx (2027-01..2027-12), "
                       "jx-yen (2027-01..2027-12); run revshare settle --period YYYY-MM for its months first\n");
    const auto named = run(dir, "summary --year 2025 --contract jx --out sum");
    CHECK(named.exit_code == 2);
    CHECK(named.err == "revshare: error: summary: no settled period in the contract year 2025 of jx (2025-01..2025-12); "
                       "run revshare settle --period YYYY-MM for its months first\n");
    const auto year = run(dir, "summary --year 26 --out sum");
    CHECK(year.exit_code == 2);
    CHECK(year.err == "revshare: summary: --year expects a year YYYY from 1900 to 9997, got '26'\n");
    CHECK(run(dir, "summary --out sum").err == "revshare: summary: --year is required\n");
    CHECK_FALSE(std::filesystem::exists(dir / "sum"));
}

namespace {

using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;  // currency kind rule payer payee

}  // namespace

TEST_CASE("on the demo's fixture periods, ytd.csv and summary totals are the statements' rows summed independently") {
    using revshare::testing::reports::decimal;
    using revshare::testing::reports::parse_csv;
    ScratchDir dir;
    revshare::testing::reports::load_and_settle(dir);
    std::map<Key, Decimal> shares;
    std::map<std::pair<std::string, std::string>, Decimal> net;  // (from, to) -> amount
    for (const auto& period : revshare::testing::reports::fixture_periods) {
        report(dir, period);
        for (const auto& row : parse_csv(read_file(dir / ("out/openai-microsoft/" + period + "/statement.csv")))) {
            shares[{row.at("currency"), row.at("kind"), row.at("rule"), row.at("payer"), row.at("payee")}] += decimal(row.at("share"));
        }
        for (const auto& row : parse_csv(read_file(dir / ("out/openai-microsoft/" + period + "/net.csv")))) {
            net[{row.at("from_party"), row.at("to_party")}] += decimal(row.at("amount"));
        }
    }
    REQUIRE(run(dir, "--quiet summary --year 2026 --out sum").exit_code == 0);
    const auto summary = parse_csv(read_file(dir / "sum/openai-microsoft/summary-2026.csv"));
    const std::string year = "year 2026-01..2026-12";
    std::size_t share_rows = 0;
    std::map<std::pair<std::string, std::string>, Decimal> summary_net;
    for (const auto& row : summary) {
        if (row.at("row") == "state") {
            CHECK(row.at("2026-01") == "missing");
            CHECK(row.at("2026-04") == "draft");
            CHECK(row.at(year) == "missing 2026-01;2026-06;2026-07;2026-08;2026-09;2026-10;2026-11;2026-12");
            continue;
        }
        if (row.at("row") == "net") {
            summary_net[{row.at("payer"), row.at("payee")}] = decimal(row.at(year));
            continue;
        }
        ++share_rows;
        const Key key{row.at("currency"), row.at("kind"), row.at("rule"), row.at("payer"), row.at("payee")};
        CAPTURE(row.at("rule"));
        REQUIRE(shares.contains(key));
        CHECK(decimal(row.at(year)) == shares.at(key));
        Decimal quarters;
        for (const std::string quarter : {"Q1 2026-01..2026-03", "Q2 2026-04..2026-06"}) {
            if (!row.at(quarter).empty()) quarters += decimal(row.at(quarter));
        }
        CHECK(quarters == shares.at(key));
    }
    CHECK(share_rows == shares.size());
    // The year's net per pair is what the four net.csv files add up to (no pair changed direction).
    CHECK(summary_net == net);
    // ytd.csv of May: the same sums (the contract year is the calendar year).
    std::size_t ytd_rows = 0;
    for (const auto& row : parse_csv(read_file(dir / "out/openai-microsoft/2026-05/ytd.csv"))) {
        ++ytd_rows;
        const Key key{row.at("currency"), row.at("kind"), row.at("rule"), row.at("payer"), row.at("payee")};
        CHECK(decimal(row.at("share")) == shares.at(key));
        CHECK(row.at("missing_periods") == "2026-01");
    }
    CHECK(ytd_rows == shares.size());
}
