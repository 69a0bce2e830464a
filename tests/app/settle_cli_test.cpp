// Contracts, settlement and statements through the command line, against the fixtures and
// the statements worked out independently in fixtures/expected/ (tests/independent/).
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare::testing;

namespace {

// Every fixture export; the shell lists cur-2026-03.restated.csv after cur-2026-03.csv.
const std::string all_exports = "'" + (fixtures_dir() / "exports").string() + "'/*/*";

void load_fixtures(const ScratchDir& dir, bool with_fx = true) {
    REQUIRE(run_revshare("--db r.db import " + all_exports, dir.path()).exit_code == 1);  // 3 rows quarantined
    if (with_fx) {
        REQUIRE(run_revshare("--db r.db fx import '" + (fixtures_dir() / "fx/eur-usd-2026.csv").string() + "'", dir.path())
                    .exit_code == 0);
    }
    REQUIRE(run_revshare("--db r.db contract add '" + (fixtures_dir() / "contracts/openai-microsoft.toml").string() + "'",
                         dir.path())
                .exit_code == 0);
}

}  // namespace

TEST_CASE("CLI settle: Feb-May 2026 statements equal the independently computed ones, byte for byte") {
    ScratchDir dir;
    load_fixtures(dir);
    for (const std::string period : {"2026-02", "2026-03", "2026-04", "2026-05"}) {
        CAPTURE(period);
        const auto settled = run_revshare("--db r.db settle --period " + period, dir.path());
        CHECK(settled.exit_code == 0);
        CHECK(settled.err == "");
        const auto report = run_revshare("--db r.db --quiet report --period " + period + " --out out", dir.path());
        CHECK(report.exit_code == 0);
        for (const std::string file : {"statement.csv", "net.csv"}) {
            CAPTURE(file);
            const auto expected = fixtures_dir() / "expected/openai-microsoft" / period / file;
            const auto actual = dir / ("out/openai-microsoft/" + period + "/" + file);
            CHECK(read_file(actual) == read_file(expected));
        }
    }
}

TEST_CASE("CLI report: the same period written twice is byte-identical, and prints the statement") {
    ScratchDir dir;
    load_fixtures(dir);
    REQUIRE(run_revshare("--db r.db settle --period 2026-04", dir.path()).exit_code == 0);
    const auto first = run_revshare("--db r.db report --period 2026-04 --out a", dir.path());
    REQUIRE(first.exit_code == 0);
    // Settling again replaces the run with an identical one.
    REQUIRE(run_revshare("--db r.db settle --period 2026-04", dir.path()).exit_code == 0);
    const auto second = run_revshare("--db r.db report --period 2026-04 --out b", dir.path());
    CHECK(second.out == first.out.substr(0, first.out.find("wrote ")) + "wrote b/openai-microsoft/2026-04/: statement.csv, net.csv, lines.csv, reconciliation.csv, variance.csv, statement.html, statement.xlsx, ytd.csv\n"
                        "note: ytd.csv: no statement for 2026-01 (never settled)\n");
    CHECK(read_file(dir / "a/openai-microsoft/2026-04/statement.csv") == read_file(dir / "b/openai-microsoft/2026-04/statement.csv"));
    CHECK(read_file(dir / "a/openai-microsoft/2026-04/net.csv") == read_file(dir / "b/openai-microsoft/2026-04/net.csv"));
    CHECK(first.out.rfind("openai-microsoft 2026-04 (USD)\n", 0) == 0);
    CHECK(first.out.find("  2026-04-28..2026-04-30  current  2026-amendment  msft-share-all-clouds") != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM settlement_run WHERE period = '2026-04'") == "2");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM settlement_run WHERE period = '2026-04' AND is_current = 1") == "1");
    // Every stored journal sums to exactly zero.
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM (SELECT run_id FROM journal_entry GROUP BY run_id "
                                    "HAVING sum(amount_minor) <> 0)") == "0");
}

TEST_CASE("CLI settle: a missing FX rate stops the settlement and lists what is missing") {
    ScratchDir dir;
    load_fixtures(dir, /*with_fx=*/false);
    const auto result = run_revshare("--db r.db settle --period 2026-02", dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.out == "");
    CHECK(result.err == "revshare: error: settle openai-microsoft 2026-02: missing FX rates into the contract currency "
                        "for: EUR 2026-02-01, EUR 2026-02-06, EUR 2026-02-11, EUR 2026-02-13, EUR 2026-02-15, "
                        "EUR 2026-02-18, EUR 2026-02-19, EUR 2026-02-23, EUR 2026-02-25\n"
                        "hint: import them with revshare fx import FILE (a rate may be at most 7 days older than the "
                        "line); nothing was stored for this period or later ones\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM settlement_run") == "0");
}

