// Stored facts checked against what they were derived from or hashed into: net rows against
// statement rows, contract texts against their SHA-256 and the closes' contract hashes, the
// closes the audit log saw against period_close. Each tampering is found by verify (exit 1)
// and makes no command abort.
#include "engine/core/sha256.hpp"
#include "tests/app/late_data_support.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

using namespace revshare::testing;

TEST_CASE("Tamper: a closed run's net row changed is found by verify, replay and report") {
    ScratchDir dir;
    closed_february_and_march(dir);
    execute_sql(dir / "r.db", "UPDATE net_row SET amount = '1.00', amount_minor = 100 WHERE run_id = 1");
    CHECK(verify_problems(dir) ==
          "verify: 1 problem:\n"
          "  run 1 (openai-microsoft 2026-02): its net rows are not what its statement rows net to: stored openai pays "
          "microsoft 1.00, derived openai pays microsoft 11542.07\n");
    const auto replayed = run_revshare("--db r.db replay --period 2026-02", dir.path());
    CHECK(replayed.exit_code == 1);
    CHECK(replayed.out.find("cause: the stored net rows are not what the statement rows net to: stored openai pays "
                            "microsoft 1.00, derived openai pays microsoft 11542.07\n") != std::string::npos);
    const auto reported = run_revshare("--db r.db report --period 2026-02 --out out", dir.path());
    CHECK(reported.exit_code == 3);
    CHECK(reported.err == "revshare: error: internal invariant failed: run 1 (openai-microsoft 2026-02): its stored net rows "
                          "are not what its statement rows net to (stored openai pays microsoft 1.00, derived openai pays "
                          "microsoft 11542.07), so its reports are not written; run revshare verify\n");
    CHECK(!std::filesystem::exists(dir / "out/openai-microsoft/2026-02/net.csv"));
}

TEST_CASE("Tamper: a contract text edited, with or without its SHA-256, is found; no command uses it") {
    ScratchDir dir;
    closed_february_and_march(dir);
    const std::string recorded = query_value(dir / "r.db", "SELECT sha256 FROM contract_text");
    std::string edited = query_value(dir / "r.db", "SELECT text FROM contract_text");
    const auto at = edited.find("rate  = \"0.20\"");
    REQUIRE(at != std::string::npos);
    edited.replace(at, 14, "rate  = \"0.30\"");
    {
        SQLite::Database database((dir / "r.db").string(), SQLite::OPEN_READWRITE);
        SQLite::Statement update(database, "UPDATE contract_text SET text = ?");
        update.bind(1, edited);
        update.exec();
    }
    const std::string edited_sha = revshare::Sha256::of(edited);
    CHECK(query_value(dir / "r.db", "SELECT text FROM contract_text") == edited);
    const std::string found = verify_problems(dir);
    for (const std::string& problem :
         {"  contract text 1 (openai-microsoft, from " + (fixtures_dir() / "contracts/openai-microsoft.toml").string() +
              "): its text hashes to " + edited_sha + ", not to its recorded sha256 " + recorded + " (the text was edited)\n",
          "  closed openai-microsoft 2026-02: the contract text its run 1 settled under hashes to " + edited_sha +
              ", not to the contract_sha256 the close recorded (" + recorded + ")\n",
          "  closed openai-microsoft 2026-03: the contract text its run 2 settled under hashes to " + edited_sha +
              ", not to the contract_sha256 the close recorded (" + recorded + ")\n"}) {
        CHECK(found.find(problem) != std::string::npos);
    }
    const std::string refusal = "revshare: error: internal invariant failed: stored contract openai-microsoft (text 1) no "
                                "longer hashes to its recorded sha256 " + recorded +
                                ": it was edited in the database; run revshare verify\n";
    for (const std::string& command : std::vector<std::string>{"contract show openai-microsoft", "settle --period 2026-04", "replay --period 2026-02"}) {
        CAPTURE(command);
        const auto result = run_revshare("--db r.db " + command, dir.path());
        CHECK(result.exit_code == 3);
        CHECK(result.err == refusal);
    }
    // With the SHA-256 updated too, the closes still name the text they settled under.
    execute_sql(dir / "r.db", "UPDATE contract_text SET sha256 = '" + edited_sha + "'");
    const std::string problems = verify_problems(dir);
    CHECK(problems.find("  closed openai-microsoft 2026-02: the contract text its run 1 settled under hashes to " +
                        edited_sha + ", not to the contract_sha256 the close recorded (" + recorded + ")\n") != std::string::npos);
    CHECK(problems.find("  contract text 1 ") == std::string::npos);
}

TEST_CASE("Tamper: closes deleted from period_close are found through the audit log") {
    ScratchDir dir;
    closed_february_and_march(dir);
    const std::string march_chain = query_value(dir / "r.db", "SELECT chain_sha256 FROM period_close WHERE period = '2026-03'");
    const std::string entry = query_value(dir / "r.db", "SELECT min(entry_id) FROM audit_log WHERE command = 'close' AND "
                                                        "arguments = '--period 2026-03'");
    execute_sql(dir / "r.db", "DELETE FROM period_close WHERE period = '2026-03'");
    CHECK(verify_problems(dir) == "verify: 2 problems:\n"
                                  "  audit log entry " + entry + " recorded the close of openai-microsoft 2026-03 with "
                                  "chain sha256 " + march_chain + ", which period_close no longer holds\n"
                                  "  audit log entry " + entry + " recorded 2 closed periods; period_close holds 1\n");
    execute_sql(dir / "r.db", "DELETE FROM period_close");
    const std::string every = verify_problems(dir);
    CHECK(every.find("recorded 2 closed periods; period_close holds 0\n") != std::string::npos);
    CHECK(every.find("recorded the close of openai-microsoft 2026-02 with chain sha256 ") != std::string::npos);
}

