// Late data in every order of commands (contract.md "Closed periods and late data"): a month
// before or between closed periods counts as closed, its lines post as adjustments in the
// earliest open period, and nothing posted before is lost by settling again.
#include "tests/app/late_data_support.hpp"
#include "tests/hardening/hardening_support.hpp"

#include <doctest/doctest.h>

using namespace revshare::testing;

namespace {

const std::string contract_toml = (fixtures_dir() / "contracts/openai-microsoft.toml").string();
const std::string account = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";

std::string report_file(const ScratchDir& dir, const std::string& period, const std::string& file) {
    const auto reported = run_revshare("--db r.db --quiet report --period " + period + " --out out", dir.path());
    REQUIRE_MESSAGE(reported.exit_code == 0, reported.err);
    return read_file(dir / ("out/openai-microsoft/" + period + "/" + file));
}

// The session of closed_feb_march_then_late_data with April settled: April has 4 adjustment rows.
void session_with_april_adjusted_in_place(const ScratchDir& dir) {
    closed_feb_march_then_late_data(dir);
    for (const std::string period : {"2026-04", "2026-05"}) {
        const auto settled = run_revshare("--db r.db settle --period " + period, dir.path());
        REQUIRE_MESSAGE(settled.exit_code == 0, settled.err);
    }
    REQUIRE(report_file(dir, "2026-04", "statement.csv") ==
            read_file(fixtures_dir() / "expected/openai-microsoft/2026-04/statement.csv") + april_adjustments_for_feb_and_march);
}
void session_with_april_adjusted(const ScratchDir& dir) {
    copy_prepared(dir, "late data: April and May settled", session_with_april_adjusted_in_place);
}

void import_january_usage(const ScratchDir& dir) {
    write_file(dir / "mca-late-2026-01.csv", late_mca_export(account, 1, "1000.00", "G051000009"));
    const auto imported = run_revshare("--db r.db import mca-late-2026-01.csv", dir.path());
    REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
}

// January's 1000.00 of Azure OpenAI usage under the 2023 extension (20% and 12%).
const std::string january_adjustments =
    "2026-04,openai-microsoft,adjustment,2026-01,2023-extension,msft-share-of-openai,openai,microsoft,USD,1000.00,200.00,1,,,,true\n"
    "2026-04,openai-microsoft,adjustment,2026-01,2023-extension,openai-share-of-azure-openai,microsoft,openai,USD,1000.00,120.00,1,,,,true\n";

std::string count_runs(const ScratchDir& dir, const std::string& period) {
    return query_value(dir / "r.db", "SELECT count(*) FROM settlement_run WHERE period = '" + period + "'");
}

}  // namespace

TEST_CASE("Late data: a month before the first close posts in the earliest open period; April keeps its adjustments") {
    ScratchDir dir;
    session_with_april_adjusted(dir);
    import_january_usage(dir);
    const auto settled = run_revshare("--db r.db settle --period 2026-05", dir.path());
    REQUIRE_MESSAGE(settled.exit_code == 0, settled.err);
    CHECK(settled.out == "settled openai-microsoft 2026-04 (run 5)\nsettled openai-microsoft 2026-05 (run 6)\n");
    CHECK(count_runs(dir, "2026-01") == "0");
    CHECK(report_file(dir, "2026-04", "statement.csv") ==
          read_file(fixtures_dir() / "expected/openai-microsoft/2026-04/statement.csv") + january_adjustments +
              april_adjustments_for_feb_and_march);
    // 23026.43 + 200.00 - 120.00
    CHECK(report_file(dir, "2026-04", "net.csv") == "period,contract,from_party,to_party,currency,amount\n"
                                                     "2026-04,openai-microsoft,openai,aws,USD,4574.22\n"
                                                     "2026-04,openai-microsoft,openai,microsoft,USD,23106.43\n");
    CHECK(query_value(dir / "r.db", "SELECT group_concat(for_period || ':' || ifnull(closed_run_id, 'none'), ',') FROM "
                                    "run_adjusted_period WHERE run_id = 5") == "2026-01:none,2026-02:1,2026-03:2");
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
    CHECK(run_revshare("--db r.db replay --period 2026-04", dir.path()).exit_code == 0);
    // The periods close in order again, and January's data stays posted once.
    const auto april = run_revshare("--db r.db close --period 2026-04", dir.path());
    CHECK_MESSAGE(april.exit_code == 0, april.err);
    const auto may = run_revshare("--db r.db close --period 2026-05", dir.path());
    CHECK_MESSAGE(may.exit_code == 0, may.err);
    const auto june = run_revshare("--db r.db settle --period 2026-06", dir.path());
    REQUIRE_MESSAGE(june.exit_code == 0, june.err);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM statement_row r JOIN settlement_run s ON s.run_id = r.run_id "
                                    "WHERE s.period = '2026-06' AND s.is_current = 1 AND r.kind = 'adjustment'") == "0");
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
}

