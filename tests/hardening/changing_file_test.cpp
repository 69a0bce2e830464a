// A delivery that changes while it is imported (truncated, appended to, rewritten in place,
// replaced by a rename), by `import` and by `nightly`: the change is made by the test hook
// REVSHARE_CHANGE_FILE_AT (runtime/fault_injection.hpp) after the first MiB was read and archived.
// The import is refused, nothing is stored or archived, and the complete file then imports,
// recorded under the SHA-256 and size of exactly its bytes.
#include "engine/core/sha256.hpp"
#include "tests/hardening/hardening_support.hpp"

using namespace revshare;
using namespace revshare::testing;
using namespace revshare::testing::hardening;

namespace {

// The February CUR's 27 rows 150 times: 4050 rows, about 3.3 MB (more than the 1 MiB read
// before the change).
std::string large_export() {
    const std::string fixture = read_file(fixtures_dir() / "exports/aws-cur/cur-2026-02.csv");
    const auto header_end = fixture.find('\n') + 1;
    std::string content = fixture.substr(0, header_end);
    for (int i = 0; i < 150; ++i) content += fixture.substr(header_end);
    return content;
}

// The last line of `content` (which ends in a newline), newline included.
std::string last_line(const std::string& content) { return content.substr(content.rfind('\n', content.size() - 2) + 1); }

ChildOptions changing(const std::string& change) {
    ChildOptions options;
    options.environment.emplace_back("REVSHARE_CHANGE_FILE_AT", "archive-write:1:" + change);
    return options;
}

// The message for `change` of `content` (the hook makes it after 1 MiB was read).
std::string change_message(const std::string& change, const std::string& content) {
    const std::size_t size = content.size();
    if (change == "truncate") {
        return "it was cut short (" + std::to_string(size) + " bytes when opened, " + std::to_string(size / 2) + " read, " +
               std::to_string(size / 2) + " now)";
    }
    if (change == "append") {
        const std::string grown = std::to_string(size + last_line(content).size());
        return "it grew (" + std::to_string(size) + " bytes when opened, " + grown + " read, " + grown + " now)";
    }
    if (change == "rewrite") return "it was written to while it was read (its modification or change time moved)";
    return "its name now names another file or none (it was replaced or removed while it was read)";
}

// The last `count` lines of `text` (which ends in a newline).
std::string last_lines(const std::string& text, std::size_t count) {
    std::size_t from = text.size() - 1;  // its final newline
    for (std::size_t i = 0; i < count && from != std::string::npos && from > 0; ++i) from = text.rfind('\n', from - 1);
    return from == std::string::npos ? text : text.substr(from + 1);
}

// The archive folder holds no file at all (no temporary either).
bool archive_is_empty(const fs::path& dir) {
    return !fs::exists(dir / "r.db.archive") || fs::is_empty(dir / "r.db.archive");
}


}  // namespace

TEST_CASE("Changing file: import refuses a delivery changed while read, stores nothing; the complete file imports") {
    const std::string content = large_export();
    for (const std::string change : {"truncate", "append", "rewrite", "rename"}) {
        CAPTURE(change);
        ScratchDir dir;
        REQUIRE(run_child({"--db", "r.db", "init"}, dir.path()).exit_code == 0);
        const std::string before = stored_state(dir / "r.db");
        write_file(dir / "big.csv", content);

        const auto refused = run_child({"--db", "r.db", "import", "big.csv"}, dir.path(), changing(change));
        CHECK(refused.exit_code == 2);
        CHECK(refused.out == "");
        CHECK(last_lines(refused.err, 2) == "revshare: error: big.csv: the file changed while it was being imported: " +
                                                change_message(change, content) +
                                                "; import it again once its delivery is complete\n"
                                                "big.csv: refused; nothing was imported\n");
        CHECK(stored_state(dir / "r.db") == before);
        CHECK(archive_is_empty(dir.path()));

        // The delivery completed: as it was, or with the appended line.
        const std::string complete = change == "append" ? content + last_line(content) : content;
        write_file(dir / "big.csv", complete);
        const std::string rows = change == "append" ? "4051" : "4050";
        const auto imported = run_child({"--db", "r.db", "import", "big.csv"}, dir.path());
        CHECK(imported.exit_code == 0);
        CHECK(imported.out == "big.csv: imported as import 1 (aws-cur): " + rows + " rows read, " + rows + " lines, 0 quarantined\n");
        CHECK(imported.err == "");
        const std::string sha = Sha256::of(complete);
        CHECK(query_value(dir / "r.db", "SELECT sha256 || ' ' || size_bytes || ' ' || archive_name FROM import") ==
              sha + " " + std::to_string(complete.size()) + " " + sha + ".csv.gz");
        CHECK(files_under(dir / "r.db.archive").size() == 1);
        check_verified(dir.path());
    }
}

TEST_CASE("Changing file: a gzip delivery cut short after it was read is refused; the complete file imports") {
    ScratchDir dir;
    write_file(dir / "big.csv", large_export());
    REQUIRE(std::system(("gzip -n '" + (dir / "big.csv").string() + "'").c_str()) == 0);
    const std::string compressed = read_file(dir / "big.csv.gz");
    const auto refused = run_child({"--db", "r.db", "import", "big.csv.gz"}, dir.path(), changing("truncate"));
    CHECK(refused.exit_code == 2);
    CHECK(refused.err == "revshare: error: big.csv.gz: the file changed while it was being imported: it was cut short (" +
                             std::to_string(compressed.size()) + " bytes when opened, " + std::to_string(compressed.size()) +
                             " read, " + std::to_string(compressed.size() / 2) +
                             " now); import it again once its delivery is complete\nbig.csv.gz: refused; nothing was imported\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "0");
    CHECK(archive_is_empty(dir.path()));

    write_file(dir / "big.csv.gz", compressed);
    const auto imported = run_child({"--db", "r.db", "import", "big.csv.gz"}, dir.path());
    CHECK(imported.out == "big.csv.gz: imported as import 1 (aws-cur): 4050 rows read, 4050 lines, 0 quarantined\n");
    // A gzip delivery is archived as delivered: the archive holds its exact bytes.
    const std::string sha = Sha256::of(compressed);
    CHECK(query_value(dir / "r.db", "SELECT sha256 FROM import") == sha);
    CHECK(read_file(dir / "r.db.archive" / (sha + ".csv.gz")) == compressed);
}

TEST_CASE("Changing file: nightly refuses an inbox file changed while read; the next night imports it") {
    ScratchDir dir;
    fs::create_directories(dir / "inbox");
    set_up_contract(dir.path());
    const std::string content = large_export();
    write_file(dir / "inbox/big.csv", content);
    const auto refused = run_child({"--db", "r.db", "nightly", "--inbox", "inbox", "--out", "out"}, dir.path(), changing("append"));
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("revshare: error: inbox/big.csv: the file changed while it was being imported: " +
                           change_message("append", content) + "; import it again once its delivery is complete\n") !=
          std::string::npos);
    CHECK(refused.out.find("  files refused: 1\n") != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "0");
    CHECK(archive_is_empty(dir.path()));

    const auto next_night = run_child({"--db", "r.db", "nightly", "--inbox", "inbox", "--out", "out"}, dir.path());
    CHECK(next_night.exit_code == 0);
    CHECK(next_night.out.find("  files imported: 1\n") != std::string::npos);
    const std::string complete = content + last_line(content);
    CHECK(query_value(dir / "r.db", "SELECT sha256 || ' ' || rows_read FROM import") == Sha256::of(complete) + " 4051");
}
