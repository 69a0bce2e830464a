// A full disk while importing and while writing reports (issue 8), simulated with RLIMIT_FSIZE
// in the child process (SIGXFSZ ignored, so a write past the limit fails with EFBIG as a write to
// a full disk fails with ENOSPC). The command says so clearly (exit 2), leaves no temporary and
// no partial file behind, and the database is unchanged and intact; with room again, the same
// command gives the uninterrupted result.
#include "tests/hardening/hardening_support.hpp"

using namespace revshare::testing;
using namespace revshare::testing::hardening;

namespace {

// Files under `dir` whose name marks a temporary (`.name.tmp-<pid>`).
std::vector<std::string> temporaries_under(const fs::path& dir) {
    std::vector<std::string> found;
    for (const auto& [name, content] : files_under(dir)) {
        if (name.find(".tmp-") != std::string::npos) found.push_back(name);
    }
    return found;
}

void set_up(const fs::path& dir) {
    REQUIRE(run_child({"--db", "r.db", "import", (fixtures_dir() / "exports/azure-ea/ea-2026-04.csv").string(),
                       (fixtures_dir() / "exports/aws-cur/cur-2026-04.csv.gz").string()},
                      dir)
                .exit_code == 0);
    REQUIRE(run_child({"--db", "r.db", "fx", "import", (fixtures_dir() / "fx/eur-usd-2026.csv").string()}, dir).exit_code == 0);
    REQUIRE(run_child({"--db", "r.db", "contract", "add", (fixtures_dir() / "contracts/openai-microsoft.toml").string()}, dir)
                .exit_code == 0);
}

}  // namespace

TEST_CASE("Full disk: an import that cannot write is rolled back with a clear message; with room again it imports") {
    ScratchDir dir;
    set_up(dir.path());
    const std::string before = stored_state(dir / "r.db");
    const auto archived_before = files_under(dir / "r.db.archive");
    // A real export of 1281 rows (1 MB): its write-ahead log grows past 128 KB (about 200 KB).
    const std::string export_file =
        (samples_dir() / "aws-cur-legacy/focus_converters-sample-anonymous-aws-export-dataset.csv").string();

    ChildOptions full_disk;
    full_disk.file_size_max = 128 * 1024;
    const auto refused = run_child({"--db", "r.db", "import", export_file}, dir.path(), full_disk);
    CHECK(refused.exit_code == 2);
    CHECK(refused.out == "");
    CHECK(refused.err == "revshare: error: database r.db: cannot write (SQLite: disk I/O error); is the disk full? the "
                         "unfinished step was rolled back; free space and run it again\n");
    CHECK(query_value(dir / "r.db", "PRAGMA integrity_check") == "ok");
    CHECK(stored_state(dir / "r.db") == before);
    CHECK(temporaries_under(dir.path()).empty());
    check_verified(dir.path());

    const auto again = run_child({"--db", "r.db", "import", export_file}, dir.path());
    CHECK(again.exit_code == 0);
    CHECK(again.out == export_file + ": imported as import 3 (aws-cur): 1281 rows read, 1281 lines, 0 quarantined\n");
    // The failed run may have archived the file already (an archived copy no import names is
    // harmless, docs/commands.md "Importing"); the rerun reuses it: one more archived file, not two.
    CHECK(files_under(dir / "r.db.archive").size() == archived_before.size() + 1);
    check_verified(dir.path());
}

TEST_CASE("Full disk: a report that cannot be written leaves no partial file; with room again it is complete") {
    ScratchDir dir;
    set_up(dir.path());
    REQUIRE(run_child({"--db", "r.db", "--quiet", "settle", "--period", "2026-04"}, dir.path()).exit_code == 0);
    ScratchDir reference;
    copy_directory(dir.path(), reference.path());
    REQUIRE(run_child({"--db", "r.db", "--quiet", "report", "--period", "2026-04", "--out", "out"}, reference.path()).exit_code == 0);
    const auto expected = files_under(reference / "out");
    const std::string before = stored_state(dir / "r.db");

    // An open connection keeps the database's shared-memory file at its size, so that the
    // limited child can open the database and fails only where it writes report files.
    SQLite::Database reader((dir / "r.db").string(), SQLite::OPEN_READONLY);
    REQUIRE(reader.execAndGet("SELECT count(*) FROM settlement_run").getInt() == 1);
    ChildOptions full_disk;
    full_disk.file_size_max = 8 * 1024;  // report files larger than 8 KB cannot be written
    const auto refused = run_child({"--db", "r.db", "--quiet", "report", "--period", "2026-04", "--out", "out"}, dir.path(), full_disk);
    CHECK(refused.exit_code == 2);
    CHECK(refused.out == "");
    CHECK(refused.err.rfind("revshare: error: cannot write out/openai-microsoft/2026-04/", 0) == 0);
    CHECK(refused.err.find(": File too large; nothing was written\n") != std::string::npos);
    CHECK(temporaries_under(dir / "out").empty());
    // Each file is written whole or not at all; statement.csv, written last, is absent.
    for (const auto& written : files_under(dir / "out")) {
        const std::string& file_name = written.first;
        CAPTURE(file_name);
        const auto same = std::find_if(expected.begin(), expected.end(), [&](const auto& file) { return file.first == file_name; });
        REQUIRE(same != expected.end());
        CHECK(written.second == same->second);
    }
    CHECK(!fs::exists(dir / "out/openai-microsoft/2026-04/statement.csv"));
    CHECK(stored_state(dir / "r.db") == before);

    const auto again = run_child({"--db", "r.db", "--quiet", "report", "--period", "2026-04", "--out", "out"}, dir.path());
    CHECK(again.exit_code == 0);
    CHECK(files_under(dir / "out") == expected);
    check_verified(dir.path());
}
