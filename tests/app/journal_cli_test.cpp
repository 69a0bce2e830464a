// `revshare journal` end to end (tests/app/journal_support.hpp's fixture): the three files of
// April 2026 byte for byte (a USD and a JPY contract, a memo row left out, a negative adjustment
// for the closed March), March's closed run, `--out -`, the same bytes twice, and every refusal
// a person can act on.
#include "tests/app/journal_support.hpp"
#include "tests/reports/report_test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace revshare::testing;
using namespace revshare::testing::journal;

namespace {

CommandResult run_journal(const ScratchDir& dir, const std::string& arguments) {
    return run_revshare("--db r.db journal " + arguments, dir.path());
}

std::string exported(const ScratchDir& dir, const std::string& arguments, const std::string& file) {
    const auto result = run_journal(dir, arguments + " --out " + file);
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    return read_file(dir / file);
}

}  // namespace

TEST_CASE("journal: April 2026 of a USD and a JPY contract in hledger, beancount and CSV, byte for byte") {
    ScratchDir dir;
    set_up(dir);
    const auto written = run_journal(dir, "--period 2026-04 --format hledger --out april.journal");
    REQUIRE_MESSAGE(written.exit_code == 0, written.err);
    CHECK(written.out == "wrote april.journal: 4 transactions of 2 contracts (hledger)\n");
    CHECK(written.err == "");
    reports::check_golden(read_file(dir / "april.journal"), "journal/jx-2026-04.journal");
    reports::check_golden(exported(dir, "--period 2026-04 --format beancount", "april.beancount"),
                          "journal/jx-2026-04.beancount");
    reports::check_golden(exported(dir, "--period 2026-04 --format csv", "april.csv"), "journal/jx-2026-04.csv");
    // March is closed: its closed run, one contract.
    reports::check_golden(exported(dir, "--period 2026-03 --contract jx --format hledger", "march.journal"),
                          "journal/jx-2026-03.journal");

    SUBCASE("the same database gives the same bytes; --out - writes them to standard output") {
        for (const std::string format : {"hledger", "beancount", "csv"}) {
            CAPTURE(format);
            const std::string first = exported(dir, "--period 2026-04 --format " + format, "a." + format);
            CHECK(exported(dir, "--period 2026-04 --format " + format, "b." + format) == first);
            const auto piped = run_journal(dir, "--period 2026-04 --format " + format + " --out -");
            CHECK(piped.exit_code == 0);
            CHECK(piped.out == first);
        }
    }
    SUBCASE("--contract picks one contract") {
        const std::string yen = exported(dir, "--period 2026-04 --contract jx-yen --format csv", "yen.csv");
        CHECK(yen == "date,account,debit,credit,currency,memo,reference\n"
                     "2026-04-30,Liabilities:Revshare:Openai,,1234,JPY,AWS Japan G.K. | current yen-share v1 for 2026-04 | "
                     "statement sha256 " + yen.substr(yen.find("statement sha256 ") + 17, 64) + ",jx-yen/2026-04/1\n"
                     "2026-04-30,Liabilities:Revshare:Aws-jp,1234,,JPY,AWS Japan G.K. | current yen-share v1 for 2026-04 | "
                     "statement sha256 " + yen.substr(yen.find("statement sha256 ") + 17, 64) + ",jx-yen/2026-04/1\n");
    }
}

TEST_CASE("journal: refusals say what to do") {
    ScratchDir dir;
    set_up(dir);
    const auto refused = [&](const std::string& arguments, const std::string& message) {
        const auto result = run_journal(dir, arguments);
        CAPTURE(arguments);
        CHECK(result.exit_code == 2);
        CHECK(result.err == message);
        CHECK(result.out == "");
    };
    refused("--period 2026-04 --contract nope --format csv --out x.csv",
            "revshare: error: journal: no contract 'nope' (add it with revshare contract add FILE)\n");
    refused("--period 2026-05 --contract jx --format csv --out x.csv",
            "revshare: error: journal: jx 2026-05 was never settled; run revshare settle --period 2026-05 first\n");
    refused("--period 2026-05 --format csv --out x.csv",
            "revshare: error: journal: no contract has a settled 2026-05; run revshare settle --period 2026-05 first\n");
    refused("--period 2026-02 --contract jx --format csv --out x.csv",
            "revshare: error: journal: jx 2026-02 comes before the closed period 2026-03 and was never settled: it counts "
            "as closed with no rows of its own; its late data is in the adjustment rows (for_period 2026-02) of later "
            "periods' journals\n");
    refused("--period 2026-04 --format ledger --out x",
            "revshare: journal: --format expects hledger, beancount or csv, got 'ledger'\n");
    refused("--period 2026-04 --out x", "revshare: journal: give --format hledger, beancount or csv\n");
    refused("--period 2026-04 --format csv", "revshare: journal: give --out FILE (or --out - for standard output)\n");
    refused("--period 2026-04 --format csv --out x.csv extra", "revshare: journal: unexpected argument 'extra'\n");
    const auto bad_period = run_journal(dir, "--period 2026-13 --format csv --out x.csv");
    CHECK(bad_period.exit_code == 2);
    CHECK(bad_period.err.starts_with("revshare: journal: --period '2026-13': "));
    CHECK_FALSE(std::filesystem::exists(dir / "x.csv"));

    SUBCASE("an --out that cannot be written: exit 2, nothing left behind") {
        write_file(dir / "plain", "a file, not a folder\n");
        const auto under_file = run_journal(dir, "--period 2026-04 --format csv --out plain/x.csv");
        CHECK(under_file.exit_code == 2);
        CHECK(under_file.err.starts_with("revshare: error: journal: cannot write "));
        CHECK(under_file.err.find("plain/x.csv") != std::string::npos);
        std::filesystem::create_directory(dir / "folder");
        const auto folder = run_journal(dir, "--period 2026-04 --format csv --out folder");
        CHECK(folder.exit_code == 2);
        CHECK(folder.err.starts_with("revshare: error: journal: cannot write "));
        CHECK(folder.err.find("folder") != std::string::npos);
        CHECK(std::filesystem::is_empty(dir / "folder"));
        for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
            CAPTURE(entry.path());
            CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
        }
        // The database itself, under any name: refused before anything is written.
        const std::string before = read_file(dir / "r.db");
        for (const std::string& out : std::vector<std::string>{"r.db", "./r.db", "../" + dir.path().filename().string() + "/r.db"}) {
            CAPTURE(out);
            const auto database = run_journal(dir, "--period 2026-04 --format csv --out " + out);
            CHECK(database.exit_code == 2);
            CHECK(database.err == "revshare: journal: --out " + out + " is the database; give another file name\n");
        }
        CHECK(read_file(dir / "r.db") == before);
        // A missing folder is made, as for report and events.
        CHECK(run_journal(dir, "--period 2026-04 --format csv --out new/dir/x.csv").exit_code == 0);
        CHECK(std::filesystem::exists(dir / "new/dir/x.csv"));
    }
}
