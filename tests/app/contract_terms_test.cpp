// contract.md's "Example of the additional terms", end to end through the binary: a memo rule,
// year-to-date tiers, an annual minimum's true-up cut by its cap, an advance recouped, and
// withholding, with statement.csv's explanation columns; then the same terms across a contract
// year's end, a late delivery for a closed period, a close and a replay.
#include "tests/app/late_data_support.hpp"
#include "tests/terms_example.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <tuple>
#include <vector>

using namespace revshare::testing;

namespace {

// The spec's contract, as written there (tests/terms_example.hpp).
const std::string& terms_contract = terms_example_contract;

const std::string focus_header =
    "BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,"
    "BillingPeriodEnd,ProviderName,PublisherName,x_SkuMeterSubcategory,BillingAccountId,SubAccountId\n";

// One FOCUS delivery of one line charged on the 5th of `month` (YYYY-MM).
std::string delivery(const std::string& month, const std::string& next_month, const std::string& seller_line) {
    return focus_header + seller_line.substr(0, seller_line.find(',')) + "," + seller_line.substr(0, seller_line.find(',')) +
           ",USD,Usage," + month + "-05T00:00:00Z," + month + "-06T00:00:00Z," + month + "-01T00:00:00Z," + next_month +
           "-01T00:00:00Z," + seller_line.substr(seller_line.find(',') + 1) + "\n";
}

// The spec's lines: AWS marketplace lines published by OpenAI, Azure OpenAI lines; July 2027
// opens the next contract year.
void write_deliveries(const ScratchDir& dir) {
    const std::vector<std::tuple<std::string, std::string, std::string, std::string>> months = {
        {"2027-04", "2027-05", "500000", "100000"},
        {"2027-05", "2027-06", "700000", "75000"},
        {"2027-06", "2027-07", "300000.50", "125000"},
        {"2027-07", "2027-08", "100000", "0"},
    };
    for (const auto& [month, next, aws, azure] : months) {
        write_file(dir / ("aws-" + month + ".csv"),
                   delivery(month, next, aws + ",AWS,\"OpenAI, L.L.C.\",,111122223333,sa1"));
        write_file(dir / ("azure-" + month + ".csv"),
                   delivery(month, next, azure + ",Microsoft,Microsoft,Azure OpenAI GPT5,ea-1,sa1"));
    }
}

void run_ok(const std::string& arguments, const ScratchDir& dir) {
    const auto result = run_revshare("--db r.db --quiet " + arguments, dir.path());
    REQUIRE_MESSAGE(result.exit_code == 0, arguments << ": " << result.err);
}

void set_up(const ScratchDir& dir, const std::vector<std::string>& months) {
    write_deliveries(dir);
    for (const auto& month : months) run_ok("import aws-" + month + ".csv azure-" + month + ".csv", dir);
    write_file(dir / "c.toml", terms_contract);
    run_ok("contract add c.toml", dir);
}

std::string report(const ScratchDir& dir, const std::string& period, const std::string& file) {
    run_ok("report --period " + period + " --out out", dir);
    return read_file(dir / ("out/terms-example/" + period + "/" + file));
}

const std::string header =
    "period,contract,kind,for_period,version,rule,payer,payee,currency,basis,share,lines,share_before_limits,limited_by,"
    "cap_remaining,owed\n";

}  // namespace

