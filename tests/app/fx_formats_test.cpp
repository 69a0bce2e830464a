// `fx import --format ecb|wide`: the European Central Bank's reference rates and wide files of
// one rate column a currency, stored as the direct rates they state (never an inverse).
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace revshare::testing;

namespace {

const std::string fx_rows = "SELECT group_concat(rate_date || ' ' || base || '/' || quote || ' ' || rate, '; ') FROM "
                            "(SELECT * FROM fx_rate ORDER BY rate_date, base, quote)";

}  // namespace

TEST_CASE("fx import --format ecb: 1 EUR = x quote for every rate given; N/A, retired currencies and the trailing comma") {
    ScratchDir dir;
    // As the ECB writes it: newest first, a trailing comma on every line, N/A where a currency
    // had no rate, a column of a currency since replaced (CYP) and one with a rate (HRK, 2022).
    write_file(dir / "ecb.csv",
               "Date,USD,JPY,CYP,HRK,GBP,\n"
               "2026-04-02,1.0820,N/A,N/A,N/A,0.84615,\n"
               "2026-04-01,1.0812,162.35,N/A,7.5345,0.8459,\n");
    const auto first = run_revshare("--db r.db fx import --format ecb ecb.csv", dir.path());
    CHECK(first.err == "");
    CHECK(first.exit_code == 0);
    CHECK(first.out == "ecb.csv: 5 rates added, 0 already stored, 4 cells without a rate (N/A or empty), 1 rates not "
                       "stored (currencies revshare does not know: HRK)\n");
    CHECK(query_value(dir / "r.db", fx_rows) ==
          "2026-04-01 EUR/GBP 0.8459; 2026-04-01 EUR/JPY 162.35; 2026-04-01 EUR/USD 1.0812; 2026-04-02 EUR/GBP 0.84615; "
          "2026-04-02 EUR/USD 1.082");  // stored as the number, canonical
    // The same rates again, in the rows format: already stored, as the same numbers.
    write_file(dir / "rows.csv", "date,base,quote,rate\n2026-04-01,EUR,USD,1.08120\n2026-04-02,EUR,GBP,0.84615\n");
    CHECK(run_revshare("--db r.db fx import rows.csv", dir.path()).out == "rows.csv: 0 rates added, 2 already stored\n");
    const auto again = run_revshare("--db r.db fx import --format ecb ecb.csv", dir.path());
    CHECK(again.out == "ecb.csv: 0 rates added, 5 already stored, 4 cells without a rate (N/A or empty), 1 rates not "
                       "stored (currencies revshare does not know: HRK)\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM fx_rate WHERE base <> 'EUR'") == "0");  // no inverse derived
}

TEST_CASE("fx import --format wide --base: each cell is 1 base = x quote") {
    ScratchDir dir;
    write_file(dir / "usd.csv", "date,EUR,GBP\n2026-04-01,0.924214,0.78234\n2026-04-02,,0.7822\n");
    const auto imported = run_revshare("--db r.db fx import --format wide --base USD usd.csv", dir.path());
    CHECK(imported.err == "");
    CHECK(imported.out == "usd.csv: 3 rates added, 0 already stored, 1 cells without a rate (N/A or empty)\n");
    CHECK(query_value(dir / "r.db", fx_rows) ==
          "2026-04-01 USD/EUR 0.924214; 2026-04-01 USD/GBP 0.78234; 2026-04-02 USD/GBP 0.7822");
}

TEST_CASE("fx import --format ecb: the fixture's EUR/USD rates in the ECB's form settle Feb-May 2026 byte for byte as the rows file does") {
    ScratchDir dir;
    REQUIRE(run_revshare("--db r.db import '" + (fixtures_dir() / "exports").string() + "'/*/*", dir.path()).exit_code == 1);
    const auto imported = run_revshare("--db r.db fx import --format ecb '" +
                                           (fixtures_dir() / "fx/eurofxref-hist-2026.csv").string() + "'",
                                       dir.path());
    CHECK(imported.exit_code == 0);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM fx_rate WHERE base = 'EUR' AND quote = 'USD'") == "92");
    REQUIRE(run_revshare("--db r.db contract add '" + (fixtures_dir() / "contracts/openai-microsoft.toml").string() + "'",
                         dir.path())
                .exit_code == 0);
    for (const std::string period : {"2026-02", "2026-03", "2026-04", "2026-05"}) {
        CAPTURE(period);
        REQUIRE(run_revshare("--db r.db settle --period " + period, dir.path()).exit_code == 0);
        REQUIRE(run_revshare("--db r.db --quiet report --period " + period + " --out out", dir.path()).exit_code == 0);
        for (const std::string file : {"statement.csv", "net.csv"}) {
            CAPTURE(file);
            CHECK(read_file(dir / ("out/openai-microsoft/" + period + "/" + file)) ==
                  read_file(fixtures_dir() / "expected/openai-microsoft" / period / file));
        }
    }
}

