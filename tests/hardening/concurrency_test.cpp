// Several `revshare` processes on one database at once (issue 8): imports, settles, reports and
// verify started together, repeated. Each waits for the write lock (a bounded busy timeout)
// and finishes, or fails with exit 3 and the message that names the lock; never a raw
// "database is locked", never a lost or doubled update: the final database and reports equal
// those of the same commands run one after another.
#include "tests/app/nightly_test_support.hpp"
#include "tests/hardening/hardening_support.hpp"

#include <SQLiteCpp/Database.h>

using namespace revshare::testing;
using namespace revshare::testing::hardening;

namespace {

const std::string lock_message =
    "revshare: error: database r.db is locked: another revshare run held its write lock for more than 10 s; this command "
    "stopped and its unfinished step was rolled back (SQLite: database is locked); run it again when the other run has "
    "finished\n";

std::string fixture(const std::string& relative) { return (fixtures_dir() / relative).string(); }

// February delivered, FX rates and the seed contract stored, February settled.
void set_up(const fs::path& dir) {
    REQUIRE(run_child({"--db", "r.db", "import", fixture("exports/aws-cur/cur-2026-02.csv"), fixture("exports/azure-ea/ea-2026-02.csv"),
                       fixture("exports/azure-mca/mca-2026-02.csv")},
                      dir)
                .exit_code == 0);
    REQUIRE(run_child({"--db", "r.db", "fx", "import", fixture("fx/eur-usd-2026.csv")}, dir).exit_code == 0);
    REQUIRE(run_child({"--db", "r.db", "contract", "add", fixture("contracts/openai-microsoft.toml")}, dir).exit_code == 0);
    REQUIRE(run_child({"--db", "r.db", "--quiet", "settle", "--period", "2026-02"}, dir).exit_code == 0);
}

// Commands whose result does not depend on their order: three deliveries of March (three
// billing accounts), February settled again (its inputs do not change), reported and verified.
const std::vector<std::vector<std::string>> concurrent_commands = {
    {"--db", "r.db", "import", fixture("exports/aws-cur/cur-2026-03.csv")},
    {"--db", "r.db", "import", fixture("exports/azure-ea/ea-2026-03.csv")},
    {"--db", "r.db", "import", fixture("exports/azure-mca/mca-2026-03.csv")},
    {"--db", "r.db", "--quiet", "settle", "--period", "2026-02"},
    {"--db", "r.db", "--quiet", "report", "--period", "2026-02", "--out", "out"},
    {"--db", "r.db", "verify"},
};

// After the concurrent commands: March settled and reported; February reported again (the
// concurrent report may have run before or after February was settled again).
const std::vector<std::vector<std::string>> afterwards = {
    {"--db", "r.db", "--quiet", "report", "--period", "2026-02", "--out", "out"},
    {"--db", "r.db", "--quiet", "settle", "--period", "2026-03"},
    {"--db", "r.db", "--quiet", "report", "--period", "2026-03", "--out", "out"},
};

// statement.csv and net.csv of every period written: what the settlement says, byte for byte.
// (lines.csv and reconciliation.csv name import and line ids, which follow the order in which
// concurrent imports happened to commit; the database comparison covers their content.)
std::vector<std::pair<std::string, std::string>> statements_under(const fs::path& out) {
    std::vector<std::pair<std::string, std::string>> statements;
    for (auto& file : files_under(out)) {
        const auto name = fs::path(file.first).filename();
        if (name == "statement.csv" || name == "net.csv") statements.push_back(std::move(file));
    }
    return statements;
}

}  // namespace

TEST_CASE("Concurrency: imports, settle, report and verify at once end as if run one after another") {
    ScratchDir sequential;
    set_up(sequential.path());
    for (const auto& command : concurrent_commands) REQUIRE(run_child(command, sequential.path()).exit_code == 0);
    for (const auto& command : afterwards) REQUIRE(run_child(command, sequential.path()).exit_code == 0);
    const std::string expected_database = nightly::database_content(sequential / "r.db");
    const auto expected_reports = statements_under(sequential / "out");

    for (int round = 0; round < 3; ++round) {
        CAPTURE(round);
        ScratchDir dir;
        set_up(dir.path());
        std::vector<Child> children;
        for (const auto& command : concurrent_commands) children.push_back(start_revshare(command, dir.path()));
        for (std::size_t i = 0; i < children.size(); ++i) {
            CAPTURE(concurrent_commands[i][2]);
            const auto result = finish(children[i]);
            CHECK((result.exit_code == 0 || result.exit_code == 3));
            if (result.exit_code == 3) {
                CHECK(result.err.rfind(lock_message, 0) == 0);
                REQUIRE(run_child(concurrent_commands[i], dir.path()).exit_code == 0);  // run again: it completes
            } else {
                CHECK(result.err == "");
            }
        }
        for (const auto& command : afterwards) REQUIRE(run_child(command, dir.path()).exit_code == 0);
        CHECK(nightly::database_content(dir / "r.db") == expected_database);
        CHECK(statements_under(dir / "out") == expected_reports);
        check_verified(dir.path());
    }
}