TEST_CASE("Late data: lines of a never-settled month restated into another month reverse what was posted for it") {
    ScratchDir dir;
    session_with_april_adjusted(dir);
    import_january_usage(dir);
    REQUIRE(run_revshare("--db r.db settle --period 2026-05", dir.path()).exit_code == 0);
    const auto closed = run_revshare("--db r.db close --period 2026-04", dir.path());
    REQUIRE_MESSAGE(closed.exit_code == 0, closed.err);
    // January's billing period restated: its one line is now charged on 12 February.
    std::string restated = late_mca_export(account, 1, "1000.00", "G051000011");
    restated.replace(restated.find("01/12/2026"), 10, "02/12/2026");
    write_file(dir / "restated-january.csv", restated);
    const auto imported = run_revshare("--db r.db import restated-january.csv", dir.path());
    REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
    REQUIRE(run_revshare("--db r.db settle --period 2026-05", dir.path()).exit_code == 0);
    CHECK(report_file(dir, "2026-05", "statement.csv") ==
          read_file(fixtures_dir() / "expected/openai-microsoft/2026-05/statement.csv") +
              "2026-05,openai-microsoft,adjustment,2026-01,2023-extension,msft-share-of-openai,openai,microsoft,USD,-1000.00,-200.00,-1,,,,true\n"
              "2026-05,openai-microsoft,adjustment,2026-01,2023-extension,openai-share-of-azure-openai,microsoft,openai,USD,-1000.00,-120.00,-1,,,,true\n"
              "2026-05,openai-microsoft,adjustment,2026-02,2023-extension,msft-share-of-openai,openai,microsoft,USD,1000.00,200.00,1,,,,true\n"
              "2026-05,openai-microsoft,adjustment,2026-02,2023-extension,openai-share-of-azure-openai,microsoft,openai,USD,1000.00,120.00,1,,,,true\n");
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
    CHECK(run_revshare("--db r.db replay --period 2026-05", dir.path()).exit_code == 0);
}

TEST_CASE("Late data: a month before the last close is never settled or closed on its own; nothing changes") {
    ScratchDir dir;
    session_with_april_adjusted(dir);
    import_january_usage(dir);
    const auto before = hardening::stored_state(dir / "r.db");
    for (const std::string period : {"2026-01", "2025-12", "1900-01"}) {
        CAPTURE(period);
        const auto settled = run_revshare("--db r.db settle --period " + period + " --contract openai-microsoft", dir.path());
        CHECK(settled.exit_code == 2);
        CHECK(settled.err == "revshare: error: settle: openai-microsoft " + period +
                                 " comes before the closed period 2026-03, so it counts as closed and is never settled "
                                 "on its own: its lines are late data, settled as adjustments in the earliest open period "
                                 "(revshare settle --period 2026-04)\n");
        const auto closed = run_revshare("--db r.db close --period " + period + " --contract openai-microsoft", dir.path());
        CHECK(closed.exit_code == 2);
        CHECK(closed.err == "revshare: error: close: cannot close openai-microsoft " + period +
                                ": the later period 2026-03 is already closed, so " + period +
                                " counts as closed; its data is settled as adjustments in the earliest open period\n");
    }
    const auto all = run_revshare("--db r.db settle --period 1900-01", dir.path());
    CHECK(all.exit_code == 2);
    CHECK(all.err == "revshare: error: settle: no contract has a version in force in 1900-01; nothing to settle\n");
    CHECK(hardening::stored_state(dir / "r.db") == before);
}

