// Close, late data as adjustments, replay, verify and the audit log, through the command line
// (issue 4; shared/spec/contract.md "Closed periods and late data").
#include "tests/app/late_data_support.hpp"

#include <doctest/doctest.h>

using namespace revshare::testing;

namespace {

const std::string contract_toml = (fixtures_dir() / "contracts/openai-microsoft.toml").string();

std::string statement_of(const ScratchDir& dir, const std::string& period, const std::string& file = "statement.csv") {
    REQUIRE(run_revshare("--db r.db --quiet report --period " + period + " --out out", dir.path()).exit_code == 0);
    return read_file(dir / ("out/openai-microsoft/" + period + "/" + file));
}

}  // namespace

TEST_CASE("Close: requires a settled period and every earlier period closed first; closing twice changes nothing") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    const auto unsettled = run_revshare("--db r.db close --period 2026-02 --contract openai-microsoft", dir.path());
    CHECK(unsettled.exit_code == 2);
    CHECK(unsettled.err == "revshare: error: close: openai-microsoft 2026-02 was never settled; run revshare settle "
                           "--period 2026-02 first\n");
    REQUIRE(run_revshare("--db r.db settle --period 2026-03", dir.path()).exit_code == 0);
    const auto out_of_order = run_revshare("--db r.db close --period 2026-03", dir.path());
    CHECK(out_of_order.exit_code == 2);
    CHECK(out_of_order.err == "revshare: error: close: cannot close openai-microsoft 2026-03: earlier period 2026-02 is "
                              "not closed; close periods in order (revshare close --period 2026-02)\n");
    const auto closed = run_revshare("--db r.db close --period 2026-02", dir.path());
    CHECK(closed.exit_code == 0);
    CHECK(closed.out.rfind("closed openai-microsoft 2026-02 (run 1, statement sha256 ", 0) == 0);
    const auto again = run_revshare("--db r.db close --period 2026-02", dir.path());
    CHECK(again.exit_code == 0);
    CHECK(again.out.find("is already closed") != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM period_close") == "1");
    CHECK(query_value(dir / "r.db", "SELECT previous_chain_sha256 FROM period_close") == "");
    const auto settle_closed = run_revshare("--db r.db settle --period 2026-02", dir.path());
    CHECK(settle_closed.exit_code == 2);
    CHECK(settle_closed.err.find("2026-02 is closed; its statement never changes") != std::string::npos);
}

TEST_CASE("Close: the chain links each close to the previous one; the statement hash is the run's") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    settle_and_close(dir, "2026-02");
    settle_and_close(dir, "2026-03");
    const auto db = dir / "r.db";
    CHECK(query_value(db, "SELECT previous_chain_sha256 FROM period_close WHERE period = '2026-03'") ==
          query_value(db, "SELECT chain_sha256 FROM period_close WHERE period = '2026-02'"));
    CHECK(query_value(db, "SELECT count(*) FROM period_close c JOIN settlement_run r ON r.run_id = c.run_id "
                          "WHERE c.statement_sha256 = r.statement_sha256 AND c.import_high_water = r.import_high_water") == "2");
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK(verified.exit_code == 0);
    CHECK(verified.out.rfind("verified: 24 imports, 2 runs, 2 closed periods; ", 0) == 0);
}

