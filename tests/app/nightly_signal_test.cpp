// SIGTERM and SIGINT (what systemd sends on stop or timeout; Ctrl-C) stop `nightly`, `import` and
// `settle` at the next safe point: the step under way rolled back, what was done kept and listed
// in run-summary.json and the log, exit 143 or 130; a second signal ends the process at once.
// The run is paused at a known point (REVSHARE_PAUSE_AT) and the signal sent from here, as
// systemd would; each interrupted run is then run again and must end exactly where an
// uninterrupted run ends.
#include "tests/app/nightly_test_support.hpp"
#include "tests/hardening/hardening_support.hpp"

#include <csignal>
#include <thread>

using namespace revshare::testing;
using namespace revshare::testing::nightly;

namespace {

const std::vector<std::string> nightly_words = {"--db", "r.db", "--log-file", "nightly.log", "nightly", "--inbox",
                                                "inbox", "--out", "out"};

// Waits until the child's stderr says it paused (REVSHARE_PAUSE_AT), then sends `signals`.
void signal_when_paused(const hardening::Child& child, const std::vector<int>& signals) {
    const auto paused = [&] { return fs::exists(child.err) && read_file(child.err).find("paused at ") != std::string::npos; };
    for (int waited_ms = 0; !paused(); waited_ms += 20) {
        REQUIRE(waited_ms < 60'000);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    for (const int signal : signals) {
        REQUIRE(::kill(child.pid, signal) == 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

CommandResult run_signalled(const std::vector<std::string>& words, const fs::path& dir, const std::string& pause,
                            const std::vector<int>& signals) {
    hardening::ChildOptions options;
    options.environment = first_night;
    options.environment.emplace_back("REVSHARE_PAUSE_AT", pause);
    const auto child = hardening::start_revshare(words, dir, options);
    signal_when_paused(child, signals);
    return hardening::finish(child);
}

// The lines of `text` that contain `part`.
std::vector<std::string> lines_with(const std::string& text, const std::string& part) {
    std::vector<std::string> found;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.find(part) != std::string::npos) found.push_back(line);
    }
    return found;
}

// Files a killed or stopped run could leave: temporaries of the archive or of the reports.
std::vector<std::string> temporaries_under(const fs::path& dir) {
    std::vector<std::string> found;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.path().filename().string().find(".tmp") != std::string::npos) found.push_back(entry.path().string());
    }
    return found;
}

struct Stop {
    std::string pause;  // REVSHARE_PAUSE_AT
    std::int64_t files_imported;
    std::int64_t quarantined;  // cur-2026-05.csv, the fifth file, holds the fixtures' 3 bad rows
    std::int64_t periods_settled;
    std::int64_t reports_written;
};

}  // namespace