TEST_CASE("Settle: a month before the contract's first version is refused, and stores nothing") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    const auto before = hardening::stored_state(dir / "r.db");
    const auto settled = run_revshare("--db r.db settle --period 2019-06 --contract openai-microsoft", dir.path());
    CHECK(settled.exit_code == 2);
    CHECK(settled.err == "revshare: error: settle: openai-microsoft has no version in force in 2019-06 (its first version, "
                         "2019-original, takes effect on 2019-07-22); nothing to settle\n");
    CHECK(hardening::stored_state(dir / "r.db") == before);
    // Its first month is settled (it has no lines: only with --allow-empty).
    CHECK(run_revshare("--db r.db settle --period 2019-07", dir.path()).exit_code == 2);
    CHECK(hardening::stored_state(dir / "r.db") == before);
    CHECK(run_revshare("--db r.db settle --period 2019-07 --allow-empty", dir.path()).exit_code == 0);
}

TEST_CASE("Late data: a month between closed periods, never settled, is late data against an empty statement") {
    ScratchDir dir;
    std::string february_april_may;
    std::string march;
    for (const auto& folder : std::filesystem::directory_iterator(fixtures_dir() / "exports")) {
        if (!folder.is_directory()) continue;
        for (const auto& file : std::filesystem::directory_iterator(folder.path())) {
            const std::string name = file.path().filename().string();
            if (name.find(".restated.") != std::string::npos) continue;
            (name.find("2026-03") != std::string::npos ? march : february_april_may) += " '" + file.path().string() + "'";
        }
    }
    REQUIRE(run_revshare("--db r.db import" + february_april_may, dir.path()).exit_code <= 1);
    REQUIRE(run_revshare("--db r.db fx import '" + (fixtures_dir() / "fx/eur-usd-2026.csv").string() + "'", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db contract add '" + contract_toml + "'", dir.path()).exit_code == 0);
    settle_and_close(dir, "2026-02");
    settle_and_close(dir, "2026-04");  // March has no data yet: nothing to close first
    CHECK(count_runs(dir, "2026-03") == "0");
    REQUIRE(run_revshare("--db r.db import" + march, dir.path()).exit_code <= 1);
    const auto settled = run_revshare("--db r.db settle --period 2026-05", dir.path());
    REQUIRE_MESSAGE(settled.exit_code == 0, settled.err);
    CHECK(count_runs(dir, "2026-03") == "0");
    // March recomputed against no statement: its whole statement, as adjustments posted in May.
    std::string march_rows;
    const std::string expected_march = read_file(fixtures_dir() / "expected/openai-microsoft/2026-03/statement.csv");
    for (std::size_t at = expected_march.find('\n') + 1; at < expected_march.size();) {
        const std::size_t end = expected_march.find('\n', at) + 1;
        std::string row = expected_march.substr(at, end - at);
        REQUIRE(row.rfind("2026-03,openai-microsoft,current,2026-03,", 0) == 0);
        // An adjustment row keeps period..lines and owed; its explanation columns are empty.
        std::size_t lines_end = 0;
        for (int comma = 0; comma < 12; ++comma) lines_end = row.find(',', lines_end) + 1;
        march_rows += "2026-05,openai-microsoft,adjustment,2026-03," + row.substr(41, lines_end - 1 - 41) + ",,,,true\n";
        at = end;
    }
    CHECK(march_rows.size() > 0);
    CHECK(report_file(dir, "2026-05", "statement.csv") ==
          read_file(fixtures_dir() / "expected/openai-microsoft/2026-05/statement.csv") + march_rows);
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
    CHECK(run_revshare("--db r.db replay --period 2026-05", dir.path()).exit_code == 0);
    const auto march_settle = run_revshare("--db r.db settle --period 2026-03", dir.path());
    CHECK(march_settle.exit_code == 2);
    CHECK(march_settle.err.find("2026-03 comes before the closed period 2026-04, so it counts as closed") != std::string::npos);
}

TEST_CASE("Late data: with every period closed, nightly settles the month after the last close to post it") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    for (const std::string period : {"2026-02", "2026-03", "2026-04", "2026-05"}) settle_and_close(dir, period);
    std::filesystem::create_directories(dir / "inbox");
    write_file(dir / "inbox/mca-late-2026-01.csv", late_mca_export(account, 1, "1000.00", "G051000009"));
    const auto night = run_revshare("--db r.db nightly --inbox inbox --out out", dir.path());
    CHECK_MESSAGE(night.exit_code == 0, night.err);
    CHECK(count_runs(dir, "2026-01") == "0");
    const std::string june = read_file(dir / "out/openai-microsoft/2026-06/statement.csv");
    CHECK(june.find("2026-06,openai-microsoft,adjustment,2026-01,2023-extension,msft-share-of-openai,openai,microsoft,USD,"
                    "1000.00,200.00,1,,,,true\n") != std::string::npos);
    CHECK(june.find("2026-06,openai-microsoft,adjustment,2026-01,2023-extension,openai-share-of-azure-openai,microsoft,openai,"
                    "USD,1000.00,120.00,1,,,,true\n") != std::string::npos);
    // The next night has nothing new: June is not settled again.
    const auto again = run_revshare("--db r.db nightly --inbox inbox --out out", dir.path());
    CHECK_MESSAGE(again.exit_code == 0, again.err);
    CHECK(count_runs(dir, "2026-06") == "1");
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
}

TEST_CASE("Late data: verify finds a month before a closed one settled as open (earlier builds), settle repairs it") {
    ScratchDir dir;
    session_with_april_adjusted(dir);
    // What an earlier build left: January settled as an open period after March was closed.
    execute_sql(dir / "r.db", "INSERT INTO settlement_run (contract_id, period, contract_text_id, currency, inputs_sha256, "
                              "import_high_water, statement_sha256, settled_at, fx_high_water) SELECT contract_id, '2026-01', "
                              "contract_text_id, currency, inputs_sha256, import_high_water, statement_sha256, settled_at, "
                              "fx_high_water FROM settlement_run WHERE period = '2026-02'");
    const std::string stray = query_value(dir / "r.db", "SELECT run_id FROM settlement_run WHERE period = '2026-01'");
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK(verified.exit_code == 1);
    CHECK(verified.out.find("  run " + stray + " (openai-microsoft 2026-01): settled as an open period although the later "
                            "period 2026-03 is closed; its lines are late data that no run posts (revshare settle --period "
                            "2026-04 replaces it and posts them as adjustments)\n") != std::string::npos);
    import_january_usage(dir);
    REQUIRE(run_revshare("--db r.db settle --period 2026-05", dir.path()).exit_code == 0);
    const std::string april = current_run_id(dir, "2026-04");
    CHECK(query_value(dir / "r.db", "SELECT is_current || ' ' || replaced_by FROM settlement_run WHERE run_id = " + stray) ==
          "0 " + april);
    CHECK(report_file(dir, "2026-04", "statement.csv") ==
          read_file(fixtures_dir() / "expected/openai-microsoft/2026-04/statement.csv") + january_adjustments +
              april_adjustments_for_feb_and_march);
    const auto repaired = run_revshare("--db r.db verify", dir.path());
    CHECK_MESSAGE(repaired.exit_code == 0, repaired.out);
}

TEST_CASE("Late data: verify finds late data posted by a run that is not the earliest open one") {
    ScratchDir dir;
    session_with_april_adjusted(dir);
    const std::string may = current_run_id(dir, "2026-05");
    execute_sql(dir / "r.db", "INSERT INTO run_adjusted_period (run_id, for_period, closed_run_id) VALUES (" + may + ", '2026-02', 1)");
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK(verified.exit_code == 1);
    CHECK(verified.out.find("  run " + may + " (openai-microsoft 2026-05): recomputes the late data of closed periods but is "
                            "not the earliest open run; that late data would be counted twice\n") != std::string::npos);
}

TEST_CASE("Close: a stale run is closed only when asked, and what it lacks posts as adjustments") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    REQUIRE(run_revshare("--db r.db settle --period 2026-02", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db import '" + (fixtures_dir() / "late/mca-refund-2026-02.csv").string() + "'", dir.path())
                .exit_code == 0);
    const auto before = hardening::stored_state(dir / "r.db");
    const auto refused = run_revshare("--db r.db close --period 2026-02", dir.path());
    CHECK(refused.exit_code == 2);
    CHECK(refused.err == "revshare: error: close: openai-microsoft 2026-02 (run 1) is stale: its lines changed since (193 "
                         "lines now, 192 when settled); settle it again first (revshare settle --period 2026-02), or close "
                         "it as settled with --allow-stale (what it does not include is then settled as adjustments in "
                         "the earliest open period after it)\n");
    CHECK(hardening::stored_state(dir / "r.db") == before);
    const auto allowed = run_revshare("--db r.db close --period 2026-02 --allow-stale", dir.path());
    CHECK(allowed.exit_code == 0);
    CHECK(allowed.err == "revshare: warning: close: openai-microsoft 2026-02 (run 1) is closed as settled although its "
                         "lines changed since (193 lines now, 192 when settled); what it does not include is settled as "
                         "adjustments in the earliest open period after it\n");
    REQUIRE(run_revshare("--db r.db settle --period 2026-03", dir.path()).exit_code == 0);
    const std::string march = report_file(dir, "2026-03", "statement.csv");
    CHECK(march == read_file(fixtures_dir() / "expected/openai-microsoft/2026-03/statement.csv") +
                       "2026-03,openai-microsoft,adjustment,2026-02,2023-extension,msft-share-of-openai,openai,microsoft,USD,-300.00,-60.00,1,,,,true\n"
                       "2026-03,openai-microsoft,adjustment,2026-02,2023-extension,openai-share-of-azure-openai,microsoft,openai,USD,-300.00,-36.00,1,,,,true\n");
    // Late data for a closed period makes the earliest open run stale as well.
    write_file(dir / "late-feb.csv", late_mca_export(account, 2, "10.00", "G051000010"));
    REQUIRE(run_revshare("--db r.db import late-feb.csv", dir.path()).exit_code == 0);
    const auto stale_march = run_revshare("--db r.db close --period 2026-03", dir.path());
    CHECK(stale_march.exit_code == 2);
    CHECK(stale_march.err.find(": late data arrived since for closed 2026-02; settle it again first") != std::string::npos);
}

TEST_CASE("Contract: what closed periods settled under cannot change; a version after the last close can be added") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    settle_and_close(dir, "2026-02");
    const std::string text = read_file(contract_toml);
    const auto refused = [&](const std::string& from, const std::string& to) {
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        std::string changed = text;
        changed.replace(at, from.size(), to);
        write_file(dir / "changed.toml", changed);
        const auto added = run_revshare("--db r.db contract add changed.toml", dir.path());
        CHECK(added.exit_code == 2);
        return added.err;
    };
    const std::string why = "; what a closed period settled under never changes: add a version with a later effective_from "
                            "for new terms, or start a new contract id\n";
    CHECK(refused("currency    = \"USD\"", "currency    = \"EUR\"") ==
          "revshare: error: changed.toml: refused: currency EUR is not USD, the currency closed period 2026-02 of contract "
          "openai-microsoft settled in" + why);
    CHECK(refused("cost_column = \"BilledCost\"", "cost_column = \"EffectiveCost\"") ==
          "revshare: error: changed.toml: refused: cost_column EffectiveCost is not BilledCost, the cost column closed "
          "period 2026-02 of contract openai-microsoft settled on" + why);
    CHECK(refused("microsoft = \"Microsoft Corporation\"", "microsoft = \"Microsoft Corp.\"") ==
          "revshare: error: changed.toml: refused: party \"microsoft\", named by closed period 2026-02 as \"Microsoft "
          "Corporation\", is renamed \"Microsoft Corp.\"" + why);
    const std::string new_version = "\n[[version]]\nid = \"mid-february\"\neffective_from = 2026-02-15\n"
                                    "  [[version.rule]]\n  id = \"r\"\n  payer = \"openai\"\n  payee = \"microsoft\"\n"
                                    "  match = { ProviderName = [\"Microsoft\"] }\n  rate = \"0.5\"\n";
    const std::string amendment = "# 2026 amendment:";
    CHECK(refused(amendment, new_version + amendment) ==
          "revshare: error: changed.toml: refused: version \"mid-february\" of contract openai-microsoft takes effect on "
          "2026-02-15, before the end of closed period 2026-02; versions are append-only: a new version must take effect after the last "
          "closed period\n");
    std::string january = new_version;
    january.replace(january.find("2026-02-15"), 10, "2026-01-15");
    CHECK(refused(amendment, january + amendment) ==
          "revshare: error: changed.toml: refused: version \"mid-february\" of contract openai-microsoft takes effect on "
          "2026-01-15, before the end of closed period 2026-02; versions are append-only: a new version must "
          "take effect after the last closed period\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM contract_text") == "1");
    // After the last close: accepted; so is a changed lifetime cap.
    std::string march = new_version;
    march.replace(march.find("2026-02-15"), 10, "2026-03-10");
    std::string accepted = text;
    accepted.replace(accepted.find(amendment), amendment.size(), march + amendment);
    accepted.replace(accepted.find("cap = \"120000.00\""), 17, "cap = \"130000.00\"");
    write_file(dir / "accepted.toml", accepted);
    const auto added = run_revshare("--db r.db contract add accepted.toml", dir.path());
    CHECK_MESSAGE(added.exit_code == 0, added.err);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM contract_text") == "2");
}

