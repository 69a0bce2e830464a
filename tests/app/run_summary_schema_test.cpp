// run-summary.json against its published schema (docs/run-summary.schema.json), for every kind of
// night: a normal one, one that posts late data, one a signal stopped, one a missing FX rate
// stopped. The schema is checked by python3-jsonschema (scripts/install-deps installs it), and
// is shown to refuse a summary that breaks it.
#include "tests/app/nightly_test_support.hpp"

using namespace revshare::testing;
using namespace revshare::testing::nightly;


TEST_CASE("run-summary.json: every kind of night's summary is valid under docs/run-summary.schema.json") {
    REQUIRE_MESSAGE(run_shell("python3 -c 'import jsonschema'", fs::temp_directory_path()).exit_code == 0,
                    "python3-jsonschema is missing: scripts/install-deps installs it");
    ScratchDir dir;
    add_contract(dir);
    fill_inbox(dir / "inbox", {"aws-cur/cur-2026-02.csv", "aws-cur/cur-2026-05.csv", "azure-ea/ea-2026-02.csv"});
    fs::create_directories(dir / "inbox");
    write_file(dir / "inbox/notes.txt", "not an export\n");
    write_file(dir / "inbox/broken.csv", "not,a,known,header\n1,2,3,4\n");
    REQUIRE(run_revshare(nightly_command, dir.path(), first_night).exit_code == 1);
    CHECK(run_summary_schema_errors(dir / "out/run-summary.json") == "");

    SUBCASE("late data posted as adjustments") {
        REQUIRE(run_revshare("--db r.db close --period 2026-02", dir.path(), second_night).exit_code == 0);
        fs::create_directories(dir / "inbox/late");
        fs::copy_file(fixtures_dir() / "late/mca-refund-2026-02.csv", dir / "inbox/late/mca-refund-2026-02.csv");
        REQUIRE(run_revshare(nightly_command, dir.path(), second_night).exit_code == 1);  // broken.csv again
        const std::string summary = read_file(dir / "out/run-summary.json");
        REQUIRE(summary.find("\"adjustments\": [{\"for_period\": \"2026-02\", \"rows\": ") != std::string::npos);
        CHECK(run_summary_schema_errors(dir / "out/run-summary.json") == "");
    }
    SUBCASE("a missing FX rate stops a contract") {
        ScratchDir bare;
        add_contract(bare, false);
        fill_inbox(bare / "inbox", {"azure-ea/ea-2026-02.csv"});
        REQUIRE(run_revshare(nightly_command, bare.path(), first_night).exit_code == 2);
        REQUIRE(read_file(bare / "out/run-summary.json").find("\"stopped\": [\n    {\"contract\": \"openai-microsoft\"") !=
                std::string::npos);
        CHECK(run_summary_schema_errors(bare / "out/run-summary.json") == "");
    }
    SUBCASE("the schema refuses what a summary never holds") {
        const std::string good = read_file(dir / "out/run-summary.json");
        for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
                 {"  \"exit_code\": 1,\n", ""},                                    // a key left out
                 {"\"exit_code\": 1", "\"exit_code\": 7"},                          // an exit code never given
                 {"\"status\": \"imported\"", "\"status\": \"done\""},              // a status never given
                 {"\"duration_ms\": 0", "\"duration_ms\": 0, \"extra\": 1"},        // a key it does not define
                 {"\"period\": \"2026-02\"", "\"period\": \"2026-13\""}}) {         // not a period
            const std::string original = from;
            CAPTURE(original);
            REQUIRE(good.find(from) != std::string::npos);
            std::string broken = good;
            broken.replace(broken.find(from), from.size(), to);
            write_file(dir / "broken.json", broken);
            CHECK(run_summary_schema_errors(dir / "broken.json") != "");
        }
    }
}
