// `contract retire ID [--from YYYY-MM]` and `contract remove ID` (issue 24): a retired contract is
// no longer settled or closed from a month on, its closed periods stay verifiable and
// replayable; a contract that never closed a period is removed with its runs, and the database
// still verifies. Both are in the audit log and in the hash-chained contract_change table.
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <SQLiteCpp/Exception.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace revshare::testing;

namespace {

using Environment = std::vector<std::pair<std::string, std::string>>;
const Environment june_first = {{"REVSHARE_NOW", "2026-06-01T03:00:00Z"}};


void run_ok(const std::string& arguments, const ScratchDir& dir) {
    const auto result = run_revshare(arguments, dir.path(), june_first);
    const std::string why = arguments + ": " + result.err;
    REQUIRE_MESSAGE(result.exit_code == 0, why);
}

// The contract and the Azure EA exports of February to May; `settle_through` settled.
void add_contract_and_exports(const ScratchDir& dir, const std::string& settle_through) {
    run_ok("--db r.db fx import '" + (fixtures_dir() / "fx/eur-usd-2026.csv").string() + "'", dir);
    run_ok("--db r.db contract add '" + (fixtures_dir() / "contracts/openai-microsoft.toml").string() + "'", dir);
    for (const std::string month : {"02", "03", "04", "05"}) {
        run_ok("--db r.db import '" + (fixtures_dir() / ("exports/azure-ea/ea-2026-" + month + ".csv")).string() + "'", dir);
    }
    run_ok("--db r.db settle --period " + settle_through, dir);
}

// February to April settled, February closed.
void february_closed(const ScratchDir& dir) {
    copy_prepared(dir, "contract retire: February closed, March and April open", [](const ScratchDir& in) {
        add_contract_and_exports(in, "2026-04");
        run_ok("--db r.db close --period 2026-02", in);
    });
}

std::string count(const ScratchDir& dir, const std::string& table) {
    return query_value(dir / "r.db", "SELECT count(*) FROM " + table);
}

bool verifies(const ScratchDir& dir) {
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CAPTURE(verified.out);
    return verified.exit_code == 0 && verified.out.rfind("verified: ", 0) == 0;
}

}  // namespace

TEST_CASE("Retire: from a month after the last close on, nothing is settled or closed; the closed months stay as they were") {
    ScratchDir dir;
    february_closed(dir);
    const auto early = run_revshare("--db r.db contract retire openai-microsoft --from 2026-02", dir.path(), june_first);
    CHECK(early.exit_code == 2);
    CHECK(early.err == "revshare: error: contract retire: openai-microsoft --from 2026-02: 2026-02 is closed, and every "
                       "month up to it counts as closed; what was closed never changes: retire it from 2026-03 or later\n");
    const auto retired = run_revshare("--db r.db contract retire openai-microsoft --from 2026-04", dir.path(), june_first);
    CHECK(retired.exit_code == 0);
    CHECK(retired.out == "retired contract openai-microsoft from 2026-04: no month from then on is settled or closed; its "
                         "closed periods stay as they were\n"
                         "note: its open run of 2026-04 stays a draft, as it was: never settled again, never closed\n");
    CHECK(count(dir, "settlement_run") == "3");  // nothing deleted

    const auto named = run_revshare("--db r.db settle --period 2026-04 --contract openai-microsoft", dir.path(), june_first);
    CHECK(named.exit_code == 2);
    CHECK(named.err == "revshare: error: settle: openai-microsoft 2026-04: the contract is retired from 2026-04 (revshare "
                       "contract retire): no month from then on is settled; its closed periods stay as they were\n");
    const auto all = run_revshare("--db r.db settle --period 2026-05", dir.path(), june_first);
    CHECK(all.exit_code == 2);
    CHECK(all.err == "revshare: error: settle: every contract with a version in force in 2026-05 is retired by then "
                     "(revshare log names the retirements); nothing to settle\n");
    CHECK(count(dir, "settlement_run") == "3");
    const auto march = run_revshare("--db r.db settle --period 2026-03", dir.path(), june_first);
    CHECK(march.exit_code == 0);
    CHECK(march.out == "settled openai-microsoft 2026-03 (run 4)\n");
    for (const std::string contract : {" --contract openai-microsoft", ""}) {
        CAPTURE(contract);
        const auto close = run_revshare("--db r.db close --period 2026-04" + contract, dir.path(), june_first);
        CHECK(close.exit_code == 2);
        CHECK(close.err == "revshare: error: close: cannot close openai-microsoft 2026-04: the contract is retired from "
                           "2026-04 (revshare contract retire): no month from then on is settled or closed\n");
    }
    run_ok("--db r.db close --period 2026-03", dir);
    CHECK(verifies(dir));
    const auto replay = run_revshare("--db r.db replay --period 2026-02", dir.path());
    CHECK(replay.exit_code == 0);
    CHECK(replay.out.find("identical") != std::string::npos);
    CHECK(run_revshare("--db r.db contract list", dir.path()).out.ends_with("  retired from 2026-04\n"));
    CHECK(run_revshare("--db r.db contract show openai-microsoft", dir.path()).out.find(
              "\n# retired from 2026-04: no month from then on is settled or closed\n") != std::string::npos);

    // A retirement moves only earlier, and never into a closed month.
    const auto later = run_revshare("--db r.db contract retire openai-microsoft --from 2026-05", dir.path(), june_first);
    CHECK(later.exit_code == 2);
    CHECK(later.err == "revshare: error: contract retire: openai-microsoft --from 2026-05: it is retired from 2026-04 "
                       "already; a retirement only moves earlier (there is no un-retiring: add the contract under a new id "
                       "to settle it again)\n");
    const auto again = run_revshare("--db r.db contract retire openai-microsoft --from 2026-04", dir.path(), june_first);
    CHECK(again.exit_code == 0);
    CHECK(again.out == "contract openai-microsoft is already retired from 2026-04; nothing changed\n");
    CHECK(run_revshare("--db r.db contract retire openai-microsoft --from 2026-03", dir.path(), june_first).exit_code == 2);
    CHECK(count(dir, "contract_change") == "1");

    // Nightly with new April lines: April is retired, so nothing is settled or written.
    std::filesystem::create_directories(dir / "inbox");
    copy_fixture("exports/aws-cur/cur-2026-04.csv.gz", dir / "inbox");
    const auto night = run_revshare("--db r.db nightly --inbox inbox --out out", dir.path(), june_first);
    CHECK(night.exit_code == 0);
    CHECK(night.out.find("\n  periods settled: 0\n  reports written: 0 periods, in out\n") != std::string::npos);
    CHECK(count(dir, "settlement_run") == "4");
    CHECK(verifies(dir));

    const std::string log = run_revshare("--db r.db log", dir.path()).out;
    CHECK(log.find("  exit 0  revshare contract retire openai-microsoft --from 2026-04\n") != std::string::npos);
    CHECK(log.find("  exit 2  revshare contract retire openai-microsoft --from 2026-05\n") != std::string::npos);
    CHECK(log.find("; contract changes 1 chain " +
                   query_value(dir / "r.db", "SELECT chain_sha256 FROM contract_change WHERE change_id = 1") + "\n") !=
          std::string::npos);
}

