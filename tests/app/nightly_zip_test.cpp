// `revshare nightly` with zip deliveries in the inbox (issue 19): each CSV member is imported,
// and every inbox file and zip member not imported is listed with why, in the summary and in
// run-summary.json (`skipped`).
#include "tests/app/nightly_test_support.hpp"
#include "tests/app/zip_test_support.hpp"

using namespace revshare::testing;
using namespace revshare::testing::nightly;
using namespace revshare::testing::zip;

TEST_CASE("Nightly zip: a zip's CSV members are imported and settled; what is left alone is listed with why") {
    ScratchDir dir;
    add_contract(dir);
    fs::create_directories(dir / "inbox/aws");
    // May 2026, AWS in one zip beside its manifest, Azure plain; the zips refused or skipped.
    write_zip(dir / "inbox/aws/2026-05.csv.zip",
              {Member{"cur/", "", true}, fixture_member("cur/cur-2026-05.csv", "aws-cur/cur-2026-05.csv"),
               Member{"cur/manifest.json", "{}"}});
    fs::copy_file(fixtures_dir() / "exports/azure-ea/ea-2026-05.csv", dir / "inbox/ea-2026-05.csv");
    write_zip(dir / "inbox/empty.zip", {Member{"readme.txt", "nothing\n"}});
    write_file(dir / "inbox/manifest.json", "{}\n");
    write_file(dir / "inbox/notes.txt", "call Bob\n");
    write_file(dir / "inbox/cur.csv.zip.crdownload", "PK");
    write_file(dir / "inbox/.DS_Store", "");
    const auto night = run_revshare(nightly_command, dir.path(), first_night);
    CHECK(night.exit_code == 1);  // quarantined rows and the zip without a CSV
    CHECK(night.out.find("inbox/aws/2026-05.csv.zip:cur/cur-2026-05.csv: imported as import ") != std::string::npos);
    CHECK(night.err.find("revshare: error: inbox/empty.zip: the zip holds no CSV file (its members: readme.txt); "
                         "revshare imports the members whose name ends in .csv\ninbox/empty.zip: refused; nothing was "
                         "imported\n") != std::string::npos);
    CHECK(summary_of(night) ==
          "summary:\n"
          "  files imported: 2\n"
          "  files skipped (already imported): 0\n"
          "  files refused: 1\n"
          "  files left alone: 6\n"
          "    .DS_Store: hidden (its name starts with '.')\n"
          "    aws/2026-05.csv.zip:cur/: a folder\n"
          "    aws/2026-05.csv.zip:cur/manifest.json: not a CSV file (revshare imports the members whose name ends in .csv)\n"
          "    cur.csv.zip.crdownload: a partial download or temporary file: imported once it has its final name\n"
          "    manifest.json: not an export revshare reads: an export's name ends in .csv, .csv.gz, .csv.zip or .zip\n"
          "    notes.txt: not an export revshare reads: an export's name ends in .csv, .csv.gz, .csv.zip or .zip\n"
          "  rows quarantined: 3\n"
          "  quarantined rows still unresolved (every import so far): 3 (revshare quarantine lists them)\n"
          "  periods settled: 1\n"
          "    openai-microsoft 2026-05 (run 1): openai pays aws 15467.88 USD, openai pays microsoft 36203.80 USD\n"
          "  reports written: 1 period, in out\n"
          "  exit 1: done, but a person should look: 3 rows quarantined, 1 file refused (messages above; revshare imports)\n");
    const std::string json = read_file(dir / "out/run-summary.json");
    CHECK(json.find("  \"files\": [\n"
                    "    {\"file\": \"aws/2026-05.csv.zip:cur/cur-2026-05.csv\", \"status\": \"imported\", \"import_id\": 1, "
                    "\"rows_read\": 98, \"lines\": 95, \"quarantined\": 3, \"superseded_imports\": 0},\n"
                    "    {\"file\": \"ea-2026-05.csv\", \"status\": \"imported\", \"import_id\": 2, \"rows_read\": 36, "
                    "\"lines\": 36, \"quarantined\": 0, \"superseded_imports\": 0},\n"
                    "    {\"file\": \"empty.zip\", \"status\": \"refused\"}\n"
                    "  ],\n"
                    "  \"skipped\": [\n"
                    "    {\"file\": \".DS_Store\", \"reason\": \"hidden (its name starts with '.')\"},\n"
                    "    {\"file\": \"aws/2026-05.csv.zip:cur/\", \"reason\": \"a folder\"},\n"
                    "    {\"file\": \"aws/2026-05.csv.zip:cur/manifest.json\", \"reason\": \"not a CSV file (revshare imports "
                    "the members whose name ends in .csv)\"},\n"
                    "    {\"file\": \"cur.csv.zip.crdownload\", \"reason\": \"a partial download or temporary file: imported "
                    "once it has its final name\"},\n"
                    "    {\"file\": \"manifest.json\", \"reason\": \"not an export revshare reads: an export's name ends in "
                    ".csv, .csv.gz, .csv.zip or .zip\"},\n"
                    "    {\"file\": \"notes.txt\", \"reason\": \"not an export revshare reads: an export's name ends in .csv, "
                    ".csv.gz, .csv.zip or .zip\"}\n"
                    "  ],\n"
                    "  \"settled\": [\n") != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT group_concat(file_name || '|' || member_name, ' ') FROM "
                                    "(SELECT * FROM import ORDER BY import_id)") ==
          "inbox/aws/2026-05.csv.zip|cur/cur-2026-05.csv inbox/ea-2026-05.csv|");

    // The second night: the zip's member is already imported; the same files are left alone again.
    const auto second = run_revshare(nightly_command, dir.path(), second_night);
    CHECK(second.out.find("inbox/aws/2026-05.csv.zip:cur/cur-2026-05.csv: already imported as import 1 "
                          "(inbox/aws/2026-05.csv.zip:cur/cur-2026-05.csv, 2026-06-01T03:00:00Z); nothing changed\n") !=
          std::string::npos);
    CHECK(summary_of(second).find("  files skipped (already imported): 2\n  files refused: 1\n  files left alone: 6\n") !=
          std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "2");
}
