// Runs killed (SIGKILL, via REVSHARE_CRASH_AT) in the middle of settle, close and report, then
// run again (issue 8): after each kill the database passes PRAGMA integrity_check and `revshare
// verify` (journals balance, import counts add up, closes chain); after the rerun and the rest of
// the session, the database and every report file are exactly those of an uninterrupted session,
// with no temporary file left. (Kills during import and nightly: tests/app.)
#include "tests/hardening/hardening_support.hpp"

using namespace revshare::testing;
using namespace revshare::testing::hardening;

namespace {

// The session after the one-time setup: settle Feb-Apr, close Feb and Mar, report April.
const std::vector<std::vector<std::string>> session = {
    {"--db", "r.db", "--quiet", "settle", "--period", "2026-04"},
    {"--db", "r.db", "close", "--period", "2026-02"},
    {"--db", "r.db", "close", "--period", "2026-03"},
    {"--db", "r.db", "--quiet", "report", "--period", "2026-04", "--out", "out"},
};

// The one-time setup: every fixture export, the FX rates and the seed contract.
void set_up(const fs::path& dir) {
    std::vector<std::string> import{"--db", "r.db", "import"};
    for (const auto& entry : fs::recursive_directory_iterator(fixtures_dir() / "exports")) {
        if (entry.is_regular_file() && entry.path().extension() != ".md") import.push_back(entry.path().string());
    }
    std::sort(import.begin() + 3, import.end());
    REQUIRE(run_child(import, dir).exit_code == 1);  // 3 rows of cur-2026-05.csv are quarantined on purpose
    REQUIRE(run_child({"--db", "r.db", "fx", "import", (fixtures_dir() / "fx/eur-usd-2026.csv").string()}, dir).exit_code == 0);
    REQUIRE(run_child({"--db", "r.db", "contract", "add", (fixtures_dir() / "contracts/openai-microsoft.toml").string()}, dir)
                .exit_code == 0);
}

}  // namespace

TEST_CASE("Kill: settle, close and report killed at many points, run again, end exactly as uninterrupted") {
    ScratchDir setup;
    set_up(setup.path());
    ScratchDir reference;
    copy_directory(setup.path(), reference.path());
    for (const auto& step : session) REQUIRE(run_child(step, reference.path()).exit_code == 0);
    const std::string expected_database = stored_state(reference / "r.db");
    const auto expected_reports = files_under(reference / "out");
    REQUIRE(expected_reports.size() >= 2);

    struct Kill {
        std::size_t step;   // index in `session`
        std::string point;  // REVSHARE_CRASH_AT
    };
    // settle-commit:n: before the n-th period's run commits (Feb, then Mar, then Apr), so
    // :2 and :3 leave the earlier periods settled. close-commit: before a close commits.
    // atomic-write-rename:n: the n-th report file written to a temporary, not yet renamed.
    const std::vector<Kill> kills = {
        {0, "settle-commit:1"}, {0, "settle-commit:2"}, {0, "settle-commit:3"},
        {1, "close-commit:1"},  {2, "close-commit:1"},  {3, "atomic-write-rename:1"},
        {3, "atomic-write-rename:" + std::to_string(expected_reports.size())},
    };
    for (const auto& kill : kills) {
        CAPTURE(kill.point);
        CAPTURE(kill.step);
        ScratchDir dir;
        copy_directory(setup.path(), dir.path());
        for (std::size_t i = 0; i < kill.step; ++i) REQUIRE(run_child(session[i], dir.path()).exit_code == 0);
        ChildOptions crash;
        crash.environment.emplace_back("REVSHARE_CRASH_AT", kill.point);
        const auto killed = run_child(session[kill.step], dir.path(), crash);
        CHECK(killed.exit_code == 128 + 9);
        check_verified(dir.path());
        for (std::size_t i = kill.step; i < session.size(); ++i) {
            const auto rerun = run_child(session[i], dir.path());
            CHECK(rerun.exit_code == 0);
            CHECK(rerun.err == "");
            check_verified(dir.path());  // the invariants hold after every command
        }
        CHECK(stored_state(dir / "r.db") == expected_database);
        CHECK(files_under(dir / "out") == expected_reports);
    }
}