TEST_CASE("Nightly: SIGTERM at each safe point stops it there, says so, and the next run ends as an uninterrupted one") {
    ScratchDir setup;
    add_contract(setup);
    ScratchDir reference;
    hardening::copy_directory(setup.path(), reference.path());
    fill_inbox(reference / "inbox", fixture_exports());
    REQUIRE(hardening::run_child(nightly_words, reference.path(), {first_night, {}}).exit_code == 1);
    const std::string expected_database = database_content(reference / "r.db");
    const auto expected_reports = report_files(reference / "out");
    const auto files = static_cast<std::int64_t>(fixture_exports().size());

    // Before the first and the sixth file; inside the first file's import (its first batch of
    // rows: the file's transaction rolls back whole); before settling; between two periods'
    // settlements; before the first and the third period's reports.
    for (const Stop& stop : {Stop{"nightly-import:1", 0, 0, 0, 0}, Stop{"nightly-import:6", 5, 3, 0, 0},
                             Stop{"import-batch:1", 0, 0, 0, 0}, Stop{"import-batch:9", 8, 3, 0, 0},
                             Stop{"nightly-settle:1", files, 3, 0, 0}, Stop{"settle-period:2", files, 3, 1, 0},
                             Stop{"settle-period:4", files, 3, 3, 0}, Stop{"nightly-report:1", files, 3, 4, 0},
                             Stop{"nightly-report:3", files, 3, 4, 2}}) {
        CAPTURE(stop.pause);
        ScratchDir dir;
        hardening::copy_directory(setup.path(), dir.path());
        fill_inbox(dir / "inbox", fixture_exports());
        const auto stopped = run_signalled(nightly_words, dir.path(), stop.pause, {SIGTERM});
        CHECK(stopped.exit_code == 143);
        const std::string point = stop.pause.substr(0, stop.pause.find(':'));
        const auto said = lines_with(stopped.err, "interrupted");
        REQUIRE(said.size() == 1);
        CHECK(said[0].ends_with(" warning nightly: interrupted by SIGTERM (at " + point +
                                "): stopping; the step under way was rolled back"));
        CHECK(lines_with(stopped.out, "files imported: ") ==
              std::vector<std::string>{"  files imported: " + std::to_string(stop.files_imported)});
        CHECK(lines_with(stopped.out, "periods settled: ") ==
              std::vector<std::string>{"  periods settled: " + std::to_string(stop.periods_settled)});
        CHECK(lines_with(stopped.out, "reports written: ") ==
              std::vector<std::string>{"  reports written: " + std::to_string(stop.reports_written) + " period" +
                                       (stop.reports_written == 1 ? "" : "s") + ", in out"});
        CHECK(lines_with(stopped.out, "exit 143") ==
              std::vector<std::string>{"  exit 143: interrupted by SIGTERM at " + point +
                                       ": what is listed above was done and is kept, the step under way was rolled "
                                       "back; the next run goes on"});
        const std::string summary = read_file(dir / "out/run-summary.json");
        CHECK(run_summary_schema_errors(dir / "out/run-summary.json") == "");
        CHECK(summary.find("  \"exit_code\": 143,\n  \"interrupted\": {\"signal\": \"SIGTERM\", \"point\": \"" + point +
                           "\"},\n  \"files_imported\": " + std::to_string(stop.files_imported) + ",\n") !=
              std::string::npos);
        const auto logged = lines_with(read_file(dir / "nightly.log"), "nightly: interrupted, exit 143: ");
        REQUIRE(logged.size() == 1);
        CHECK(logged[0].ends_with("nightly: interrupted, exit 143: " + std::to_string(stop.files_imported) +
                                  " files imported, " + std::to_string(stop.quarantined) + " rows quarantined, " +
                                  std::to_string(stop.periods_settled) +
                                  " periods settled"));
        CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == std::to_string(stop.files_imported));
        CHECK(temporaries_under(dir.path()).empty());
        hardening::check_verified(dir.path());

        const auto rerun = hardening::run_child(nightly_words, dir.path(), {first_night, {}});
        CHECK(rerun.exit_code == (stop.files_imported < 5 ? 1 : 0));  // 1: it quarantines cur-2026-05.csv's rows
        CHECK(database_content(dir / "r.db") == expected_database);
        CHECK(report_files(dir / "out") == expected_reports);
        CHECK(read_file(dir / "out/run-summary.json").find("\"interrupted\": null,") != std::string::npos);
    }
}

TEST_CASE("Nightly: SIGINT stops it as SIGTERM does, with exit 130") {
    ScratchDir dir;
    add_contract(dir);
    fill_inbox(dir / "inbox", fixture_exports());
    const auto stopped = run_signalled(nightly_words, dir.path(), "nightly-import:3", {SIGINT});
    CHECK(stopped.exit_code == 130);
    CHECK(lines_with(stopped.out, "exit 130") ==
          std::vector<std::string>{"  exit 130: interrupted by SIGINT at nightly-import: what is listed above was done "
                                   "and is kept, the step under way was rolled back; the next run goes on"});
    CHECK(read_file(dir / "out/run-summary.json").find("\"interrupted\": {\"signal\": \"SIGINT\", \"point\": \"nightly-import\"}") !=
          std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "2");
}

TEST_CASE("Nightly: a second signal ends it at once, and that too leaves the database whole") {
    ScratchDir setup;
    add_contract(setup);
    ScratchDir reference;
    hardening::copy_directory(setup.path(), reference.path());
    fill_inbox(reference / "inbox", fixture_exports());
    REQUIRE(hardening::run_child(nightly_words, reference.path(), {first_night, {}}).exit_code == 1);

    // Held inside an import's first batch (its transaction open): the first SIGTERM is recorded,
    // the second takes the default action.
    ScratchDir dir;
    hardening::copy_directory(setup.path(), dir.path());
    fill_inbox(dir / "inbox", fixture_exports());
    const auto ended = run_signalled(nightly_words, dir.path(), "import-batch:3:hold", {SIGTERM, SIGTERM});
    CHECK(ended.exit_code == 128 + SIGTERM);
    CHECK(lines_with(ended.err, "interrupted").empty());  // ended by the signal: nothing more said
    CHECK(query_value(dir / "r.db", "PRAGMA integrity_check") == "ok");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "2");
    // The archive's temporary of the import it was in: listed by verify, removed by the next run.
    const auto left = temporaries_under(dir / "r.db.archive");
    REQUIRE(left.size() == 1);
    const auto verified = hardening::run_child({"--db", "r.db", "verify"}, dir.path());
    CHECK(verified.exit_code == 0);
    CHECK(verified.out.substr(verified.out.find("\nnote: ") + 1) ==
          "note: 1 temporary file left in the archive by a killed import (the next import removes them):\n  " +
              fs::path(left[0]).lexically_relative(dir.path()).string() + "\n");
    const auto rerun = hardening::run_child(nightly_words, dir.path(), {first_night, {}});
    CHECK(rerun.exit_code == 1);
    CHECK(database_content(dir / "r.db") == database_content(reference / "r.db"));
    CHECK(report_files(dir / "out") == report_files(reference / "out"));
    CHECK(temporaries_under(dir.path()).empty());
}

