// The import rules of issue 2, through the command line as a user runs it.
#include "tests/test_support.hpp"

#include "engine/core/sha256.hpp"

#include <doctest/doctest.h>

using namespace revshare::testing;

namespace {
std::string lines_current(const std::filesystem::path& db) {
    return query_value(db, "SELECT count(*) FROM line l JOIN import_scope s ON s.scope_id = l.scope_id "
                           "WHERE s.superseded_by IS NULL");
}
}  // namespace

TEST_CASE("CLI import: a file imports once; the same content again changes nothing") {
    ScratchDir dir;
    copy_fixture("exports/aws-cur/cur-2026-02.csv", dir.path());
    const auto first = run_revshare("--db r.db import cur-2026-02.csv", dir.path());
    CHECK(first.exit_code == 0);
    CHECK(first.out == "cur-2026-02.csv: imported as import 1 (aws-cur): 27 rows read, 27 lines, 0 quarantined\n");
    CHECK(first.err == "");
    CHECK(lines_current(dir / "r.db") == "27");

    // Same bytes under another name: still the same content.
    std::filesystem::copy_file(dir / "cur-2026-02.csv", dir / "again.csv");
    const auto second = run_revshare("--db r.db import again.csv", dir.path());
    CHECK(second.exit_code == 0);
    CHECK(second.out.rfind("again.csv: already imported as import 1 (cur-2026-02.csv, ", 0) == 0);
    CHECK(second.out.find("); nothing changed\n") != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "1");
    CHECK(lines_current(dir / "r.db") == "27");
}

TEST_CASE("CLI import: a file the size of an imported one is hashed first; each import stores its SHA-256") {
    // A file of a size never imported cannot be a copy: its SHA-256 is computed on the side
    // while it imports. One of a size already imported is hashed before parsing, to skip a copy.
    ScratchDir dir;
    copy_fixture("exports/aws-cur/cur-2026-02.csv", dir.path());
    std::string edited = read_file(dir / "cur-2026-02.csv");
    const auto at = edited.find(",5657.876,");
    REQUIRE(at != std::string::npos);
    edited.replace(at, 10, ",5657.877,");  // same size, other content
    write_file(dir / "edited.csv", edited);
    REQUIRE(run_revshare("--db r.db --quiet import cur-2026-02.csv", dir.path()).exit_code == 0);
    const auto second = run_revshare("--db r.db import edited.csv", dir.path());
    CHECK(second.exit_code == 0);
    CHECK(second.out ==
          "edited.csv: imported as import 2 (aws-cur): 27 rows read, 27 lines, 0 quarantined\n"
          "  supersedes import 1 (cur-2026-02.csv) for AWS billing account 111122223333, billing period 2026-02: "
          "its 27 lines no longer count\n");
    CHECK(query_value(dir / "r.db", "SELECT sha256 FROM import WHERE import_id = 1") ==
          "0bb264894ff3366fc7655e2d8c4fe598e46e3d69e977292e59dd4c1f72f493e0");
    const std::string edited_sha = revshare::Sha256::of(edited);
    CHECK(query_value(dir / "r.db", "SELECT sha256 FROM import WHERE import_id = 2") == edited_sha);
    CHECK(query_value(dir / "r.db", "SELECT size_bytes FROM import WHERE import_id = 2") == std::to_string(edited.size()));
    CHECK(std::filesystem::exists(dir / "r.db.archive" / (edited_sha + ".csv.gz")));
    // And the copy of either is still recognised.
    std::filesystem::copy_file(dir / "edited.csv", dir / "edited-again.csv");
    const auto third = run_revshare("--db r.db import edited-again.csv", dir.path());
    CHECK(third.out.rfind("edited-again.csv: already imported as import 2 (edited.csv, ", 0) == 0);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "2");
}