TEST_CASE("Concurrency: the same new file imported by two processes at once is stored once") {
    // Whether the content was imported is decided under the write lock, so the second run
    // sees the first one's import, whichever wins.
    for (int round = 0; round < 3; ++round) {
        CAPTURE(round);
        ScratchDir dir;
        const std::string file = (fixtures_dir() / "exports/aws-cur/cur-2026-03.csv").string();
        std::vector<Child> children;
        for (int i = 0; i < 2; ++i) children.push_back(start_revshare({"--db", "r.db", "import", file}, dir.path()));
        int imported = 0;
        int skipped = 0;
        for (auto& child : children) {
            const auto result = finish(child);
            CHECK(result.exit_code == 0);
            CHECK(result.err == "");
            if (result.out == file + ": imported as import 1 (aws-cur): 42 rows read, 42 lines, 0 quarantined\n") ++imported;
            if (result.out.rfind(file + ": already imported as import 1 (", 0) == 0) ++skipped;
        }
        CHECK(imported == 1);
        CHECK(skipped == 1);
        CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "1");
        CHECK(query_value(dir / "r.db", "SELECT count(*) FROM line") == "42");
        check_verified(dir.path());
    }
}

TEST_CASE("Concurrency: the same period settled by two processes at once: one current run, as when run in turn") {
    for (int round = 0; round < 3; ++round) {
        CAPTURE(round);
        ScratchDir dir;
        REQUIRE(run_child({"--db", "r.db", "import", fixture("exports/azure-ea/ea-2026-02.csv")}, dir.path()).exit_code == 0);
        REQUIRE(run_child({"--db", "r.db", "fx", "import", fixture("fx/eur-usd-2026.csv")}, dir.path()).exit_code == 0);
        REQUIRE(run_child({"--db", "r.db", "contract", "add", fixture("contracts/openai-microsoft.toml")}, dir.path()).exit_code == 0);
        const auto first = start_revshare({"--db", "r.db", "--quiet", "settle", "--period", "2026-02"}, dir.path());
        const auto second = start_revshare({"--db", "r.db", "--quiet", "settle", "--period", "2026-02"}, dir.path());
        const auto first_result = finish(first);
        const auto second_result = finish(second);
        CHECK(first_result.exit_code == 0);
        CHECK(second_result.exit_code == 0);
        CHECK(first_result.err == "");
        CHECK(second_result.err == "");
        // As when run one after the other: `settle --period P` settles P again even when its
        // inputs did not change (docs/commands.md), so the later run replaces the earlier, identical one.
        CHECK(query_value(dir / "r.db", "SELECT count(*) || ' runs, ' || sum(is_current) || ' current, ' || "
                                        "count(DISTINCT statement_sha256) || ' statement' FROM settlement_run") ==
              "2 runs, 1 current, 1 statement");
        CHECK(query_value(dir / "r.db", "SELECT replaced_by FROM settlement_run WHERE is_current = 0") ==
              query_value(dir / "r.db", "SELECT run_id FROM settlement_run WHERE is_current = 1"));
        check_verified(dir.path());
    }
}

TEST_CASE("Concurrency: a write lock held past the busy timeout fails with exit 3 naming the lock; nothing changes") {
    ScratchDir dir;
    REQUIRE(run_child({"--db", "r.db", "import", fixture("exports/azure-ea/ea-2026-02.csv")}, dir.path()).exit_code == 0);
    const std::string before = stored_state(dir / "r.db");
    {
        // Another process's long write transaction (here: this test's own connection).
        SQLite::Database holder((dir / "r.db").string(), SQLite::OPEN_READWRITE);
        holder.exec("BEGIN IMMEDIATE");
        const auto locked = run_child({"--db", "r.db", "import", fixture("exports/azure-mca/mca-2026-02.csv")}, dir.path());
        CHECK(locked.exit_code == 3);
        CHECK(locked.out == "");
        // The audit entry waits for the same lock, and says it was not written.
        CHECK(locked.err == lock_message +
                                "revshare: warning: the audit log of r.db was not written: database is locked\n");
        holder.exec("ROLLBACK");
    }
    CHECK(stored_state(dir / "r.db") == before);
    const auto again = run_child({"--db", "r.db", "import", fixture("exports/azure-mca/mca-2026-02.csv")}, dir.path());
    CHECK(again.exit_code == 0);
    check_verified(dir.path());
}