TEST_CASE("Contract terms: the spec's worked example, April to July 2027, to the cent") {
    ScratchDir dir;
    set_up(dir, {"2027-04", "2027-05", "2027-06", "2027-07"});
    for (const char* period : {"2027-04", "2027-05", "2027-06", "2027-07"}) run_ok("settle --period " + std::string(period), dir);

    // April: the memo fee is stated (owed false), reduces msft-share's basis, and is in no net row.
    CHECK(report(dir, "2027-04", "statement.csv") ==
          header +
          "2027-04,terms-example,current,2027-04,2027-original,aws-store-fee,openai,aws,USD,500000.00,15000.00,1,15000.00,,,false\n"
          "2027-04,terms-example,current,2027-04,2027-original,msft-share,openai,microsoft,USD,485000.00,97000.00,1,97000.00,,,true\n"
          "2027-04,terms-example,current,2027-04,2027-original,openai-share,microsoft,openai,USD,100000.00,20000.00,1,20000.00,,50000.00,true\n");
    CHECK(report(dir, "2027-04", "net.csv") ==
          "period,contract,from_party,to_party,currency,amount\n2027-04,terms-example,openai,microsoft,USD,77000.00\n");

    // May: the year-to-date tiers give 119400.00 (per period they would give 135800.00); the
    // advance is paid and recoups May's openai-share.
    CHECK(report(dir, "2027-05", "statement.csv") ==
          header +
          "2027-05,terms-example,current,2027-05,2027-original,aws-store-fee,openai,aws,USD,700000.00,21000.00,1,21000.00,,,false\n"
          "2027-05,terms-example,current,2027-05,2027-original,msft-share,openai,microsoft,USD,679000.00,119400.00,1,119400.00,,,true\n"
          "2027-05,terms-example,current,2027-05,2027-original,openai-share,microsoft,openai,USD,75000.00,15000.00,1,15000.00,,35000.00,true\n"
          "2027-05,terms-example,advance,2027-05,2027-original,2027-prepayment,microsoft,openai,USD,0.00,150000.00,0,,,,true\n"
          "2027-05,terms-example,recoupment,2027-05,,2027-prepayment,microsoft,openai,USD,0.00,-15000.00,0,,,,true\n");
    CHECK(report(dir, "2027-05", "net.csv") ==
          "period,contract,from_party,to_party,currency,amount\n2027-05,terms-example,microsoft,openai,USD,30600.00\n");

    // June: exactly the statement.csv and net.csv the spec prints.
    CHECK(report(dir, "2027-06", "statement.csv") ==
          "period,contract,kind,for_period,version,rule,payer,payee,currency,basis,share,lines,share_before_limits,limited_by,cap_remaining,owed\n"
          "2027-06,terms-example,current,2027-06,2027-original,aws-store-fee,openai,aws,USD,300000.50,9000.02,1,9000.02,,,false\n"
          "2027-06,terms-example,current,2027-06,2027-original,msft-share,openai,microsoft,USD,291000.48,29100.05,1,29100.05,,,true\n"
          "2027-06,terms-example,current,2027-06,2027-original,openai-share,microsoft,openai,USD,125000.00,25000.00,1,25000.00,,10000.00,true\n"
          "2027-06,terms-example,true-up,2027-06,2027-original,openai-share,microsoft,openai,USD,0.00,10000.00,0,,cap,0.00,true\n"
          "2027-06,terms-example,recoupment,2027-06,,2027-prepayment,microsoft,openai,USD,0.00,-35000.00,0,,,,true\n"
          "2027-06,terms-example,withholding,2027-06,,us-withholding,openai,irs,USD,29100.05,8730.02,0,,,,true\n"
          "2027-06,terms-example,withholding,2027-06,,us-withholding,openai,microsoft,USD,29100.05,-8730.02,0,,,,true\n");
    CHECK(report(dir, "2027-06", "net.csv") ==
          "period,contract,from_party,to_party,currency,amount\n"
          "2027-06,terms-example,openai,irs,USD,8730.02\n"
          "2027-06,terms-example,openai,microsoft,USD,20370.03\n");

    // July starts a new contract year: msft-share's tiers start from 0 again (97000.00 at
    // 0.20), the cap has nothing left, 100000.00 of the advance stays outstanding (nothing to
    // recoup), and withholding goes on.
    CHECK(report(dir, "2027-07", "statement.csv") ==
          header +
          "2027-07,terms-example,current,2027-07,2027-original,aws-store-fee,openai,aws,USD,100000.00,3000.00,1,3000.00,,,false\n"
          "2027-07,terms-example,current,2027-07,2027-original,msft-share,openai,microsoft,USD,97000.00,19400.00,1,19400.00,,,true\n"
          "2027-07,terms-example,current,2027-07,2027-original,openai-share,microsoft,openai,USD,0.00,0.00,1,0.00,,0.00,true\n"
          "2027-07,terms-example,withholding,2027-07,,us-withholding,openai,irs,USD,19400.00,5820.00,0,,,,true\n"
          "2027-07,terms-example,withholding,2027-07,,us-withholding,openai,microsoft,USD,19400.00,-5820.00,0,,,,true\n");

    // statement.html says why, in words, and totals per payer -> payee (memo rows apart).
    const std::string html = report(dir, "2027-06", "statement.html");
    CHECK(html.find("<p class=\"draft\">DRAFT: 2027-06 is an open period") != std::string::npos);
    CHECK(html.find("<td class=\"why\">annual minimum 300000.00, prorated to the days in force; cut by cap openai-lifetime: "
                    "0.00 left</td>") != std::string::npos);
    CHECK(html.find("<td class=\"why\">recouped from this period&#39;s shares of openai-share (advance of 150000.00 paid on "
                    "2027-05-15)</td>") != std::string::npos);
    CHECK(html.find("<td class=\"why\">rate 0.30 on the 29100.05 openai owes microsoft, paid to irs</td>") != std::string::npos);
    CHECK(html.find("<td class=\"why\">memo: owed by no one (it reduces the basis of the rules net of it)</td>") !=
          std::string::npos);
    CHECK(html.find("total openai &#8594; microsoft (USD)</td><td class=\"num\">29100.05</td>") != std::string::npos);
    CHECK(html.find("memo rows, owed by no one (USD)</td><td class=\"num\">9000.02</td>") != std::string::npos);

    // The journal leaves the memo rule out and balances; verify re-derives the carried totals.
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM journal_entry e JOIN settlement_run r USING (run_id) "
                                    "WHERE r.period = '2027-06' AND r.is_current = 1") == "12");
    CHECK(query_value(dir / "r.db", "SELECT group_concat(measure || ' ' || name || ' ' || total, '; ') FROM "
                                    "run_carried_before c JOIN settlement_run r USING (run_id) WHERE r.period = '2027-06' "
                                    "AND r.is_current = 1") ==
          "recouped 2027-prepayment -15000; year_basis msft-share 1164000; year_share openai-share 35000");
    for (const char* period : {"2027-04", "2027-05", "2027-06", "2027-07"}) run_ok("close --period " + std::string(period), dir);
    const auto replay = run_revshare("--db r.db replay --period 2027-06", dir.path());
    CHECK(replay.exit_code == 0);
    CHECK(replay.out.rfind("identical ", 0) == 0);
    const auto verify = run_revshare("--db r.db verify", dir.path());
    CHECK_MESSAGE(verify.exit_code == 0, verify.out << verify.err);
}