TEST_CASE("Tamper: cap totals that do not follow from a run's rows, and runs dropped from the current set, are found") {
    ScratchDir dir;
    closed_february_and_march(dir);
    execute_sql(dir / "r.db", "UPDATE run_cap_total SET total = '5' WHERE run_id = 2 AND cap_group = 'msft-lifetime'");
    CHECK(verify_problems(dir) == "verify: 1 problem:\n"
                                  "  run 2 (openai-microsoft 2026-03): cap group msft-lifetime totals 5 after the run, but its "
                                  "total before (0) and its rows' shares give 0\n");
    execute_sql(dir / "r.db", "UPDATE run_cap_total SET total = '0' WHERE run_id = 2; "
                              "UPDATE settlement_run SET is_current = 0 WHERE run_id = 2");
    const std::string problems = verify_problems(dir);
    CHECK(problems.find("  run 2 (openai-microsoft 2026-03) is not current, but no run replaced it: its statement no longer "
                        "counts anywhere\n") != std::string::npos);
    CHECK(problems.find("  closed openai-microsoft 2026-03: its run 2 is not current\n") != std::string::npos);
}

TEST_CASE("Tamper: an import row deleted leaves its lines, scopes and quarantined rows behind; verify names them") {
    ScratchDir dir;
    closed_february_and_march(dir);
    const std::string import_id = query_value(dir / "r.db", "SELECT max(import_id) FROM import");
    const std::string lines = query_value(dir / "r.db", "SELECT count(*) FROM line WHERE import_id = " + import_id);
    const std::string scopes = query_value(dir / "r.db", "SELECT count(*) FROM import_scope WHERE import_id = " + import_id);
    const std::string quarantined = query_value(dir / "r.db", "SELECT count(*) FROM quarantine WHERE import_id = " + import_id);
    REQUIRE(lines != "0");
    execute_sql(dir / "r.db", "PRAGMA foreign_keys = OFF; DELETE FROM import WHERE import_id = " + import_id);
    CHECK(verify_problems(dir) == "verify: 1 problem:\n  import " + import_id + " is gone, yet " + lines + " lines, " +
                                      scopes + " scopes and " + quarantined +
                                      " quarantined rows name it: its import row was deleted, and its lines would be "
                                      "settled with no delivery behind them\n");
    // settle and nightly refuse to settle them.
    const auto settled = run_revshare("--db r.db settle --period 2026-04", dir.path());
    CHECK(settled.exit_code == 3);
    CHECK(settled.err == "revshare: error: settle: import " + import_id +
                             " is gone, yet its lines are still in the database (its import row was deleted): nothing "
                             "is settled; run revshare verify\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM settlement_run WHERE period = '2026-04'") == "0");
}

TEST_CASE("Tamper: a closed run's journal rewritten so that it still sums to zero is found by verify") {
    ScratchDir dir;
    closed_february_and_march(dir);
    execute_sql(dir / "r.db", "UPDATE journal_entry SET amount = CASE WHEN amount LIKE '-%' THEN '-1.00' ELSE '1.00' END, "
                              "amount_minor = CASE WHEN amount_minor < 0 THEN -100 ELSE 100 END WHERE run_id = 1");
    CHECK(verify_problems(dir) ==
          "verify: 1 problem:\n  run 1 (openai-microsoft 2026-02): journal entry 1 is not what its statement rows give: "
          "stored openai payable -1.00 (to microsoft, msft-share-of-openai 2023-extension from 2026-02-01), derived openai "
          "payable -28855.18 (to microsoft, msft-share-of-openai 2023-extension from 2026-02-01)\n");
}

TEST_CASE("Tamper: a closed statement row's segment dates or version (outside its hash) changed are found by verify") {
    ScratchDir dir;
    closed_february_and_march(dir);
    SUBCASE("dates") {
        execute_sql(dir / "r.db", "UPDATE statement_row SET segment_start = '2026-02-20', segment_end = '2026-02-21' "
                                  "WHERE run_id = 1 AND row_number = 1");
        // The journal entry keeps the row's old start: it no longer follows from the row either.
        CHECK(verify_problems(dir) ==
              "verify: 2 problems:\n  run 1 (openai-microsoft 2026-02): journal entry 1 is not what its statement rows "
              "give: stored openai payable -28855.18 (to microsoft, msft-share-of-openai 2023-extension from 2026-02-01), "
              "derived openai payable -28855.18 (to microsoft, msft-share-of-openai 2023-extension from 2026-02-20)\n"
              "  run 1 (openai-microsoft 2026-02): statement row 1 (msft-share-of-openai, version "
              "2023-extension, 2026-02-20 to 2026-02-21) is not a segment of 2026-02 under the run's contract: its dates "
              "or version were changed\n");
    }
    SUBCASE("version") {
        execute_sql(dir / "r.db", "UPDATE statement_row SET version_id = 'forged' WHERE run_id = 1 AND row_number = 1");
        CHECK(verify_problems(dir).find("run 1 (openai-microsoft 2026-02): statement row 1 (msft-share-of-openai, version "
                                        "forged, 2026-02-01 to 2026-03-01) is not a segment of 2026-02 under the run's "
                                        "contract: its dates or version were changed\n") != std::string::npos);
    }
}