TEST_CASE("Report: a period no contract has settled is an error without --contract too") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    REQUIRE(run_revshare("--db r.db settle --period 2026-02", dir.path()).exit_code == 0);
    const auto reported = run_revshare("--db r.db report --period 2026-08 --out o", dir.path());
    CHECK(reported.exit_code == 2);
    CHECK(reported.err == "revshare: error: report: no contract has a settled 2026-08; run revshare settle --period 2026-08 "
                          "first\n");
    CHECK(!std::filesystem::exists(dir / "o/openai-microsoft"));
}

TEST_CASE("Late data: an adjustment never takes a lifetime cap past the cap that later periods used up") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    std::string text = read_file(contract_toml);
    text.replace(text.find("cap = \"120000.00\""), 17, "cap = \"130000.00\"");
    write_file(dir / "cap-130000.toml", text);
    REQUIRE(run_revshare("--db r.db contract add cap-130000.toml", dir.path()).exit_code == 0);
    for (const std::string period : {"2026-02", "2026-03", "2026-04", "2026-05"}) settle_and_close(dir, period);
    const std::string capped_total = "SELECT sum(r.share_minor) FROM statement_row r JOIN settlement_run s ON s.run_id = "
                                     "r.run_id WHERE s.is_current = 1 AND r.rule_id = 'msft-share-all-clouds'";
    CHECK(query_value(dir / "r.db", capped_total) == "12459394");  // 15000.00 + 109593.94
    // June takes the 5406.06 left; then late May usage would raise May's share by as much.
    write_file(dir / "june.csv", late_mca_export(account, 6, "100000.00", "G051000020"));
    REQUIRE(run_revshare("--db r.db import june.csv", dir.path()).exit_code == 0);
    settle_and_close(dir, "2026-06");
    CHECK(query_value(dir / "r.db", capped_total) == "13000000");
    write_file(dir / "late-may.csv", late_mca_export("0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f1", 5, "100000.00", "G051000021"));
    REQUIRE(run_revshare("--db r.db import late-may.csv", dir.path()).exit_code == 0);
    const auto settled = run_revshare("--db r.db settle --period 2026-07", dir.path());
    REQUIRE_MESSAGE(settled.exit_code == 0, settled.err);
    CHECK(query_value(dir / "r.db", capped_total) == "13000000");
    const std::string july = report_file(dir, "2026-07", "statement.csv");
    CHECK(july.find("2026-07,openai-microsoft,adjustment,2026-05,2026-amendment,msft-share-all-clouds,openai,microsoft,USD,"
                    "100000.00,0.00,1,,,,true\n") != std::string::npos);
    CHECK(run_revshare("--db r.db replay --period 2026-07", dir.path()).exit_code == 0);
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
}