TEST_CASE("Contract terms: late data for a closed April posts adjustments that June's true-up, recoupment and "
          "withholding take in") {
    ScratchDir dir;
    set_up(dir, {"2027-04", "2027-05", "2027-06"});
    for (const char* period : {"2027-04", "2027-05"}) {
        run_ok("settle --period " + std::string(period), dir);
        run_ok("close --period " + std::string(period), dir);
    }
    // A second AWS billing account's April line of 100000 arrives after April was closed.
    write_file(dir / "late.csv", delivery("2027-04", "2027-05", "100000,AWS,\"OpenAI, L.L.C.\",,444455556666,sa2"));
    run_ok("import late.csv", dir);
    run_ok("settle --period 2027-06", dir);
    // April again: the fee 18000.00 (+3000.00, a memo adjustment), msft-share on 582000.00 at
    // 0.20 = 116400.00 (+19400.00). The adjustments count in June (the period posting them):
    // not in June's own year-to-date basis (they follow its current rows), but in what June's
    // withholding taxes: 29100.05 + 19400.00 = 48500.05, W = 14550.015 -> 14550.02.
    CHECK(report(dir, "2027-06", "statement.csv") ==
          "period,contract,kind,for_period,version,rule,payer,payee,currency,basis,share,lines,share_before_limits,limited_by,cap_remaining,owed\n"
          "2027-06,terms-example,current,2027-06,2027-original,aws-store-fee,openai,aws,USD,300000.50,9000.02,1,9000.02,,,false\n"
          "2027-06,terms-example,current,2027-06,2027-original,msft-share,openai,microsoft,USD,291000.48,29100.05,1,29100.05,,,true\n"
          "2027-06,terms-example,current,2027-06,2027-original,openai-share,microsoft,openai,USD,125000.00,25000.00,1,25000.00,,10000.00,true\n"
          "2027-06,terms-example,adjustment,2027-04,2027-original,aws-store-fee,openai,aws,USD,100000.00,3000.00,1,,,,false\n"
          "2027-06,terms-example,adjustment,2027-04,2027-original,msft-share,openai,microsoft,USD,97000.00,19400.00,1,,,,true\n"
          "2027-06,terms-example,true-up,2027-06,2027-original,openai-share,microsoft,openai,USD,0.00,10000.00,0,,cap,0.00,true\n"
          "2027-06,terms-example,recoupment,2027-06,,2027-prepayment,microsoft,openai,USD,0.00,-35000.00,0,,,,true\n"
          "2027-06,terms-example,withholding,2027-06,,us-withholding,openai,irs,USD,48500.05,14550.02,0,,,,true\n"
          "2027-06,terms-example,withholding,2027-06,,us-withholding,openai,microsoft,USD,48500.05,-14550.02,0,,,,true\n");
    CHECK(report(dir, "2027-06", "net.csv") ==
          "period,contract,from_party,to_party,currency,amount\n"
          "2027-06,terms-example,openai,irs,USD,14550.02\n"
          "2027-06,terms-example,openai,microsoft,USD,33950.03\n");
    run_ok("close --period 2027-06", dir);
    const auto replay = run_revshare("--db r.db replay --period 2027-06", dir.path());
    CHECK(replay.exit_code == 0);
    const auto verify = run_revshare("--db r.db verify", dir.path());
    CHECK_MESSAGE(verify.exit_code == 0, verify.out << verify.err);
}