TEST_CASE("Adjust: late data of closed February and March is posted in April as adjustment rows") {
    ScratchDir dir;
    closed_feb_march_then_late_data(dir);
    const auto settled = run_revshare("--db r.db settle --period 2026-04", dir.path());
    REQUIRE_MESSAGE(settled.exit_code == 0, settled.err);
    // The restated AWS March export changes no line a rule in force in March matches: no row.
    // The late refund of 300.00 in February and 1250.501 of late Azure OpenAI usage in March
    // are posted per rule at the rates of the 2023 extension (20% and 12%, rounded per row).
    CHECK(statement_of(dir, "2026-04") ==
          read_file(fixtures_dir() / "expected/openai-microsoft/2026-04/statement.csv") +
              "2026-04,openai-microsoft,adjustment,2026-02,2023-extension,msft-share-of-openai,openai,microsoft,USD,-300.00,-60.00,1,,,,true\n"
              "2026-04,openai-microsoft,adjustment,2026-02,2023-extension,openai-share-of-azure-openai,microsoft,openai,USD,-300.00,-36.00,1,,,,true\n"
              "2026-04,openai-microsoft,adjustment,2026-03,2023-extension,msft-share-of-openai,openai,microsoft,USD,1250.501,250.10,2,,,,true\n"
              "2026-04,openai-microsoft,adjustment,2026-03,2023-extension,openai-share-of-azure-openai,microsoft,openai,USD,1250.501,150.06,2,,,,true\n");
    // 22950.39 + (-60.00 + 250.10) - (-36.00 + 150.06)
    CHECK(statement_of(dir, "2026-04", "net.csv") == "period,contract,from_party,to_party,currency,amount\n"
                                                      "2026-04,openai-microsoft,openai,aws,USD,4574.22\n"
                                                      "2026-04,openai-microsoft,openai,microsoft,USD,23026.43\n");
    const std::string april_run = "(SELECT run_id FROM settlement_run WHERE period = '2026-04' AND is_current = 1)";
    CHECK(query_value(dir / "r.db", "SELECT sum(amount_minor) FROM journal_entry WHERE run_id = " + april_run) == "0");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM journal_entry WHERE run_id = " + april_run) == "16");
    CHECK(query_value(dir / "r.db", "SELECT group_concat(for_period || ':' || closed_run_id) FROM run_adjusted_period "
                                    "WHERE run_id = " + april_run) == "2026-02:1,2026-03:2");
    // Settling April again changes nothing: the adjustments are recomputed in full, not added twice.
    REQUIRE(run_revshare("--db r.db settle --period 2026-04", dir.path()).exit_code == 0);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM statement_row WHERE kind = 'adjustment' AND run_id = " + april_run) == "4");
    CHECK(query_value(dir / "r.db", "SELECT count(DISTINCT statement_sha256) FROM settlement_run WHERE period = '2026-04'") == "1");
}

TEST_CASE("Adjust: a second late delivery adjusts only what earlier adjustments did not cover") {
    ScratchDir dir;
    closed_feb_march_then_late_data(dir);
    settle_and_close(dir, "2026-04");
    // The late March account is restated: its two lines (1250.501) become one line of 1100.001.
    write_file(dir / "restated-late.csv", late_mca_export("a7e4c2d1-5b3f-4e8a-9c6d-2f1e0b9a8c7d", 3, "1100.001", "G051000003"));
    const auto imported = run_revshare("--db r.db import restated-late.csv", dir.path());
    REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
    REQUIRE(run_revshare("--db r.db settle --period 2026-05", dir.path()).exit_code == 0);
    // March now: 33466.52 and 20079.91; closed 33246.52 and 19947.91; April adjusted +250.10 and +150.06.
    CHECK(statement_of(dir, "2026-05") ==
          read_file(fixtures_dir() / "expected/openai-microsoft/2026-05/statement.csv") +
              "2026-05,openai-microsoft,adjustment,2026-03,2023-extension,msft-share-of-openai,openai,microsoft,USD,-150.50,-30.10,-1,,,,true\n"
              "2026-05,openai-microsoft,adjustment,2026-03,2023-extension,openai-share-of-azure-openai,microsoft,openai,USD,-150.50,-18.06,-1,,,,true\n");
    for (const std::string period : {"2026-02", "2026-03", "2026-04", "2026-05"}) {
        CAPTURE(period);
        CHECK(run_revshare("--db r.db replay --period " + period, dir.path()).exit_code == 0);
    }
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
}

TEST_CASE("Replay: closed and open periods replay identical after late data; replay never writes") {
    ScratchDir dir;
    closed_feb_march_then_late_data(dir);
    REQUIRE(run_revshare("--db r.db settle --period 2026-04", dir.path()).exit_code == 0);
    const auto db = dir / "r.db";
    const std::string before = read_file(db);
    const std::string changes_before = query_value(db, "SELECT (SELECT count(*) FROM settlement_run) || '/' || "
                                                       "(SELECT count(*) FROM statement_row) || '/' || (SELECT count(*) FROM audit_log)");
    for (const std::string period : {"2026-02", "2026-03", "2026-04"}) {
        CAPTURE(period);
        const auto replayed = run_revshare("--db r.db replay --period " + period, dir.path());
        CHECK(replayed.exit_code == 0);
        CHECK(replayed.err == "");
        const std::string sha = query_value(db, "SELECT statement_sha256 FROM settlement_run WHERE is_current = 1 AND period = '" + period + "'");
        CHECK(replayed.out.rfind("identical " + sha + " openai-microsoft " + period + " run ", 0) == 0);
    }
    CHECK(read_file(db) == before);
    CHECK(query_value(db, "SELECT (SELECT count(*) FROM settlement_run) || '/' || (SELECT count(*) FROM statement_row) "
                          "|| '/' || (SELECT count(*) FROM audit_log)") == changes_before);
}

