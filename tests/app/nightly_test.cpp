// `revshare nightly` end to end (issue 5): a normal night on the fixtures, a night with nothing
// new, new data for one period, a broken file, a missing FX rate, late data for closed
// periods, bad usage. One run at a time and kills: nightly_recovery_test.cpp.
#include "tests/app/nightly_test_support.hpp"

using namespace revshare::testing;
using namespace revshare::testing::nightly;

namespace {

const std::string first_night_summary =
    "summary:\n"
    "  files imported: 25\n"
    "  files skipped (already imported): 0\n"
    "  files refused: 0\n"
    "  rows quarantined: 3\n"
    "  quarantined rows still unresolved (every import so far): 3 (revshare quarantine lists them)\n"
    "  periods settled: 4\n"
    "    openai-microsoft 2026-02 (run 1): openai pays microsoft 11542.07 USD\n"
    "    openai-microsoft 2026-03 (run 2): openai pays microsoft 13298.61 USD\n"
    "    openai-microsoft 2026-04 (run 3): openai pays aws 4574.22 USD, openai pays microsoft 22950.39 USD\n"
    "    openai-microsoft 2026-05 (run 4): openai pays aws 48562.16 USD, openai pays microsoft 105000.00 USD\n"
    "  reports written: 4 periods, in out\n"
    "  exit 1: done, but a person should look: 3 rows quarantined (messages above; revshare imports)\n";

}  // namespace