TEST_CASE("Contract terms: a hand edit of what a closed run carried in is named by verify and breaks its replay") {
    ScratchDir dir;
    set_up(dir, {"2027-04", "2027-05", "2027-06"});
    for (const char* period : {"2027-04", "2027-05", "2027-06"}) {
        run_ok("settle --period " + std::string(period), dir);
        run_ok("close --period " + std::string(period), dir);
    }
    execute_sql(dir / "r.db", "UPDATE run_carried_before SET total = '100000.00' WHERE measure = 'year_basis' AND "
                                    "run_id = (SELECT run_id FROM settlement_run WHERE period = '2027-06')");
    const auto verify = run_revshare("--db r.db verify", dir.path());
    CHECK(verify.exit_code == 1);
    CHECK(verify.out.find("closed run 3 (terms-example 2027-06): it started from year basis msft-share 100000, year share "
                          "openai-share 35000, recouped 2027-prepayment -15000, but the closed runs before it posted year "
                          "basis msft-share 1164000, year share openai-share 35000, recouped 2027-prepayment -15000 "
                          "(run_carried_before or an earlier closed run was changed)") != std::string::npos);
    // With 100000 of the year before it, June's basis straddles the 1000000 tier: another share.
    const auto replay = run_revshare("--db r.db replay --period 2027-06", dir.path());
    CHECK(replay.exit_code == 1);
    CHECK(replay.out.find("msft-share") != std::string::npos);
}

