// `revshare nightly` runs one at a time and can be killed anywhere (issue 5): a second run while
// one is going, a lock left by a killed run, and runs killed at many points then run again,
// compared with an uninterrupted run.
#include "tests/app/nightly_test_support.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace revshare::testing;
using namespace revshare::testing::nightly;

namespace {

// Holds an exclusive flock on `path`, as a running nightly does, until destroyed.
class HeldLock {
public:
    HeldLock(const fs::path& path, const std::string& content) : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
        REQUIRE(fd_ >= 0);
        REQUIRE(::flock(fd_, LOCK_EX | LOCK_NB) == 0);
        REQUIRE(::write(fd_, content.data(), content.size()) == static_cast<ssize_t>(content.size()));
    }
    ~HeldLock() { ::close(fd_); }
    HeldLock(const HeldLock&) = delete;
    HeldLock& operator=(const HeldLock&) = delete;

private:
    int fd_;
};

}  // namespace

TEST_CASE("Nightly: a second run while one is going exits 3 at once and names the other run") {
    ScratchDir dir;
    fs::create_directories(dir / "inbox");
    const HeldLock running(dir / "r.db.nightly.lock", "4242 2026-06-01T02:59:00Z\n");
    const auto started = std::chrono::steady_clock::now();
    const auto second = run_revshare(nightly_command, dir.path(), first_night);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));  // does not wait
    CHECK(second.exit_code == 3);
    CHECK(second.out == "");
    CHECK(second.err == "revshare: error: nightly: another nightly run is in progress (process 4242, started "
                        "2026-06-01T02:59:00Z; lock file r.db.nightly.lock); this run did nothing\n");
    CHECK(!fs::exists(dir / "r.db"));
    CHECK(!fs::exists(dir / "out"));
}

TEST_CASE("Nightly: a lock file left by a killed run does not block the next run") {
    ScratchDir dir;
    add_contract(dir);
    fill_inbox(dir / "inbox", {"azure-ea/ea-2026-02.csv"});
    Environment crash = first_night;
    crash.emplace_back("REVSHARE_CRASH_AT", "nightly-after-import:1");
    const auto killed = run_revshare(nightly_command, dir.path(), crash);
    CHECK(killed.exit_code == 128 + 9);
    const std::string left = read_file(dir / "r.db.nightly.lock");
    CHECK(left.find(" 2026-06-01T03:00:00Z\n") != std::string::npos);  // "<pid> <start>" of the killed run

    const auto next = run_revshare(nightly_command, dir.path(), second_night);
    CHECK(next.exit_code == 0);
    CHECK(summary_of(next) ==
          "summary:\n"
          "  files imported: 0\n"
          "  files skipped (already imported): 1\n"
          "  files refused: 0\n"
          "  rows quarantined: 0\n"
          "  periods settled: 1\n"
          "    openai-microsoft 2026-02 (run 1): openai pays microsoft 3717.02 USD\n"
          "  reports written: 1 period, in out\n"
          "  exit 0: all done\n");
    const std::string now_left = read_file(dir / "r.db.nightly.lock");
    CHECK(now_left != left);
    CHECK(now_left.find(" 2026-06-02T03:00:00Z\n") != std::string::npos);
}

TEST_CASE("Nightly: a run killed at any point, run again, ends exactly where an uninterrupted run ends") {
    // The uninterrupted run, and the one-time setup each killed run starts from.
    ScratchDir reference;
    add_contract(reference);
    ScratchDir setup;
    for (const auto& entry : fs::directory_iterator(reference.path())) fs::copy(entry.path(), setup / entry.path().filename().string());
    fill_inbox(reference / "inbox", fixture_exports());
    REQUIRE(run_revshare(nightly_command, reference.path(), first_night).exit_code == 1);
    const std::string expected_database = database_content(reference / "r.db");
    const auto expected_reports = report_files(reference / "out");
    REQUIRE(expected_reports.size() == 28);  // 7 report files (statement.xlsx among them) for each of 4 periods

    // Points in every stage: mid-import, before an import commits, between imports, before a
    // settlement commits, between settling and reporting, while a report or the summary is
    // being written (a temporary left behind), between reports, before the summary.
    for (const std::string point :
         {"import-row:1", "import-row:400", "import-commit:1", "import-commit:13", "nightly-after-import:3",
          "nightly-after-import:25", "settle-commit:1", "settle-commit:3", "nightly-after-settle:1",
          "atomic-write-rename:1", "atomic-write-rename:6", "nightly-report-written:2", "nightly-summary:1",
          "atomic-write-rename:9"}) {
        CAPTURE(point);
        ScratchDir dir;
        for (const auto& entry : fs::directory_iterator(setup.path())) fs::copy(entry.path(), dir / entry.path().filename().string());
        fill_inbox(dir / "inbox", fixture_exports());
        Environment crash = first_night;
        crash.emplace_back("REVSHARE_CRASH_AT", point);
        CHECK(run_revshare(nightly_command, dir.path(), crash).exit_code == 128 + 9);
        const auto rerun = run_revshare(nightly_command, dir.path(), first_night);
        CHECK((rerun.exit_code == 0 || rerun.exit_code == 1));
        CHECK(query_value(dir / "r.db", "PRAGMA integrity_check") == "ok");
        CHECK(database_content(dir / "r.db") == expected_database);
        CHECK(report_files(dir / "out") == expected_reports);
    }
}