TEST_CASE("CLI report: a period that was never settled is an error") {
    ScratchDir dir;
    load_fixtures(dir);
    const auto result = run_revshare("--db r.db report --period 2026-04 --contract openai-microsoft --out out", dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err == "revshare: error: report: openai-microsoft 2026-04 was never settled; run revshare settle "
                        "--period 2026-04 first\n");
}

TEST_CASE("CLI contract: add validates and stores; list and show; the same text again changes nothing") {
    ScratchDir dir;
    copy_fixture("contracts/openai-microsoft.toml", dir.path());
    const auto added = run_revshare("--db r.db contract add openai-microsoft.toml", dir.path());
    CHECK(added.exit_code == 0);
    CHECK(added.out.rfind("openai-microsoft.toml: stored contract openai-microsoft (3 versions, sha256 ", 0) == 0);
    const auto again = run_revshare("--db r.db contract add openai-microsoft.toml", dir.path());
    CHECK(again.exit_code == 0);
    CHECK(again.out.find("is already stored with this text") != std::string::npos);
    const auto listed = run_revshare("--db r.db contract list", dir.path());
    CHECK(listed.out.rfind("openai-microsoft  OpenAI / Microsoft revenue share  USD  3 versions  sha256 ", 0) == 0);
    const auto shown = run_revshare("--db r.db contract show openai-microsoft", dir.path());
    CHECK(shown.out.find("# version 2026-amendment from 2026-04-28: aws-distribution-fee, msft-share-all-clouds\n") !=
          std::string::npos);
    CHECK(shown.out.find(read_file(dir / "openai-microsoft.toml")) != std::string::npos);

    write_file(dir / "bad.toml", "id = \"Bad_Id\"\nname = \"x\"\ncurrency = \"USD\"\n");
    const auto bad = run_revshare("--db r.db contract add bad.toml", dir.path());
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("bad.toml: refused (") != std::string::npos);
    CHECK(bad.err.find("error[contract-invalid]") != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM contract_text") == "1");
}

TEST_CASE("CLI fx import: all or nothing; identical rows ignored; a different stored rate is refused") {
    ScratchDir dir;
    write_file(dir / "a.csv", "date,base,quote,rate\n2026-04-01,EUR,USD,1.0812\n2026-04-02,EUR,USD,1.0820\n");
    const auto first = run_revshare("--db r.db fx import a.csv", dir.path());
    CHECK(first.exit_code == 0);
    CHECK(first.out == "a.csv: 2 rates added, 0 already stored\n");
    write_file(dir / "b.csv", "date,base,quote,rate\n2026-04-02,EUR,USD,1.08200\n2026-04-03,EUR,USD,1.0830\n");
    const auto second = run_revshare("--db r.db fx import b.csv", dir.path());
    CHECK(second.exit_code == 0);
    CHECK(second.out == "b.csv: 1 rates added, 1 already stored\n");
    write_file(dir / "c.csv", "date,base,quote,rate\n2026-04-04,EUR,USD,1.09\n2026-04-01,EUR,USD,1.0900\n");
    const auto conflict = run_revshare("--db r.db fx import c.csv", dir.path());
    CHECK(conflict.exit_code == 2);
    CHECK(conflict.err == "c.csv: error[fx-conflict]: EUR/USD on 2026-04-01 is stored as 1.0812, the file says 1.09\n"
                          "c.csv: refused: a stored rate never changes; no rate was stored\n");
    write_file(dir / "d.csv", "date,base,quote,rate\n2026-02-30,EUR,USD,1.1\n2026-04-05,EUR,XYZ,-1\n");
    const auto bad = run_revshare("--db r.db fx import d.csv", dir.path());
    CHECK(bad.exit_code == 2);
    CHECK(bad.err ==
          "d.csv:2:1: error[fx-invalid]: date: '2026-02-30' is not a date (expected YYYY-MM-DD)\n    2026-02-30,EUR,USD,1.1\n"
          "d.csv:3:3: error[fx-invalid]: quote: 'XYZ' is not an ISO 4217 currency code\n    2026-04-05,EUR,XYZ,-1\n"
          "d.csv:3:4: error[fx-invalid]: rate: '-1' is not a rate > 0 (it must be greater than zero)\n    2026-04-05,EUR,XYZ,-1\n"
          "d.csv: refused (3 errors); no rate was stored\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM fx_rate") == "3");
}