TEST_CASE("Nightly: a normal night on the fixtures imports every export, settles Feb-May and writes their reports") {
    ScratchDir dir;
    add_contract(dir);
    fill_inbox(dir / "inbox", fixture_exports());
    const auto night = run_revshare(nightly_command, dir.path(), first_night);
    CHECK(night.exit_code == 1);  // the three broken rows of cur-2026-05.csv are quarantined
    CHECK(night.out.rfind("inbox/aws-cur/cur-2026-02.csv: imported as import 1 (aws-cur): 27 rows read, 27 lines, "
                          "0 quarantined\n",
                          0) == 0);
    CHECK(night.out.find("inbox/aws-cur/cur-2026-03.restated.csv: imported as import 3 (aws-cur): 43 rows read, 43 "
                         "lines, 0 quarantined\n  supersedes import 2 (inbox/aws-cur/cur-2026-03.csv)") != std::string::npos);
    CHECK(summary_of(night) == first_night_summary);
    CHECK(night.err.find("inbox/aws-cur/cur-2026-05.csv:19:23: error[bad-number]") != std::string::npos);

    const std::vector<std::string> periods = {"2026-02", "2026-03", "2026-04", "2026-05"};
    std::map<std::string, std::string> expected;
    for (const auto& period : periods) {
        for (const std::string file : {"statement.csv", "net.csv"}) {
            expected["openai-microsoft/" + period + "/" + file] =
                read_file(fixtures_dir() / "expected/openai-microsoft" / period / file);
        }
    }
    auto written = report_files(dir / "out");
    for (const auto& [name, content] : expected) CHECK(written[name] == content);
    CHECK(written.size() == 28);  // and lines, reconciliation, variance, statement.html (issue 6), statement.xlsx

    const std::string files_json =
        "    {\"file\": \"aws-cur/cur-2026-02.csv\", \"status\": \"imported\", \"import_id\": 1"
        ", \"rows_read\": 27, \"lines\": 27, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"aws-cur/cur-2026-03.csv\", \"status\": \"imported\", \"import_id\": 2"
        ", \"rows_read\": 42, \"lines\": 42, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"aws-cur/cur-2026-03.restated.csv\", \"status\": \"imported\", \"import_id\": 3"
        ", \"rows_read\": 43, \"lines\": 43, \"quarantined\": 0, \"superseded_imports\": 1},\n"
        "    {\"file\": \"aws-cur/cur-2026-04.csv.gz\", \"status\": \"imported\", \"import_id\": 4"
        ", \"rows_read\": 36, \"lines\": 36, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"aws-cur/cur-2026-05.csv\", \"status\": \"imported\", \"import_id\": 5"
        ", \"rows_read\": 98, \"lines\": 95, \"quarantined\": 3, \"superseded_imports\": 0},\n"
        "    {\"file\": \"aws-cur2/cur2-2026-02.csv\", \"status\": \"imported\", \"import_id\": 6"
        ", \"rows_read\": 27, \"lines\": 27, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"aws-cur2/cur2-2026-03.csv\", \"status\": \"imported\", \"import_id\": 7"
        ", \"rows_read\": 27, \"lines\": 27, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"aws-cur2/cur2-2026-04.csv\", \"status\": \"imported\", \"import_id\": 8"
        ", \"rows_read\": 36, \"lines\": 36, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"aws-cur2/cur2-2026-05.csv\", \"status\": \"imported\", \"import_id\": 9"
        ", \"rows_read\": 95, \"lines\": 95, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"aws-focus/focus-2026-02.csv\", \"status\": \"imported\", \"import_id\": 10"
        ", \"rows_read\": 27, \"lines\": 27, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"aws-focus/focus-2026-03.csv\", \"status\": \"imported\", \"import_id\": 11"
        ", \"rows_read\": 27, \"lines\": 27, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"aws-focus/focus-2026-04.csv\", \"status\": \"imported\", \"import_id\": 12"
        ", \"rows_read\": 36, \"lines\": 36, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"aws-focus/focus-2026-05.csv\", \"status\": \"imported\", \"import_id\": 13"
        ", \"rows_read\": 95, \"lines\": 95, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"azure-ea/ea-2026-02.csv\", \"status\": \"imported\", \"import_id\": 14"
        ", \"rows_read\": 37, \"lines\": 37, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"azure-ea/ea-2026-03.csv\", \"status\": \"imported\", \"import_id\": 15"
        ", \"rows_read\": 37, \"lines\": 37, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"azure-ea/ea-2026-04.csv\", \"status\": \"imported\", \"import_id\": 16"
        ", \"rows_read\": 37, \"lines\": 37, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"azure-ea/ea-2026-05.csv\", \"status\": \"imported\", \"import_id\": 17"
        ", \"rows_read\": 36, \"lines\": 36, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"azure-focus/focus-2026-02.csv\", \"status\": \"imported\", \"import_id\": 18"
        ", \"rows_read\": 37, \"lines\": 37, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"azure-focus/focus-2026-03.csv\", \"status\": \"imported\", \"import_id\": 19"
        ", \"rows_read\": 37, \"lines\": 37, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"azure-focus/focus-2026-04.csv\", \"status\": \"imported\", \"import_id\": 20"
        ", \"rows_read\": 36, \"lines\": 36, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"azure-focus/focus-2026-05.csv\", \"status\": \"imported\", \"import_id\": 21"
        ", \"rows_read\": 37, \"lines\": 37, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"azure-mca/mca-2026-02.csv\", \"status\": \"imported\", \"import_id\": 22"
        ", \"rows_read\": 37, \"lines\": 37, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"azure-mca/mca-2026-03.csv\", \"status\": \"imported\", \"import_id\": 23"
        ", \"rows_read\": 38, \"lines\": 38, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"azure-mca/mca-2026-04.csv\", \"status\": \"imported\", \"import_id\": 24"
        ", \"rows_read\": 39, \"lines\": 39, \"quarantined\": 0, \"superseded_imports\": 0},\n"
        "    {\"file\": \"azure-mca/mca-2026-05.csv\", \"status\": \"imported\", \"import_id\": 25"
        ", \"rows_read\": 37, \"lines\": 37, \"quarantined\": 0, \"superseded_imports\": 0}\n";
    CHECK(read_file(dir / "out/run-summary.json") ==
          "{\n"
          "  \"command\": \"nightly\",\n"
          "  \"contract\": null,\n"
          "  \"exit_code\": 1,\n"
          "  \"interrupted\": null,\n"
          "  \"files_imported\": 25,\n"
          "  \"files_skipped\": 0,\n"
          "  \"files_refused\": 0,\n"
          "  \"rows_quarantined\": 3,\n"
          "  \"periods_settled\": 4,\n"
          "  \"files\": [\n" +
              files_json +
              "  ],\n"
              "  \"skipped\": [],\n"
              "  \"settled\": [\n"
              "    {\"contract\": \"openai-microsoft\", \"period\": \"2026-02\", \"run_id\": 1, \"net\": [{\"from_party\": "
              "\"openai\", \"to_party\": \"microsoft\", \"currency\": \"USD\", \"amount\": \"11542.07\"}], \"adjustments\": []},\n"
              "    {\"contract\": \"openai-microsoft\", \"period\": \"2026-03\", \"run_id\": 2, \"net\": [{\"from_party\": "
              "\"openai\", \"to_party\": \"microsoft\", \"currency\": \"USD\", \"amount\": \"13298.61\"}], \"adjustments\": []},\n"
              "    {\"contract\": \"openai-microsoft\", \"period\": \"2026-04\", \"run_id\": 3, \"net\": [{\"from_party\": "
              "\"openai\", \"to_party\": \"aws\", \"currency\": \"USD\", \"amount\": \"4574.22\"}, {\"from_party\": "
              "\"openai\", \"to_party\": \"microsoft\", \"currency\": \"USD\", \"amount\": \"22950.39\"}], \"adjustments\": []},\n"
              "    {\"contract\": \"openai-microsoft\", \"period\": \"2026-05\", \"run_id\": 4, \"net\": [{\"from_party\": "
              "\"openai\", \"to_party\": \"aws\", \"currency\": \"USD\", \"amount\": \"48562.16\"}, {\"from_party\": "
              "\"openai\", \"to_party\": \"microsoft\", \"currency\": \"USD\", \"amount\": \"105000.00\"}], \"adjustments\": []}\n"
              "  ],\n"
              "  \"stopped\": [],\n"
              "  \"reports_written\": [\n"
              "    \"openai-microsoft/2026-02\",\n"
              "    \"openai-microsoft/2026-03\",\n"
              "    \"openai-microsoft/2026-04\",\n"
              "    \"openai-microsoft/2026-05\"\n"
              "  ],\n"
              "  \"reports_repaired\": [],\n"
              "  \"started_at\": \"2026-06-01T03:00:00Z\",\n"
              "  \"finished_at\": \"2026-06-01T03:00:00Z\",\n"
              "  \"duration_ms\": 0,\n"
              "  \"quarantined_unresolved\": 3\n"
              "}\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM settlement_run") == "4");
}