TEST_CASE("Remove: refused while a period is closed; a contract with only open runs goes with its runs, and verifies") {
    ScratchDir closed;
    february_closed(closed);
    const auto refused = run_revshare("--db r.db contract remove openai-microsoft", closed.path(), june_first);
    CHECK(refused.exit_code == 2);
    CHECK(refused.err == "revshare: error: contract remove: openai-microsoft has closed period 2026-02, and what was closed "
                         "is never deleted; nothing was removed (revshare contract retire openai-microsoft stops settling it "
                         "instead)\n");
    CHECK(count(closed, "settlement_run") == "3");
    CHECK(count(closed, "contract_text") == "1");

    ScratchDir dir;
    add_contract_and_exports(dir, "2026-03");
    run_ok("--db r.db settle --period 2026-03", dir);  // a replaced run too
    REQUIRE(count(dir, "settlement_run") == "3");
    // Retired first (every month: none is closed), then moved earlier, then removed.
    const auto retired = run_revshare("--db r.db contract retire openai-microsoft", dir.path(), june_first);
    CHECK(retired.out == "retired contract openai-microsoft from 2019-07: no month from then on is settled or closed; its "
                         "closed periods stay as they were\n"
                         "note: its open runs of 2026-02, 2026-03 stay drafts, as they were: never settled again, never "
                         "closed\n");
    const auto earlier = run_revshare("--db r.db contract retire openai-microsoft --from=2019-01", dir.path(), june_first);
    CHECK(earlier.out.rfind("retired contract openai-microsoft from 2019-01 (it was retired from 2019-07): ", 0) == 0);
    const auto removed = run_revshare("--db r.db contract remove openai-microsoft", dir.path(), june_first);
    CHECK(removed.exit_code == 0);
    CHECK(removed.out == "removed contract openai-microsoft: deleted 1 contract text (sha256 "
                         "878e696a928245ff52a0c383eb4143c8b509767cadc6c787ad6af0543793141e) and 3 runs\n");
    for (const std::string table : {"settlement_run", "statement_row", "net_row", "journal_entry", "run_cap_total",
                                    "run_cap_before", "run_carried_before", "run_import", "run_adjusted_period",
                                    "run_provider_revenue", "run_revenue_stored", "contract_text"}) {
        CAPTURE(table);
        CHECK(count(dir, table) == "0");
    }
    CHECK(query_value(dir / "r.db", "SELECT group_concat(kind || ' ' || coalesce(from_period, '-') || ': ' || detail, ' | ') "
                                    "FROM contract_change") ==
          "retire 2019-07: retired from 2019-07; open runs left as drafts: 2026-02, 2026-03 | "
          "retire 2019-01: retired from 2019-01, moved from 2019-07; open runs left as drafts: 2026-02, 2026-03 | "
          "remove -: deleted 1 contract text (sha256 878e696a928245ff52a0c383eb4143c8b509767cadc6c787ad6af0543793141e) "
          "and 3 runs (2026-02, 2026-03, 2026-03)");
    CHECK(verifies(dir));
    CHECK(run_revshare("--db r.db contract list", dir.path()).out.empty());
    const auto gone = run_revshare("--db r.db contract remove openai-microsoft", dir.path(), june_first);
    CHECK(gone.exit_code == 2);
    CHECK(gone.err == "revshare: error: contract remove: no contract 'openai-microsoft' (see revshare contract list)\n");

    // The id added again starts afresh: not retired, settled as before.
    run_ok("--db r.db contract add '" + (fixtures_dir() / "contracts/openai-microsoft.toml").string() + "'", dir);
    CHECK_FALSE(run_revshare("--db r.db contract list", dir.path()).out.ends_with("retired from 2019-01\n"));
    const auto settled = run_revshare("--db r.db settle --period 2026-03", dir.path(), june_first);
    CHECK(settled.exit_code == 0);
    CHECK(settled.out == "settled openai-microsoft 2026-02 (run 1)\nsettled openai-microsoft 2026-03 (run 2)\n");
    CHECK(verifies(dir));
}