TEST_CASE("CLI import: a restated month supersedes the earlier delivery; nothing is deleted") {
    ScratchDir dir;
    copy_fixture("exports/aws-cur/cur-2026-03.csv", dir.path());
    copy_fixture("exports/aws-cur/cur-2026-03.restated.csv", dir.path());
    CHECK(run_revshare("--db r.db import cur-2026-03.csv", dir.path()).exit_code == 0);
    const auto restated = run_revshare("--db r.db import cur-2026-03.restated.csv", dir.path());
    CHECK(restated.exit_code == 0);
    CHECK(restated.out ==
          "cur-2026-03.restated.csv: imported as import 2 (aws-cur): 43 rows read, 43 lines, 0 quarantined\n"
          "  supersedes import 1 (cur-2026-03.csv) for AWS billing account 111122223333, billing period 2026-03: "
          "its 42 lines no longer count\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM line") == "85");
    CHECK(lines_current(dir / "r.db") == "43");
    CHECK(query_value(dir / "r.db", "SELECT superseded_by FROM import_scope WHERE import_id = 1") == "2");
}

TEST_CASE("CLI import: bad rows go to quarantine with file, line, field and reason; the rest imports") {
    ScratchDir dir;
    copy_fixture("exports/aws-cur/cur-2026-05.csv", dir.path());
    const auto result = run_revshare("--db r.db import cur-2026-05.csv", dir.path());
    CHECK(result.exit_code == 1);
    CHECK(result.out ==
          "cur-2026-05.csv: imported as import 1 (aws-cur): 98 rows read, 95 lines, 3 quarantined\n"
          "  quarantined: 1 bad-date, 1 bad-number, 1 column-count\n");
    CHECK(result.err.find("cur-2026-05.csv:19:23: error[bad-number]: lineItem/UnblendedCost: '12,5x' is not a "
                          "number (unexpected character ',')\n") != std::string::npos);
    CHECK(result.err.find("cur-2026-05.csv:54:12: error[bad-date]: lineItem/UsageStartDate: '2026-02-30T00:00:00Z' "
                          "is not a valid date\n") != std::string::npos);
    CHECK(result.err.find("cur-2026-05.csv:90: error[column-count]: expected 96 columns (as in the header), found 95\n") !=
          std::string::npos);
    const auto db = dir / "r.db";
    CHECK(query_value(db, "SELECT group_concat(source_line || ' ' || code || ' ' || field, '; ') FROM "
                          "(SELECT * FROM quarantine ORDER BY source_line)") ==
          "19 bad-number lineItem/UnblendedCost; 54 bad-date lineItem/UsageStartDate; 90 column-count ");
    CHECK(query_value(db, "SELECT rows_read || '=' || rows_imported || '+' || rows_quarantined FROM import") == "98=95+3");
    // The raw delivered bytes of a rejected row are kept.
    CHECK(query_value(db, "SELECT substr(CAST(raw AS TEXT), 1, 52) FROM quarantine WHERE source_line = 19") ==
          "zu2q5qklyvu7f73i36ss2tyjtc6bqq67mfuw2y5ziiav7fl5mjdd");
}

TEST_CASE("CLI import: a file of no known format is refused with exit 2 and nothing stored") {
    ScratchDir dir;
    write_file(dir / "notes.csv", "name,amount\nalice,3\n");
    const auto result = run_revshare("--db r.db import notes.csv", dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.out == "");
    CHECK(result.err.rfind("notes.csv: error[unknown-format]: not a known export format: the header row matches none "
                           "of aws-cur, aws-cur-athena, aws-cur2, azure-ea, azure-mca, azure-payg, focus, aws-marketplace-billing-events, "
                           "microsoft-payouts\n",
                           0) == 0);
    CHECK(result.err.find("notes.csv: refused; nothing was imported\n") != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "0");
}