TEST_CASE("Contract: a version that only a closed run's late-data adjustments used cannot change either") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    settle_and_close(dir, "2026-02");
    std::string august_2019 = late_mca_export(account, 8, "1000.00", "G051000030");
    for (auto at = august_2019.find("/2026"); at != std::string::npos; at = august_2019.find("/2026", at)) {
        august_2019.replace(at, 5, "/2019");
    }
    write_file(dir / "mca-2019-08.csv", august_2019);
    REQUIRE(run_revshare("--db r.db import mca-2019-08.csv", dir.path()).exit_code == 0);
    settle_and_close(dir, "2026-03");
    CHECK(query_value(dir / "r.db", "SELECT group_concat(share, ' ') FROM statement_row WHERE run_id = 2 AND for_period = "
                                    "'2019-08'") == "150.00 100.00");
    std::string text = read_file(contract_toml);
    text.replace(text.find("rate  = \"0.15\""), 14, "rate  = \"0.30\"");
    write_file(dir / "changed.toml", text);
    const auto added = run_revshare("--db r.db contract add changed.toml", dir.path());
    CHECK(added.exit_code == 2);
    CHECK(added.err == "revshare: error: changed.toml: refused: version \"2019-original\" of contract openai-microsoft was "
                       "used by closed period 2026-03 (for late data of 2019-08) and this text changes it; versions are "
                       "append-only: add a new version with a later effective_from instead\n");
}