TEST_CASE("Contract terms: the demo's bedrock-store-terms contract recoups its advance exactly, from March into April") {
    ScratchDir dir;
    std::string imports;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(fixtures_dir() / "exports")) {
        if (entry.is_regular_file()) imports += " '" + entry.path().string() + "'";
    }
    (void)run_revshare("--db r.db --quiet import" + imports, dir.path());  // exit 1: three broken rows on purpose
    run_ok("fx import '" + (fixtures_dir() / "fx/eur-usd-2026.csv").string() + "'", dir);
    run_ok("contract add '" + (fixtures_dir() / "contracts/bedrock-store-terms.toml").string() + "'", dir);
    for (const char* period : {"2026-02", "2026-03", "2026-04", "2026-05"}) run_ok("settle --period " + std::string(period), dir);
    const auto rows_of = [&dir](const std::string& period, const std::string& kind) {
        return query_value(dir / "r.db", "SELECT group_concat(rule_id || ' ' || share, '; ') FROM statement_row s JOIN "
                                         "settlement_run r USING (run_id) WHERE r.is_current = 1 AND r.period = '" +
                                             period + "' AND s.kind = '" + kind + "'");
    };
    // March: the advance is paid and March's openai-share (19947.91) recoups what it can; April
    // recoups the rest, 25000.00 − 19947.91 = 5052.09; May has nothing left to recoup.
    CHECK(rows_of("2026-03", "advance") == "2026-q1-advance 25000.00");
    CHECK(rows_of("2026-03", "current").find("openai-share 19947.91") != std::string::npos);
    CHECK(rows_of("2026-03", "recoupment") == "2026-q1-advance -19947.91");
    CHECK(rows_of("2026-04", "recoupment") == "2026-q1-advance -5052.09");
    CHECK(rows_of("2026-05", "recoupment") == "NULL");
    // The memo store fee is stated but owed by no one: no aws row in any net.
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM net_row WHERE from_party = 'aws' OR to_party = 'aws'") == "0");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM statement_row WHERE rule_id = 'aws-store-fee' AND owed = 0") == "4");
}

TEST_CASE("Contract terms: after closes, a new text may not change what a closed period applied, but may add later terms") {
    ScratchDir dir;
    set_up(dir, {"2027-04", "2027-05", "2027-06"});
    for (const char* period : {"2027-04", "2027-05", "2027-06"}) {
        run_ok("settle --period " + std::string(period), dir);
        run_ok("close --period " + std::string(period), dir);
    }
    const auto refused = [&dir](const std::string& from, const std::string& to) {
        std::string text = terms_contract;
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
        write_file(dir / "c2.toml", text);
        const auto added = run_revshare("--db r.db contract add c2.toml", dir.path());
        CHECK(added.exit_code == 2);
        return added.err;
    };
    CHECK(refused("  tiers_over = \"contract-year\"\n", "").find(
              "c2.toml: refused: version \"2027-original\" of contract terms-example was used by closed period 2027-04 and "
              "this text changes it") != std::string::npos);
    CHECK(refused("  owed  = false\n", "").find("version \"2027-original\"") != std::string::npos);
    CHECK(refused("annual_minimum = \"300000\"", "annual_minimum = \"300001\"").find("this text changes it") !=
          std::string::npos);
    CHECK(refused("amount      = \"150000\"", "amount      = \"150001\"")
              .find("c2.toml: refused: advance \"2027-prepayment\", which closed period 2027-05 applied, is changed") !=
          std::string::npos);
    CHECK(refused("year_start_month = 7", "year_start_month = 1")
              .find("c2.toml: refused: year_start_month 1 is not 7, the contract year closed period 2027-04 of contract "
                    "terms-example settled in") != std::string::npos);
    CHECK(refused("from      = \"2027-06-01\"", "from      = \"2027-05-01\"")
              .find("withholding \"us-withholding\"") != std::string::npos);
    CHECK(refused("[[withholding]]", "[[withholding]]\nid = \"early\"\npayee = \"openai\"\nauthority = \"irs\"\nrate = \"0.1\"\n"
                                     "from = \"2027-05-01\"\n\n[[withholding]]")
              .find("c2.toml: refused: withholding \"early\" applies from 2027-05-01, in closed period 2027-05, which did not "
                    "apply it") != std::string::npos);
    // An advance paid after the last close is a new term: accepted.
    write_file(dir / "c3.toml", terms_contract + "\n[[advance]]\nid = \"2027-topup\"\npayer = \"microsoft\"\npayee = \"openai\"\n"
                                                 "amount = \"1000\"\npaid_on = \"2027-07-02\"\nrecoup_from = [\"openai-share\"]\n");
    const auto added = run_revshare("--db r.db contract add c3.toml", dir.path());
    CHECK_MESSAGE(added.exit_code == 0, added.err);
}