TEST_CASE("Retire and remove are tamper-evident: contract_change refuses edits, and verify finds one made anyway") {
    ScratchDir dir;
    february_closed(dir);
    run_ok("--db r.db contract retire openai-microsoft --from 2026-04", dir);
    run_ok("--db r.db contract retire openai-microsoft --from 2026-03", dir);
    CHECK(verifies(dir));
    CHECK_THROWS_AS(edit_database(dir / "r.db", "UPDATE contract_change SET from_period = '2026-05' WHERE change_id = 2"),
                    SQLite::Exception);
    CHECK_THROWS_AS(edit_database(dir / "r.db", "DELETE FROM contract_change WHERE change_id = 2"), SQLite::Exception);

    // The latest retirement edited to a later month, triggers dropped: its hash no longer holds.
    edit_database(dir / "r.db", "DROP TRIGGER contract_change_no_update; DROP TRIGGER contract_change_no_delete");
    edit_database(dir / "r.db", "UPDATE contract_change SET from_period = '2026-05' WHERE change_id = 2");
    auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK(verified.exit_code == 1);
    CHECK(verified.out.find("\n  contract_change row 2 (retire openai-microsoft): its chain hash ") != std::string::npos);
    CHECK(verified.out.find("is not what its fields give (") != std::string::npos);

    // Deleted instead: the audit log recorded two changes and their chain head.
    edit_database(dir / "r.db", "DELETE FROM contract_change WHERE change_id = 2");
    verified = run_revshare("--db r.db verify", dir.path());
    CHECK(verified.exit_code == 1);
    CHECK(verified.out.find(" recorded 2 contract retirements and removals with chain sha256 ") != std::string::npos);
    CHECK(verified.out.find(", which contract_change no longer holds (it holds 1 rows): a retirement or removal was "
                            "deleted or rewritten\n") != std::string::npos);
}

TEST_CASE("Retire and remove: an unknown contract, a bad --from, --from elsewhere are refused (exit 2)") {
    ScratchDir dir;
    february_closed(dir);
    const auto unknown = run_revshare("--db r.db contract retire nope", dir.path(), june_first);
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err == "revshare: error: contract retire: no contract 'nope' (see revshare contract list)\n");
    const auto month = run_revshare("--db r.db contract retire openai-microsoft --from 2026-13", dir.path(), june_first);
    CHECK(month.exit_code == 2);
    CHECK(month.err == "revshare: contract retire: --from '2026-13': expected YYYY-MM (e.g. 2026-04)\n");
    const auto elsewhere = run_revshare("--db r.db contract list --from 2026-03", dir.path(), june_first);
    CHECK(elsewhere.exit_code == 2);
    CHECK(elsewhere.err == "revshare: contract: --from goes with contract retire ID only\n");
    const auto bare = run_revshare("--db r.db contract remove", dir.path(), june_first);
    CHECK(bare.exit_code == 2);
    CHECK(bare.err == "revshare: usage: revshare contract add FILE | contract check FILE [--period YYYY-MM] | contract "
                      "list | contract show ID | contract retire ID [--from YYYY-MM] | contract remove ID\n");
    CHECK(count(dir, "contract_change") == "0");
    CHECK(verifies(dir));
}