TEST_CASE("Close: --allow-stale never closes a run under a contract text that is no longer in force") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    REQUIRE(run_revshare("--db r.db settle --period 2026-02", dir.path()).exit_code == 0);
    std::string text = read_file(contract_toml);
    text.replace(text.find("# 2026 amendment:"), 0,
                 "[[version]]\nid = \"mid-february\"\neffective_from = 2026-02-15\n  [[version.rule]]\n  id = \"r\"\n"
                 "  payer = \"openai\"\n  payee = \"microsoft\"\n  match = { ProviderName = [\"Microsoft\"] }\n  rate = \"0.5\"\n\n");
    write_file(dir / "new.toml", text);
    REQUIRE(run_revshare("--db r.db contract add new.toml", dir.path()).exit_code == 0);
    const auto closed = run_revshare("--db r.db close --period 2026-02 --allow-stale", dir.path());
    CHECK(closed.exit_code == 2);
    CHECK(closed.err == "revshare: error: close: openai-microsoft 2026-02 (run 1) is stale: a newer contract text was added "
                        "since; settle it again first (revshare settle --period 2026-02); --allow-stale never closes a run "
                        "under a contract text that is no longer in force\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM period_close") == "0");
}

TEST_CASE("Report: a month that counts as closed and a stale open run say so") {
    ScratchDir dir;
    session_with_april_adjusted(dir);
    const auto january = run_revshare("--db r.db report --period 2026-01 --contract openai-microsoft --out out", dir.path());
    CHECK(january.exit_code == 2);
    CHECK(january.err == "revshare: error: report: openai-microsoft 2026-01 comes before the closed period 2026-03 and was "
                         "never settled: it counts as closed with no rows of its own; its late data is in the adjustment "
                         "rows (for_period 2026-01) of later periods' statements\n");
    const auto close_all = run_revshare("--db r.db close --period 2026-01", dir.path());
    CHECK(close_all.exit_code == 2);
    CHECK(close_all.err == "revshare: error: close: cannot close openai-microsoft 2026-01: the later period 2026-03 is already "
                           "closed, so 2026-01 counts as closed; its data is settled as adjustments in the earliest open "
                           "period\n");
    import_january_usage(dir);
    const auto stale = run_revshare("--db r.db --quiet report --period 2026-04 --out out", dir.path());
    CHECK(stale.exit_code == 0);
    CHECK(stale.err == "revshare: warning: report: openai-microsoft 2026-04 (run 3) is stale: late data arrived since for "
                       "closed 2026-01; revshare settle --period 2026-04 brings it up to date\n");
    const auto may = run_revshare("--db r.db --quiet report --period 2026-05 --out out", dir.path());
    CHECK(may.err == "");  // not the earliest open run: late data is not its to post
}