TEST_CASE("Contract terms: a month owing an advance or a true-up is settled on the way even without lines") {
    ScratchDir dir;
    set_up(dir, {"2027-04", "2027-07"});  // nothing delivered for May (the advance) or June (the year's end)
    run_ok("settle --period 2027-07", dir);
    const auto rows = query_value(dir / "r.db", "SELECT group_concat(period || ' ' || kind || ' ' || rule_id || ' ' || share || "
                                                "' ' || limited_by, '; ') FROM statement_row JOIN settlement_run USING (run_id) "
                                                "WHERE is_current AND kind <> 'current'");
    // June: required 300000 x 91/365 = 74794.52, the year's shares 20000.00 (April), so 54794.52
    // due, cut by the cap (70000 - 20000.00 left) to 50000.00, which recoups the advance.
    CHECK(rows == "2027-05 advance 2027-prepayment 150000.00 ; 2027-06 true-up openai-share 50000.00 cap; "
                  "2027-06 recoupment 2027-prepayment -50000.00 ; 2027-07 withholding us-withholding 5820.00 ; "
                  "2027-07 withholding us-withholding -5820.00 ");
    run_ok("close --period 2027-04", dir);
    const auto closed = run_revshare("--db r.db close --period 2027-07", dir.path());
    CHECK(closed.exit_code == 2);
    CHECK(closed.err.find("earlier periods 2027-05, 2027-06 are not closed") != std::string::npos);
}

TEST_CASE("Contract terms: --allow-stale never closes a run whose year-to-date basis changed since") {
    ScratchDir dir;
    set_up(dir, {"2027-04", "2027-05"});
    run_ok("settle --period 2027-05", dir);
    // April restated (500000 -> 600000) and settled again: May's year-to-date basis moved.
    write_file(dir / "aws-2027-04-restated.csv", delivery("2027-04", "2027-05", "600000,AWS,\"OpenAI, L.L.C.\",,111122223333,sa1"));
    run_ok("import aws-2027-04-restated.csv", dir);
    run_ok("settle --period 2027-04", dir);
    run_ok("close --period 2027-04", dir);
    const auto closed = run_revshare("--db r.db close --period 2027-05 --allow-stale", dir.path());
    CHECK(closed.exit_code == 2);
    CHECK(closed.err.find("the year totals or advance balances it starts from changed since (an earlier period was settled "
                          "again); settle it again first (revshare settle --period 2027-05); --allow-stale never closes a "
                          "run whose starting totals changed") != std::string::npos);
    run_ok("settle --period 2027-05", dir);
    run_ok("close --period 2027-05", dir);
}