TEST_CASE("Nightly: a second night with nothing new settles nothing and rewrites no report; new data re-settles its period") {
    ScratchDir dir;
    add_contract(dir);
    fill_inbox(dir / "inbox", fixture_exports());
    REQUIRE(run_revshare(nightly_command, dir.path(), first_night).exit_code == 1);
    // An old modification time on every report: a rewrite would change it.
    const auto old_time = fs::last_write_time(dir / "r.db") - std::chrono::hours(24 * 30);
    const auto reports = report_files(dir / "out");
    REQUIRE(reports.size() == 28);  // 7 report files (issues 6 and 22) for each of 4 periods
    for (const auto& [name, content] : reports) fs::last_write_time(dir / "out" / name, old_time);

    const auto again = run_revshare(nightly_command, dir.path(), second_night);
    CHECK(again.exit_code == 0);
    CHECK(again.err == "");
    CHECK(again.out.rfind("inbox/aws-cur/cur-2026-02.csv: already imported as import 1 (inbox/aws-cur/cur-2026-02.csv, "
                          "2026-06-01T03:00:00Z); nothing changed\n",
                          0) == 0);
    CHECK(summary_of(again) == "summary:\n"
                               "  files imported: 0\n"
                               "  files skipped (already imported): 25\n"
                               "  files refused: 0\n"
                               "  rows quarantined: 0\n"
                               "  quarantined rows still unresolved (every import so far): 3 (revshare quarantine lists them)\n"
                               "  periods settled: 0\n"
                               "  reports written: 0 periods, in out\n"
                               "  exit 0: all done\n");
    for (const auto& [name, content] : reports) {
        const std::string& report_name = name;  // clang 14 cannot capture a structured binding (CAPTURE is a lambda)
        CAPTURE(report_name);
        CHECK(fs::last_write_time(dir / "out" / name) == old_time);
        CHECK(read_file(dir / "out" / name) == content);
    }
    const auto summary_json = read_file(dir / "out/run-summary.json");
    CHECK(summary_json.find("  \"exit_code\": 0,\n  \"interrupted\": null,\n  \"files_imported\": 0,\n  \"files_skipped\": 25,\n") != std::string::npos);
    CHECK(summary_json.find("\n    {\"file\": \"aws-cur/cur-2026-02.csv\", \"status\": \"already_imported\", \"import_id\": 1},\n") !=
          std::string::npos);
    CHECK(summary_json.find("\n  \"settled\": [],\n  \"stopped\": [],\n  \"reports_written\": [],\n") != std::string::npos);
    CHECK(summary_json.find("\n  \"finished_at\": \"2026-06-02T03:00:00Z\",\n  \"duration_ms\": 0,\n  \"quarantined_unresolved\": 3\n}\n") != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM settlement_run") == "4");

    // Azure re-delivers May without its last row: only May's inputs change, so only May is
    // settled again and only its reports are rewritten.
    std::string may = read_file(fixtures_dir() / "exports/azure-ea/ea-2026-05.csv");
    may.erase(may.rfind('\n', may.size() - 2) + 1);
    write_file(dir / "inbox/azure-ea/ea-2026-05.redelivered.csv", may);
    const auto third = run_revshare(nightly_command, dir.path(), second_night);
    CHECK(third.exit_code == 0);
    CHECK(summary_of(third) ==
          "summary:\n"
          "  files imported: 1\n"
          "  files skipped (already imported): 25\n"
          "  files refused: 0\n"
          "  rows quarantined: 0\n"
          "  quarantined rows still unresolved (every import so far): 3 (revshare quarantine lists them)\n"
          "  periods settled: 1\n"
          "    openai-microsoft 2026-05 (run 5): openai pays aws 48562.16 USD, openai pays microsoft 105000.00 USD\n"
          "  reports written: 1 period, in out\n"
          "  exit 0: all done\n");
    for (const auto& [name, content] : reports) {
        const std::string& report_name = name;  // clang 14 cannot capture a structured binding (CAPTURE is a lambda)
        CAPTURE(report_name);
        CHECK((fs::last_write_time(dir / "out" / name) == old_time) == (name.find("/2026-05/") == std::string::npos));
    }
}

TEST_CASE("Nightly: a broken file and quarantined rows do not stop the others (exit 1); other files are left alone") {
    ScratchDir dir;
    add_contract(dir);
    fill_inbox(dir / "inbox", {"azure-ea/ea-2026-05.csv", "aws-cur/cur-2026-05.csv"});
    write_file(dir / "inbox/broken.csv", "this is,not an export\n1,2\n");
    // Oldest first, whatever the names: Azure, then the broken file, then AWS.
    const auto start = fs::file_time_type::clock::now() - std::chrono::hours(2);
    fs::last_write_time(dir / "inbox/azure-ea/ea-2026-05.csv", start);
    fs::last_write_time(dir / "inbox/broken.csv", start + std::chrono::seconds(1));
    fs::last_write_time(dir / "inbox/aws-cur/cur-2026-05.csv", start + std::chrono::seconds(2));
    // Not candidates, listed as left alone: hidden, temporary, partial uploads, other extensions, hidden folders.
    const std::string export_text = read_file(fixtures_dir() / "exports/azure-mca/mca-2026-05.csv");
    for (const std::string name : {".hidden.csv", "upload.csv.part", "upload.csv.tmp", "notes.txt", ".staging/mca.csv"}) {
        write_file(dir / "inbox" / name, export_text);
    }
    // Links are named by their own names, never by their targets; a link to a folder is not followed.
    fs::create_symlink("/dev/zero", dir / "inbox/zero.csv");
    fs::create_directory_symlink(".", dir / "inbox/loop");
    const auto night = run_revshare(nightly_command, dir.path(), first_night);
    CHECK(night.exit_code == 1);
    CHECK(night.out.rfind("inbox/azure-ea/ea-2026-05.csv: imported as import 1 (azure-ea)", 0) == 0);
    CHECK(night.err.find("inbox/broken.csv: refused; nothing was imported\n") != std::string::npos);
    CHECK(summary_of(night) ==
          "summary:\n"
          "  files imported: 2\n"
          "  files skipped (already imported): 0\n"
          "  files refused: 1\n"
          "  files left alone: 7\n"
          "    .hidden.csv: hidden (its name starts with '.')\n"
          "    .staging/: a hidden folder (its name starts with '.'): not looked into\n"
          "    loop/: a link to a folder: not followed\n"
          "    notes.txt: not an export revshare reads: an export's name ends in .csv, .csv.gz, .csv.zip or .zip\n"
          "    upload.csv.part: a partial download or temporary file: imported once it has its final name\n"
          "    upload.csv.tmp: a partial download or temporary file: imported once it has its final name\n"
          "    zero.csv: not a regular file (a pipe, socket, device or broken link)\n"
          "  rows quarantined: 3\n"
          "  quarantined rows still unresolved (every import so far): 3 (revshare quarantine lists them)\n"
          "  periods settled: 1\n"
          "    openai-microsoft 2026-05 (run 1): openai pays aws 15467.88 USD, openai pays microsoft 36203.80 USD\n"
          "  reports written: 1 period, in out\n"
          "  exit 1: done, but a person should look: 3 rows quarantined, 1 file refused (messages above; revshare imports)\n");
    CHECK(query_value(dir / "r.db", "SELECT group_concat(file_name, ' ') FROM (SELECT file_name FROM import ORDER BY import_id)") ==
          "inbox/azure-ea/ea-2026-05.csv inbox/aws-cur/cur-2026-05.csv");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM quarantine") == "3");
    const auto summary_json = read_file(dir / "out/run-summary.json");
    CHECK(summary_json.find("  \"exit_code\": 1,\n  \"interrupted\": null,\n  \"files_imported\": 2,\n  \"files_skipped\": 0,\n  \"files_refused\": 1,\n"
                            "  \"rows_quarantined\": 3,\n") != std::string::npos);
    CHECK(summary_json.find("\n    {\"file\": \"broken.csv\", \"status\": \"refused\"},\n") != std::string::npos);
    CHECK(fs::exists(dir / "out/openai-microsoft/2026-05/statement.csv"));
}

TEST_CASE("Nightly: a missing FX rate stops the contract (exit 2); the next night, with the rates, settles it") {
    ScratchDir dir;
    add_contract(dir, /*with_fx=*/false);
    fill_inbox(dir / "inbox", {"azure-ea/ea-2026-02.csv"});
    const auto night = run_revshare(nightly_command, dir.path(), first_night);
    CHECK(night.exit_code == 2);
    CHECK(night.err.find("revshare: error: nightly openai-microsoft 2026-02: missing FX rates into the contract currency "
                         "for: EUR 2026-02-01, ") != std::string::npos);
    CHECK(summary_of(night) ==
          "summary:\n"
          "  files imported: 1\n"
          "  files skipped (already imported): 0\n"
          "  files refused: 0\n"
          "  rows quarantined: 0\n"
          "  periods settled: 0\n"
          "  stopped: openai-microsoft at 2026-02: missing FX rates into the contract currency for: EUR 2026-02-01, "
          "EUR 2026-02-06, EUR 2026-02-11, EUR 2026-02-13, EUR 2026-02-15, EUR 2026-02-18, EUR 2026-02-19, "
          "EUR 2026-02-23, EUR 2026-02-25\n"
          "  reports written: 0 periods, in out\n"
          "  exit 2: a settlement was stopped (see stopped); everything else was done\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "1");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM settlement_run") == "0");
    CHECK(!fs::exists(dir / "out/openai-microsoft"));
    CHECK(read_file(dir / "out/run-summary.json").find("  \"stopped\": [\n    {\"contract\": \"openai-microsoft\", \"period\": "
                                                       "\"2026-02\", \"reason\": \"missing FX rates") != std::string::npos);

    REQUIRE(run_revshare("--db r.db fx import '" + (fixtures_dir() / "fx/eur-usd-2026.csv").string() + "'", dir.path(),
                         second_night)
                .exit_code == 0);
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
}