TEST_CASE("fx import --format ecb|wide: a bad header, cell or row refuses the whole file, naming line, column and currency") {
    ScratchDir dir;
    const auto refused = [&](const std::string& flags, const std::string& content, const std::string& err) {
        write_file(dir / "f.csv", content);
        const auto result = run_revshare("--db r.db fx import " + flags + " f.csv", dir.path());
        CHECK(result.exit_code == 2);
        CHECK(result.err == err);
        CHECK_FALSE(std::filesystem::exists(dir / "r.db"));  // refused before the database is opened
    };
    refused("--format ecb", "Day,USD,\n2026-04-01,1.08,\n",
            "f.csv:1:1: error[fx-invalid]: the header must start with Date, then one quote currency a column "
            "(Date,USD,JPY,...)\n    Day,USD,\nf.csv: refused (1 errors); no rate was stored\n");
    refused("--format ecb", "Date,USD,usd,EUR,USD\n2026-04-01,1.08,1,1,1\n",
            "f.csv:1:3: error[fx-invalid]: header column 3: 'usd' is not a currency code\n    Date,USD,usd,EUR,USD\n"
            "f.csv:1:4: error[fx-invalid]: header column 4: EUR is the base currency, not a quote\n    Date,USD,usd,EUR,USD\n"
            "f.csv:1:5: error[fx-invalid]: header column 5: USD is named twice\n    Date,USD,usd,EUR,USD\n"
            "f.csv: refused (3 errors); no rate was stored\n");
    refused("--format ecb", "Date,\n2026-04-01,\n",
            "f.csv:1:2: error[fx-invalid]: header column 2: '' is not a currency code\n    Date,\n"
            "f.csv: refused (1 errors); no rate was stored\n");
    refused("--format ecb", "Date,USD,JPY,\n2026-04-01,1.08,0,\n2026-04-02,1.08,\n2026-04-31,1.08,160,7\n",
            "f.csv:2:3: error[fx-invalid]: JPY: '0' is not a rate > 0 (it must be greater than zero)\n    2026-04-01,1.08,0,\n"
            "f.csv:3: error[fx-invalid]: expected 4 columns, as the header has, found 3\n    2026-04-02,1.08,\n"
            "f.csv:4:1: error[fx-invalid]: date: '2026-04-31' is not a date (expected YYYY-MM-DD)\n    2026-04-31,1.08,160,7\n"
            "f.csv:4:4: error[fx-invalid]: '7' is in the column the header leaves unnamed\n    2026-04-31,1.08,160,7\n"
            "f.csv: refused (4 errors); no rate was stored\n");
    refused("--format wide --base USD", "date,EUR\n2026-04-01,0.92\n2026-04-01,0.93\n",
            "f.csv: error[fx-invalid]: two different rates for USD/EUR on 2026-04-01: 0.92 and 0.93\n"
            "f.csv: refused (1 errors); no rate was stored\n");
    refused("--format ecb", "Date,USD,CYP\n2026-04-01,1.08,x\n",
            "f.csv:2:3: error[fx-invalid]: CYP: 'x' is not a rate > 0 (unexpected character 'x')\n    2026-04-01,1.08,x\n"
            "f.csv: refused (1 errors); no rate was stored\n");
    // The command's own mistakes: exit 2 before reading anything.
    const auto usage = [&](const std::string& flags, const std::string& err) {
        const auto result = run_revshare("--db r.db fx import " + flags, dir.path());
        CHECK(result.exit_code == 2);
        CHECK(result.err == "revshare: " + err + "\n");
    };
    usage("--format wide f.csv", "fx import: --format wide needs --base CCY, the currency each rate is the price of");
    usage("--format ecb --base USD f.csv", "fx import: --base is for --format wide; the ECB's rates are all of 1 EUR");
    usage("--base USD f.csv", "fx import: --base is for --format wide; a rows file names each rate's base");
    usage("--format wide --base XXY f.csv", "fx import: --base 'XXY' is not an ISO 4217 currency code");
    usage("--format sdmx f.csv", "fx import: unknown --format 'sdmx' (rows, ecb or wide)");
}

TEST_CASE("fx import: a device or folder is refused at once, not read for ever") {
    ScratchDir dir;
    std::filesystem::create_symlink("/dev/zero", dir / "zero.csv");
    for (const std::string format : {"rows", "ecb"}) {
        const auto result = run_revshare("--db r.db fx import --format " + format + " zero.csv", dir.path());
        CHECK(result.exit_code == 2);
        CHECK(result.err == "zero.csv: error[fx-invalid]: not a regular file (a pipe, device or folder cannot be read as "
                            "FX rates)\nzero.csv: refused (1 errors); no rate was stored\n");
    }
}