TEST_CASE("Contract terms: report refuses a closed run whose statement layout was edited") {
    ScratchDir dir;
    set_up(dir, {"2027-04"});
    run_ok("settle --period 2027-04", dir);
    run_ok("close --period 2027-04", dir);
    // An explanation edited: the closed statement no longer hashes to its close.
    execute_sql(dir / "r.db", "UPDATE statement_row SET limited_by = 'cap' WHERE row_number = 1");
    const auto reported = run_revshare("--db r.db report --period 2027-04 --out out", dir.path());
    CHECK(reported.exit_code == 3);
    CHECK(reported.err.find("is closed, but its stored statement (16 columns) no longer hashes to the statement_sha256 its "
                            "close recorded") != std::string::npos);
    CHECK(!std::filesystem::exists(dir / "out/terms-example/2027-04/statement.csv"));
    // The layout edited to the 12 columns that hash no explanation: refused where the run is read.
    execute_sql(dir / "r.db", "UPDATE statement_row SET limited_by = '' WHERE row_number = 1; "
                              "UPDATE settlement_run SET statement_columns = 12");
    const auto relaid = run_revshare("--db r.db report --period 2027-04 --out out", dir.path());
    CHECK(relaid.exit_code == 3);
    CHECK(relaid.err.find("owed = 1 and no explanation on a run stored before migration 0015") != std::string::npos);
}

TEST_CASE("Settle, report, close and replay the last supported month, 9998-12") {
    ScratchDir dir;
    const auto added = run_revshare("--db r.db contract add '" + (fixtures_dir() / "contracts/openai-microsoft.toml").string() + "'",
                                    dir.path());
    REQUIRE(added.exit_code == 0);
    for (const std::string command : {"settle --period 9998-12 --allow-empty", "report --period 9998-12 --out out", "close --period 9998-12",
                                      "replay --period 9998-12", "verify"}) {
        const auto result = run_revshare("--db r.db --quiet " + command, dir.path());
        CHECK_MESSAGE(result.exit_code == 0, command << ": " << result.err);
    }
    CHECK(query_value(dir / "r.db", "SELECT DISTINCT segment_end FROM statement_row") == "9999-01-01");
}

TEST_CASE("Contract terms: a contract year's end with no lines is settled on the way to a later target, true-up and all") {
    ScratchDir dir;
    set_up(dir, {"2027-04", "2027-05"});  // lines end in May; June closes the contract year
    run_ok("settle --period 2027-08 --allow-empty", dir);  // August itself has no lines
    // June: required 74794.52, the year's shares 20000.00 + 15000.00, so 39794.52 due, cut by
    // the cap (70000 - 35000.00 left) to 35000.00; the advance recoups it.
    CHECK(query_value(dir / "r.db", "SELECT group_concat(kind || ' ' || share || ' ' || limited_by, '; ') FROM statement_row "
                                    "JOIN settlement_run USING (run_id) WHERE is_current AND period = '2027-06' AND "
                                    "kind <> 'current'") == "true-up 35000.00 cap; recoupment -35000.00 ");
}

TEST_CASE("Contract terms: hand edits of carried totals and of a 12-column run's owed are errors, never aborts") {
    ScratchDir dir;
    set_up(dir, {"2027-04", "2027-05", "2027-06"});
    run_ok("settle --period 2027-06", dir);
    // A year total that is not in cents: settle never stores that.
    execute_sql(dir / "r.db", "UPDATE run_carried_before SET total = '100.001' WHERE measure = 'year_share' AND run_id = 3");
    const auto replayed = run_revshare("--db r.db replay --period 2027-06", dir.path());
    CHECK(replayed.exit_code == 3);
    CHECK(replayed.err.find("the year total of \"openai-share\" that terms-example carries in is 100.001, not in USD minor "
                            "units") != std::string::npos);
    // A run stored before migration 0015 hashes no owed column: an owed row turned into a memo
    // one (which would drop it from the net) is refused wherever the run is read.
    execute_sql(dir / "r.db", "UPDATE settlement_run SET statement_columns = 12 WHERE run_id = 1; "
                              "UPDATE statement_row SET owed = 0, share_before_limits = NULL WHERE run_id = 1 AND row_number = 2");
    const auto reported = run_revshare("--db r.db report --period 2027-04 --out out", dir.path());
    CHECK(reported.exit_code == 3);
    CHECK(reported.err.find("owed = 1 and no explanation on a run stored before migration 0015") != std::string::npos);
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK(verified.exit_code == 1);
}