TEST_CASE("Nightly: late data for closed periods is settled as adjustments of the earliest open one; closed reports stay") {
    ScratchDir dir;
    add_contract(dir);
    fill_inbox(dir / "inbox", fixture_exports());
    REQUIRE(run_revshare(nightly_command, dir.path(), first_night).exit_code == 1);
    REQUIRE(run_revshare("--db r.db close --period 2026-02", dir.path(), second_night).exit_code == 0);
    REQUIRE(run_revshare("--db r.db close --period 2026-03", dir.path(), second_night).exit_code == 0);
    const auto old_time = fs::last_write_time(dir / "r.db") - std::chrono::hours(24 * 30);
    const auto reports = report_files(dir / "out");
    for (const auto& [name, content] : reports) fs::last_write_time(dir / "out" / name, old_time);
    // A late March line and a February refund (fixtures/late/), delivered a day later.
    for (const std::string name : {"mca-late-2026-03.csv", "mca-refund-2026-02.csv"}) {
        fs::create_directories(dir / "inbox/late");
        fs::copy_file(fixtures_dir() / "late" / name, dir / "inbox/late" / name);
    }
    const auto night = run_revshare(nightly_command, dir.path(), second_night);
    CHECK(night.exit_code == 0);
    CHECK(summary_of(night) ==
          "summary:\n"
          "  files imported: 2\n"
          "  files skipped (already imported): 25\n"
          "  files refused: 0\n"
          "  rows quarantined: 0\n"
          "  quarantined rows still unresolved (every import so far): 3 (revshare quarantine lists them)\n"
          "  periods settled: 1\n"
          "    openai-microsoft 2026-04 (run 5): openai pays aws 4574.22 USD, openai pays microsoft 23026.43 USD\n"
          "  reports written: 1 period, in out\n"
          "  exit 0: all done\n");
    const std::string april = read_file(dir / "out/openai-microsoft/2026-04/statement.csv");
    CHECK(april.find("\n2026-04,openai-microsoft,adjustment,2026-02,2023-extension,msft-share-of-openai,openai,microsoft,"
                     "USD,-300.00,-60.00,1,,,,true\n") != std::string::npos);
    CHECK(april.find("\n2026-04,openai-microsoft,adjustment,2026-03,") != std::string::npos);
    // run-summary.json counts them per closed period, as statement.csv holds them.
    const auto adjustment_rows = [&](const std::string& period) {
        std::size_t count = 0;
        for (auto at = april.find("\n2026-04,openai-microsoft,adjustment," + period + ","); at != std::string::npos;
             at = april.find("\n2026-04,openai-microsoft,adjustment," + period + ",", at + 1)) {
            ++count;
        }
        return std::to_string(count);
    };
    CHECK(read_file(dir / "out/run-summary.json")
              .find("\"adjustments\": [{\"for_period\": \"2026-02\", \"rows\": " + adjustment_rows("2026-02") +
                    "}, {\"for_period\": \"2026-03\", \"rows\": " + adjustment_rows("2026-03") + "}]}") != std::string::npos);
    for (const auto& [name, content] : reports) {
        const std::string& report_name = name;  // clang 14 cannot capture a structured binding (CAPTURE is a lambda)
        CAPTURE(report_name);
        CHECK((fs::last_write_time(dir / "out" / name) == old_time) == (name.find("/2026-04/") == std::string::npos));
    }
}