TEST_CASE("CLI options: an option or flag given twice is refused by its name, in either form; a repeatable one is kept") {
    ScratchDir dir;
    for (const auto& [words, error] : std::vector<std::pair<std::string, std::string>>{
             {"report --period 2026-03 --period 2026-04 --out x", "report: --period is given twice"},
             {"summary --year 2026 --out o --out=p", "summary: --out is given twice"},
             {"settle --period=2026-03 --period=2026-03", "settle: --period is given twice"},
             {"verify --deep --deep", "verify: --deep is given twice"},
             {"import --format focus --format aws-cur x.csv", "import: --format is given twice"}}) {
        const std::string arguments = words;  // (clang 14's lambdas, CAPTURE's, cannot capture a structured binding)
        CAPTURE(arguments);
        const auto refused = run_revshare("--db r.db " + arguments, dir.path());
        CHECK(refused.exit_code == 2);
        CHECK(refused.out == "");
        CHECK(refused.err.starts_with("revshare: " + error + "; give it once\n"));
    }
    CHECK_FALSE(std::filesystem::exists(dir / "x"));
    CHECK_FALSE(std::filesystem::exists(dir / "o"));
    // --chain-head (like --public-key) may be given once per head: each is read, in order.
    const auto heads = run_revshare("--db r.db verify --chain-head one --chain-head two", dir.path());
    CHECK(heads.exit_code == 2);
    CHECK(heads.err.starts_with("revshare: verify: --chain-head 'one': expected a chain sha256"));
}

TEST_CASE("CLI settle: a period with nothing to settle is refused unless --allow-empty (a run is permanent)") {
    ScratchDir dir;
    load_fixtures(dir);
    const auto refused = run_revshare("--db r.db settle --period 2030-01", dir.path());
    CHECK(refused.exit_code == 2);
    CHECK(refused.out == "");
    CHECK(refused.err ==
          "revshare: error: settle: openai-microsoft 2030-01 has no lines, was never settled and owes nothing without "
          "lines; nothing was stored (a run of it would be permanent). Check the period, or give --allow-empty to settle "
          "it anyway\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM settlement_run") == "0");

    // A month with lines is settled; once settled, settling it again needs no flag.
    REQUIRE(run_revshare("--db r.db settle --period 2026-02", dir.path()).exit_code == 0);
    CHECK(run_revshare("--db r.db settle --period 2026-02", dir.path()).exit_code == 0);

    // With the flag: the earlier open months with lines, then the empty one, all stored.
    const auto allowed = run_revshare("--db r.db settle --period 2030-01 --allow-empty", dir.path());
    CHECK(allowed.exit_code == 0);
    CHECK(allowed.out.ends_with("settled openai-microsoft 2026-05 (run 5)\nsettled openai-microsoft 2030-01 (run 6)\n"));
    CHECK(run_revshare("--db r.db settle --period 2030-01", dir.path()).exit_code == 0);  // it has a run now
}

TEST_CASE("CLI --out: a file where a folder is wanted is refused by name, by every command that writes a folder") {
    ScratchDir dir;
    write_file(dir / "taken", "not a folder\n");
    for (const auto& [command, name] : std::vector<std::pair<std::string, std::string>>{
             {"report --period 2026-03 --out taken", "report"},
             {"summary --year 2026 --out taken/2026", "summary"},
             {"evidence --period 2026-03 --out taken/pack", "evidence"},
             {"compare --period 2026-03 --contract c --with c --out taken", "compare"},
             {"nightly --inbox . --out taken/x/y", "nightly"}}) {
        const std::string shown_command = command;
        CAPTURE(shown_command);
        const auto refused = run_revshare("--db r.db " + command, dir.path());
        CHECK(refused.exit_code == 2);
        const std::string out = command.substr(command.find("--out ") + 6);
        CHECK(refused.err == "revshare: " + name + ": --out " + out +
                                 ": taken is a file, not a folder; name a folder (it is created when missing)\n");
    }
    CHECK(read_file(dir / "taken") == "not a folder\n");
    std::filesystem::create_symlink(dir / "nowhere", dir / "dangling");
    const auto dangling = run_revshare("--db r.db report --period 2026-03 --out dangling/x", dir.path());
    CHECK(dangling.exit_code == 2);
    CHECK(dangling.err == "revshare: report: --out dangling/x: dangling is a link to nothing; name a folder (it is created "
                          "when missing)\n");
}