TEST_CASE("Import and settle: SIGTERM stops them at the next safe point, the step under way rolled back") {
    ScratchDir dir;
    add_contract(dir);
    const std::string february = (fixtures_dir() / "exports/azure-ea/ea-2026-02.csv").string();
    const std::string march = (fixtures_dir() / "exports/azure-ea/ea-2026-03.csv").string();

    SUBCASE("import: inside the second file, the first kept") {
        const auto stopped = run_signalled({"--db", "r.db", "import", february, march}, dir.path(), "import-batch:2", {SIGTERM});
        CHECK(stopped.exit_code == 143);
        CHECK(lines_with(stopped.out, "imported as import") ==
              std::vector<std::string>{february + ": imported as import 1 (azure-ea): 37 rows read, 37 lines, 0 quarantined"});
        CHECK(lines_with(stopped.err, "interrupt") ==
              std::vector<std::string>{march + ": interrupted; nothing of it was imported",
                                       "revshare: interrupted by SIGTERM (at import-batch): the step under way was rolled "
                                       "back, what was done before it is kept; run the command again to go on"});
        CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "1");
        CHECK(temporaries_under(dir.path()).empty());
        CHECK(query_value(dir / "r.db", "SELECT exit_code FROM audit_log ORDER BY entry_id DESC LIMIT 1") == "143");
        hardening::check_verified(dir.path());
    }
    SUBCASE("settle: between two periods, the first kept") {
        REQUIRE(hardening::run_child({"--db", "r.db", "import", february, march}, dir.path(), {first_night, {}}).exit_code == 0);
        const auto stopped = run_signalled({"--db", "r.db", "settle", "--period", "2026-03"}, dir.path(), "settle-period:2", {SIGTERM});
        CHECK(stopped.exit_code == 143);
        CHECK(stopped.out == "settled openai-microsoft 2026-02 (run 1)\n");
        CHECK(lines_with(stopped.err, "interrupt") ==
              std::vector<std::string>{"revshare: interrupted by SIGTERM (at settle-period): the step under way was rolled "
                                       "back, what was done before it is kept; run the command again to go on"});
        CHECK(query_value(dir / "r.db", "SELECT group_concat(period, ' ') FROM settlement_run") == "2026-02");
        hardening::check_verified(dir.path());
    }
}

TEST_CASE("Report: what a killed report left (its temporaries, the workbook's parts folder) the next report removes") {
    ScratchDir dir;
    add_contract(dir);
    REQUIRE(run_revshare("--db r.db import '" + (fixtures_dir() / "exports/azure-ea/ea-2026-02.csv").string() + "'", dir.path())
                .exit_code == 0);
    REQUIRE(run_revshare("--db r.db settle --period 2026-02", dir.path()).exit_code == 0);
    const fs::path folder = dir / "out/openai-microsoft/2026-02";
    fs::create_directories(folder / ".statement.xlsx.parts.tmp-99999999");  // no such process
    write_file(folder / ".statement.xlsx.parts.tmp-99999999/tmpAbC123", "half a sheet");
    write_file(folder / ".statement.xlsx.tmp-99999999", "half a workbook");
    write_file(folder / ".lines.csv.tmp-99999999", "half a csv");
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-02 --out out", dir.path()).exit_code == 0);
    std::vector<std::string> left;
    for (const auto& entry : fs::directory_iterator(folder)) left.push_back(entry.path().filename().string());
    std::sort(left.begin(), left.end());
    CHECK(left == std::vector<std::string>{"lines.csv", "net.csv", "reconciliation.csv", "statement.csv", "statement.html",
                                           "statement.xlsx", "variance.csv", "ytd.csv"});
}