TEST_CASE("Nightly: bad usage exits 2 and does nothing") {
    ScratchDir dir;
    fs::create_directories(dir / "inbox");
    const auto no_inbox = run_revshare("--db r.db nightly --out out", dir.path());
    CHECK(no_inbox.exit_code == 2);
    CHECK(no_inbox.err == "revshare: nightly: --inbox is required\n");
    const auto missing = run_revshare("--db r.db nightly --inbox nowhere --out out", dir.path());
    CHECK(missing.exit_code == 2);
    CHECK(missing.err == "revshare: nightly: --inbox nowhere is not a folder\n");
    const auto inside = run_revshare("--db r.db nightly --inbox inbox --out inbox/reports", dir.path());
    CHECK(inside.exit_code == 2);
    CHECK(inside.err == "revshare: nightly: --out inbox/reports is inside --inbox inbox; the reports would be read as "
                        "exports the next night\n");
    const auto database_inside = run_revshare("--db inbox/r.db nightly --inbox inbox --out out", dir.path());
    CHECK(database_inside.exit_code == 2);
    CHECK(database_inside.err == "revshare: nightly: the database inbox/r.db and its archive are inside --inbox inbox; the "
                                 "archived files would be imported again\n");
    const auto no_contract = run_revshare(nightly_command, dir.path());
    CHECK(no_contract.exit_code == 2);
    CHECK(no_contract.err == "revshare: error: nightly: no contract is stored (add one with revshare contract add FILE)\n");
    CHECK(!fs::exists(dir / "out"));
}