TEST_CASE("CLI import: an empty file and a gzip that is not gzip are refused") {
    ScratchDir dir;
    write_file(dir / "empty.csv", "");
    write_file(dir / "fake.csv.gz", "identity/LineItemId,lineItem/UnblendedCost\n");
    const auto empty = run_revshare("--db r.db import empty.csv", dir.path());
    CHECK(empty.exit_code == 2);
    CHECK(empty.err.rfind("empty.csv: error[empty-file]: the file is empty: no header row\n", 0) == 0);
    const auto fake = run_revshare("--db r.db import fake.csv.gz", dir.path());
    CHECK(fake.exit_code == 2);
    CHECK(fake.err == "revshare: error: fake.csv.gz: not a gzip file: the name ends in .gz but the content "
                      "is not gzip (rename it to .csv, or compress it)\n"
                      "fake.csv.gz: refused; nothing was imported\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "0");
}

TEST_CASE("CLI import: gzip exports import like plain ones, and the archive keeps every delivered file") {
    ScratchDir dir;
    copy_fixture("exports/aws-cur/cur-2026-04.csv.gz", dir.path());
    const auto result = run_revshare("--db r.db import cur-2026-04.csv.gz", dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out == "cur-2026-04.csv.gz: imported as import 1 (aws-cur): 36 rows read, 36 lines, 0 quarantined\n");
    const std::string sha = query_value(dir / "r.db", "SELECT sha256 FROM import");
    CHECK(std::filesystem::exists(dir / "r.db.archive" / (sha + ".csv.gz")));
    // show-line reads the delivered row back from the archive.
    const auto shown = run_revshare("--db r.db show-line --import 1 --line 2", dir.path());
    CHECK(shown.exit_code == 0);
    CHECK(shown.out.rfind("cur-2026-04.csv.gz:2 (import 1, archived as " + sha + ".csv.gz)\n", 0) == 0);
    CHECK(shown.out.find("\n  bill/PayerAccountId = 111122223333\n") != std::string::npos);
}

TEST_CASE("CLI import: a run killed in the middle leaves the database as before it") {
    ScratchDir dir;
    copy_fixture("exports/aws-cur/cur-2026-02.csv", dir.path());
    REQUIRE(run_revshare("--db r.db import cur-2026-02.csv", dir.path()).exit_code == 0);
    const std::string before = query_value(dir / "r.db", "SELECT count(*) || '/' || (SELECT count(*) FROM line) || '/' || "
                                               "(SELECT count(*) FROM import_scope) FROM import");
    for (const std::string point : {"import-row:1", "import-row:20", "import-commit:1"}) {
        CAPTURE(point);
        ScratchDir again;
        copy_fixture("exports/aws-cur/cur-2026-02.csv", again.path());
        copy_fixture("exports/aws-cur/cur-2026-03.csv", again.path());
        REQUIRE(run_revshare("--db r.db import cur-2026-02.csv", again.path()).exit_code == 0);
        const auto killed =
            run_revshare(std::string("--db r.db import cur-2026-03.csv"), again.path(), {{"REVSHARE_CRASH_AT", point}});
        CHECK(killed.exit_code == 128 + 9);
        CHECK(query_value(again / "r.db", "PRAGMA integrity_check") == "ok");
        CHECK(query_value(again / "r.db", "SELECT count(*) || '/' || (SELECT count(*) FROM line) || '/' || "
                                          "(SELECT count(*) FROM import_scope) FROM import") == before);
        // Rerunning gives the uninterrupted result.
        const auto rerun = run_revshare("--db r.db import cur-2026-03.csv", again.path());
        CHECK(rerun.exit_code == 0);
        CHECK(rerun.out == "cur-2026-03.csv: imported as import 2 (aws-cur): 42 rows read, 42 lines, 0 quarantined\n");
    }
}

TEST_CASE("CLI import: lines are stored 16 to a statement, in file order, with consecutive line ids") {
    // 1281 rows (not a multiple of 16, across the reading thread's batches of 512), then a
    // file whose bad rows fall between lines.
    ScratchDir dir;
    const std::string sample = (samples_dir() / "aws-cur-legacy/focus_converters-sample-anonymous-aws-export-dataset.csv").string();
    copy_fixture("exports/aws-cur/cur-2026-05.csv", dir.path());
    REQUIRE(run_revshare("--db r.db --quiet import " + sample, dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db --quiet import cur-2026-05.csv", dir.path()).exit_code == 1);
    CHECK(query_value(dir / "r.db", "SELECT group_concat(import_id || ':' || n || ':' || first || '-' || last, ' ') FROM "
                                    "(SELECT import_id, count(*) AS n, min(line_id) AS first, max(line_id) AS last "
                                    "FROM line GROUP BY import_id ORDER BY import_id)") == "1:1281:1-1281 2:95:1282-1376");
    // Each line's source line is after the previous line's, within an import.
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM line a JOIN line b ON b.line_id = a.line_id + 1 "
                                    "AND b.import_id = a.import_id WHERE b.source_line <= a.source_line") == "0");
    CHECK(query_value(dir / "r.db", "SELECT sum(lines) FROM scope_period") == "1376");
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
}
