// The read-ahead VFS of the line readers (schema/read_ahead_vfs.*): what it asks the kernel to
// read ahead for a sequence of reads, and that a connection opened through it reads and writes
// the database as the default VFS does.
#include "engine/core/error.hpp"
#include "schema/database.hpp"
#include "schema/read_ahead_vfs.hpp"
#include "tests/test_support.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <string>

using namespace revshare;
using namespace revshare::testing;
using Range = schema::ReadAheadWindow::Range;

namespace {
constexpr std::int64_t kb = 1024;
constexpr std::int64_t mb = 1024 * kb;
constexpr std::int64_t page = 16 * kb;
}  // namespace

TEST_CASE("ReadAheadWindow: forward steps keep 32 MB asked for, in halves; going back and jumping ask for nothing") {
    schema::ReadAheadWindow window;
    CHECK(window.read(0, page) == Range{});                       // the first read: no direction yet
    CHECK(window.read(page, page) == Range{2 * page, 32 * mb});   // a step forward: [its end, + 32 MB)
    CHECK(window.read(2 * page, page) == Range{});                // within what was asked for
    CHECK(window.read(5 * page, page) == Range{});                // a small skip (another reader's rows)
    CHECK(window.read(page, page) == Range{});                    // back: an interior page, another table
    // Still more than half a window asked for ahead of its end: nothing new.
    CHECK(window.read(16 * mb, page) == Range{});
    CHECK(window.read(16 * mb + page, page) == Range{});  // exactly half a window left
    // Less than half a window left: asked up to 32 MB past this read's end, from where it stopped.
    CHECK(window.read(16 * mb + 2 * page, page) == Range{32 * mb + 2 * page, 16 * mb + page});
    // A jump further than 4 MB asks for nothing; the step after it asks from there.
    CHECK(window.read(200 * mb, page) == Range{});
    CHECK(window.read(200 * mb + page, page) == Range{200 * mb + 2 * page, 32 * mb});
    CHECK(window.read(150 * mb, page) == Range{});  // back again
    CHECK(window.read(200 * mb + 4 * mb, page) == Range{});  // 4 MB on: still within what was asked for
}

TEST_CASE("read-ahead VFS: a connection through it reads and writes the database as the default VFS does") {
    ScratchDir dir;
    copy_fixture("exports/aws-cur/cur-2026-03.csv", dir.path());
    REQUIRE(run_revshare("--db r.db --quiet import cur-2026-03.csv", dir.path()).exit_code == 0);
    const std::string checksum_sql =
        "SELECT count(*) || ' ' || sum(line_id * source_line) || ' ' || group_concat(billed_cost, '|') FROM line";
    const std::string expected = query_value(dir / "r.db", checksum_sql);
    CHECK(expected.rfind("42 ", 0) == 0);  // the fixture's 42 lines
    {
        schema::Database through(dir / "r.db", schema::read_ahead_vfs());
        CHECK(through.sql().execAndGet(checksum_sql).getString() == expected);
        CHECK(through.sql().execAndGet("SELECT count(*) FROM line_dimensions").getInt() > 0);
        through.sql().exec("CREATE TABLE scratch (x INTEGER)");
        through.sql().exec("INSERT INTO scratch VALUES (7)");
    }
    CHECK(query_value(dir / "r.db", "SELECT x FROM scratch") == "7");
    // Opened again through it (registered once), and a missing folder fails as by default.
    schema::Database again(dir / "r.db", schema::read_ahead_vfs());
    CHECK(again.sql().execAndGet(checksum_sql).getString() == expected);
    const std::string missing = "cannot open database " + (dir / "missing/r.db").string() + ": unable to open database file";
    CHECK_THROWS_WITH_AS(schema::Database(dir / "missing/r.db"), missing.c_str(), revshare::Error);
    CHECK_THROWS_WITH_AS(schema::Database(dir / "missing/r.db", schema::read_ahead_vfs()), missing.c_str(), revshare::Error);
}