TEST_CASE("Settle: late data is never settled against a closed statement edited in the database") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    settle_and_close(dir, "2026-02");
    execute_sql(dir / "r.db", "UPDATE statement_row SET share = '1.00', share_minor = 100 WHERE run_id = 1 AND row_number = 1");
    const auto settled = run_revshare("--db r.db settle --period 2026-03", dir.path());
    CHECK(settled.exit_code == 3);
    CHECK(settled.err == "revshare: error: internal invariant failed: settle openai-microsoft: the stored statement of closed "
                         "period 2026-02 (run 1) no longer hashes to what its close recorded, so late data cannot be settled "
                         "against it; run revshare verify\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM settlement_run") == "1");
}

TEST_CASE("Import: an older delivery's bytes again change nothing, and say which later delivery still counts") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    write_file(dir / "v1.csv", late_mca_export(account, 3, "100.00", "G051000040"));
    write_file(dir / "v2.csv", late_mca_export(account, 3, "150.00", "G051000040"));
    REQUIRE(run_revshare("--db r.db import v1.csv", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db import v2.csv", dir.path()).exit_code == 0);
    std::filesystem::copy_file(dir / "v1.csv", dir / "v3.csv");
    const auto again = run_revshare("--db r.db import v3.csv", dir.path());
    CHECK(again.exit_code == 0);
    const std::string v1_id = query_value(dir / "r.db", "SELECT import_id FROM import WHERE file_name = 'v1.csv'");
    const std::string v2_id = query_value(dir / "r.db", "SELECT import_id FROM import WHERE file_name = 'v2.csv'");
    const std::string at = query_value(dir / "r.db", "SELECT imported_at FROM import WHERE file_name = 'v1.csv'");
    CHECK(again.out == "v3.csv: already imported as import " + v1_id + " (v1.csv, " + at + "); nothing changed\n"
                       "  note: import " + v2_id + " (v2.csv) has since superseded it and still counts: the same bytes "
                       "again are not a new delivery\n");
}