TEST_CASE("Replay: a period that was never settled is an error") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    const auto replayed = run_revshare("--db r.db replay --period 2026-02", dir.path());
    CHECK(replayed.exit_code == 2);
    CHECK(replayed.err == "revshare: error: replay: 2026-02 was never settled; nothing to replay\n");
}

TEST_CASE("Verify: a changed closed statement row is detected by verify and replay (exit 1)") {
    ScratchDir dir;
    closed_feb_march_then_late_data(dir);
    REQUIRE(run_revshare("--db r.db settle --period 2026-04", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
    execute_sql(dir / "r.db", "UPDATE statement_row SET share = '28000.00' WHERE row_number = 1 AND run_id = "
                              "(SELECT run_id FROM period_close WHERE period = '2026-02')");
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK(verified.exit_code == 1);
    MESSAGE(verified.out);
    CHECK(verified.out.find("verify: 4 problems:\n") == 0);
    CHECK(verified.out.find("  run 1 (openai-microsoft 2026-02): journal entry 1 is not what its statement rows give: stored "
                            "openai payable -28855.18 (to microsoft, msft-share-of-openai 2023-extension from 2026-02-01), "
                            "derived openai payable -28000.00 (to microsoft, msft-share-of-openai 2023-extension from "
                            "2026-02-01)\n") != std::string::npos);
    CHECK(verified.out.find("  run 1 (openai-microsoft 2026-02): its net rows are not what its statement rows net to: stored "
                            "openai pays microsoft 11542.07, derived openai pays microsoft 10686.89\n") != std::string::npos);
    CHECK(verified.out.find("statement row 1: the amount text 28000.00 USD is not its 2885518 minor units") != std::string::npos);
    CHECK(verified.out.find("closed openai-microsoft 2026-02: the stored statement rows of run 1 hash to ") != std::string::npos);
    const auto replayed = run_revshare("--db r.db replay --period 2026-02", dir.path());
    CHECK(replayed.exit_code == 1);
    MESSAGE(replayed.out);
    CHECK(replayed.out.find("differs openai-microsoft 2026-02 run 1 (closed)\n  row 1:\n    expected: 2026-02,openai-microsoft,"
                            "current,2026-02,2023-extension,msft-share-of-openai,openai,microsoft,USD,"
                            "144275.882587173884658,28855.18,79,28855.18,,,true\n    stored:   2026-02,openai-microsoft,current,"
                            "2026-02,2023-extension,msft-share-of-openai,openai,microsoft,USD,144275.882587173884658,28000.00,79,"
                            "28855.18,,,true\n"
                            "cause: the stored statement rows hash to ") == 0);
    CHECK(replayed.out.find("they were changed after the run was stored\n") != std::string::npos);
    // March's run posted February's late data against February's closed statement: it cannot
    // be reproduced either, and says why.
    const auto march = run_revshare("--db r.db replay --period 2026-03", dir.path());
    CHECK(march.exit_code == 1);
    CHECK(march.out.find("cause: the stored statement of closed period 2026-02 (run 1), which this run's adjustments are "
                         "computed against, no longer hashes to its statement_sha256\n") != std::string::npos);
}

TEST_CASE("Verify: unbalanced journals and import counts that do not add up are listed") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    REQUIRE(run_revshare("--db r.db settle --period 2026-02", dir.path()).exit_code == 0);
    execute_sql(dir / "r.db", "UPDATE journal_entry SET amount = '1.00', amount_minor = 100 WHERE entry_number = 1; "
                              "DELETE FROM quarantine WHERE quarantine_id = 1");
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK(verified.exit_code == 1);
    MESSAGE(verified.out);
    CHECK(verified.out.find("run 1 (openai-microsoft 2026-02): the journal sums to ") != std::string::npos);
    CHECK(verified.out.find(" quarantined rows stored, rows_quarantined says ") != std::string::npos);
}

TEST_CASE("Verify: lines naming another import's dimensions or scope, or none, are counted per import") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    REQUIRE(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
    // Import 1's first line points at import 2's first combination, its second at none, and its
    // third at import 2's first scope.
    execute_sql(dir / "r.db",
                "UPDATE line SET dimensions_id = (SELECT min(dimensions_id) FROM line_dimensions WHERE import_id = 2) "
                "WHERE line_id = (SELECT min(line_id) FROM line WHERE import_id = 1); "
                "UPDATE line SET dimensions_id = 999999 WHERE line_id = (SELECT min(line_id) + 1 FROM line WHERE import_id = 1); "
                "UPDATE line SET scope_id = (SELECT min(scope_id) FROM import_scope WHERE import_id = 2) "
                "WHERE line_id = (SELECT min(line_id) + 2 FROM line WHERE import_id = 1)");
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK(verified.exit_code == 1);
    const std::string file = query_value(dir / "r.db", "SELECT file_name FROM import WHERE import_id = 1");
    CHECK(verified.out.find("import 1 (" + file + "): 3 lines name a scope or dimensions row that is not the import's\n") !=
          std::string::npos);
    CHECK(verified.out.find("import 2 (") == std::string::npos);
}

TEST_CASE("Close: changing a version used by a closed period is refused; adding a version is accepted") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    settle_and_close(dir, "2026-02");
    std::string text = read_file(contract_toml);
    const std::string changed_rate = "  rate  = \"0.20\"";
    REQUIRE(text.find(changed_rate) != std::string::npos);
    write_file(dir / "changed.toml", std::string(text).replace(text.find(changed_rate), changed_rate.size(), "  rate  = \"0.21\""));
    const auto refused = run_revshare("--db r.db contract add changed.toml", dir.path());
    CHECK(refused.exit_code == 2);
    CHECK(refused.err == "revshare: error: changed.toml: refused: version \"2023-extension\" of contract openai-microsoft "
                         "was used by closed period 2026-02 and this text changes it; versions are append-only: add a "
                         "new version with a later effective_from instead\n");
    const std::string extra = "\n[[version]]\nid             = \"2027-renewal\"\neffective_from = 2027-01-01\n\n"
                              "  [[version.rule]]\n  id    = \"msft-share-of-openai\"\n  payer = \"openai\"\n"
                              "  payee = \"microsoft\"\n  match = { ProviderName = [\"Microsoft\"] }\n  rate  = \"0.18\"\n";
    const auto cap = text.find("# Lifetime cap");
    write_file(dir / "added.toml", std::string(text).insert(cap, extra));
    const auto added = run_revshare("--db r.db contract add added.toml", dir.path());
    CHECK_MESSAGE(added.exit_code == 0, added.err);
    CHECK(run_revshare("--db r.db replay --period 2026-02", dir.path()).exit_code == 0);
}

