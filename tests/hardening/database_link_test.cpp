// A database opened through a symbolic link (or a chain of them, relative ones from another
// folder) is the same database as by its own name: one archive and one nightly lock, beside
// the real file.
#include "tests/hardening/hardening_support.hpp"

#include <sys/file.h>

using namespace revshare;
using namespace revshare::testing;
using namespace revshare::testing::hardening;


TEST_CASE("Database link: imports through links archive beside the real file; show-line reads it back") {
    ScratchDir dir;
    fs::create_directories(dir / "data");
    fs::create_directories(dir / "links");
    const auto fixture = [](const std::string& name) { return (fixtures_dir() / "exports/aws-cur" / name).string(); };
    REQUIRE(run_child({"--db", "data/r.db", "import", fixture("cur-2026-02.csv")}, dir.path()).exit_code == 0);
    fs::create_symlink("data/r.db", dir / "link.db");
    fs::create_symlink("../link.db", dir / "links/deep.db");  // a relative link to a link

    CHECK(run_child({"--db", "link.db", "import", fixture("cur-2026-03.csv")}, dir.path()).exit_code == 0);
    CHECK(run_child({"--db", "links/deep.db", "import", fixture("cur-2026-05.csv")}, dir.path()).exit_code == 1);
    CHECK(files_under(dir / "data/r.db.archive").size() == 3);
    CHECK_FALSE(fs::exists(dir / "link.db.archive"));
    CHECK_FALSE(fs::exists(dir / "links/deep.db.archive"));

    const auto shown = run_child({"--db", "links/deep.db", "show-line", "--import", "2", "--line", "2"}, dir.path());
    CHECK(shown.exit_code == 0);
    CHECK(shown.out.rfind(fixture("cur-2026-03.csv") + ":2 (import 2, archived as ", 0) == 0);
    check_verified(dir.path(), "link.db");
}

TEST_CASE("Database link: nightly through a link takes the real file's lock") {
    ScratchDir dir;
    fs::create_directories(dir / "data");
    fs::create_directories(dir / "inbox");
    set_up_contract(dir.path(), "data/r.db");
    fs::create_symlink("data/r.db", dir / "link.db");

    // Another nightly run holds the lock, opened by the database's own name.
    const int held = ::open((dir / "data/r.db.nightly.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    REQUIRE(held >= 0);
    REQUIRE(::flock(held, LOCK_EX | LOCK_NB) == 0);
    const auto blocked = run_child({"--db", "link.db", "nightly", "--inbox", "inbox", "--out", "out"}, dir.path());
    ::close(held);
    CHECK(blocked.exit_code == 3);
    CHECK(blocked.err.find("nightly: another nightly run is in progress") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "link.db.nightly.lock"));

    const auto ran = run_child({"--db", "link.db", "nightly", "--inbox", "inbox", "--out", "out"}, dir.path());
    CHECK(ran.exit_code == 0);
    CHECK_FALSE(fs::exists(dir / "link.db.nightly.lock"));
}