TEST_CASE("Audit: changing commands are logged with user, time, arguments, exit code and state; the log is append-only") {
    ScratchDir dir;
    const std::vector<std::pair<std::string, std::string>> now = {{"REVSHARE_NOW", "2026-06-02T03:04:05Z"}};
    REQUIRE(run_revshare("--db r.db contract add '" + contract_toml + "'", dir.path(), now).exit_code == 0);
    REQUIRE(run_revshare("--db r.db contract list", dir.path(), now).exit_code == 0);  // not logged: changes nothing
    REQUIRE(run_revshare("--db r.db settle --period 2026-13", dir.path(), now).exit_code == 2);
    const auto log = run_revshare("--db r.db log", dir.path());
    CHECK(log.exit_code == 0);
    MESSAGE(log.out);
    const std::string user = query_value(dir / "r.db", "SELECT os_user FROM audit_log WHERE entry_id = 1");
    CHECK(!user.empty());
    CHECK(log.out == "1  2026-06-02T03:04:05Z  " + user + "  exit 0  revshare contract add " + contract_toml + "\n"
                     "    imports 0, lines 0, fx rates 0, contract texts 1, runs 0, closed 0\n"
                     "2  2026-06-02T03:04:05Z  " + user + "  exit 2  revshare settle --period 2026-13\n"
                     "    imports 0, lines 0, fx rates 0, contract texts 1, runs 0, closed 0\n");
    CHECK_THROWS(execute_sql(dir / "r.db", "UPDATE audit_log SET exit_code = 0"));
    CHECK_THROWS(execute_sql(dir / "r.db", "DELETE FROM audit_log"));
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM audit_log") == "2");
}
