// The FX table is sealed (migration 0012): every fx import that adds rates records the SHA-256 of
// all rates stored so far. A rate edited, deleted or added by hand is named by verify, and
// settle (so nightly too) refuses to settle with it.
#include "tests/app/late_data_support.hpp"
#include "tests/schema/schema_before.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace revshare::testing;

namespace {

void tamper(const ScratchDir& dir, const std::string& sql) { edit_database(dir / "r.db", sql); }

std::string fx_file() { return (fixtures_dir() / "fx/eur-usd-2026.csv").string(); }

}  // namespace

TEST_CASE("fx import seals what it adds; the same file again adds no seal") {
    ScratchDir dir;
    REQUIRE(run_revshare("--db r.db fx import '" + fx_file() + "'", dir.path()).exit_code == 0);
    const std::string rates = query_value(dir / "r.db", "SELECT count(*) FROM fx_rate");
    CHECK(query_value(dir / "r.db", "SELECT group_concat(through_rowid) FROM fx_rate_seal") == rates);
    REQUIRE(run_revshare("--db r.db fx import '" + fx_file() + "'", dir.path()).exit_code == 0);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM fx_rate_seal") == "1");
    write_file(dir / "chf.csv", "date,base,quote,rate\n2026-03-02,CHF,USD,1.1234\n");
    REQUIRE(run_revshare("--db r.db fx import chf.csv", dir.path()).exit_code == 0);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM fx_rate_seal") == "2");
    CHECK(run_revshare("--db r.db verify", dir.path()).out.find(", the FX rates are the ones fx import sealed") !=
          std::string::npos);
}

TEST_CASE("Tamper: an FX rate edited, deleted or added by hand: verify names it, settle and nightly refuse (exit 3)") {
    ScratchDir dir;
    closed_february_and_march(dir);
    const std::string rates = query_value(dir / "r.db", "SELECT count(*) FROM fx_rate");
    const std::string edited = "  fx_rate: the rates stored up to row " + rates +
                               " no longer give the seal fx import recorded (a rate was edited, deleted or added by hand)\n";
    const auto refused = [&](const std::string& problem) {
        const auto settled = run_revshare("--db r.db settle --period 2026-04", dir.path());
        CHECK(settled.exit_code == 3);
        CHECK(settled.err == "revshare: error: settle: " + problem + ": nothing is settled; run revshare verify\n");
        CHECK(query_value(dir / "r.db", "SELECT count(*) FROM settlement_run WHERE period = '2026-04'") == "0");
        std::filesystem::create_directories(dir / "inbox");
        CHECK(run_revshare("--db r.db nightly --inbox inbox --out out", dir.path()).exit_code == 3);
    };
    SUBCASE("a rate edited") {
        tamper(dir, "UPDATE fx_rate SET rate = '1.2' WHERE rate_date = '2026-03-31'");
        CHECK(verify_problems(dir).find(edited) != std::string::npos);
        refused(edited.substr(2, edited.size() - 3));
    }
    SUBCASE("a rate deleted") {
        tamper(dir, "DELETE FROM fx_rate WHERE rate_date = '2026-04-01'");
        CHECK(verify_problems(dir).find(edited) != std::string::npos);
    }
    SUBCASE("a rate added, for a day that had none") {
        tamper(dir, "INSERT INTO fx_rate (rate_date, base, quote, rate, file_name) VALUES ('2026-04-04', 'EUR', 'USD', '2', 'x')");
        const std::string added = "fx_rate: rates were stored after the last seal (rows " + std::to_string(std::stoi(rates) + 1) +
                                  " to " + std::to_string(std::stoi(rates) + 1) + "): added by hand, not by fx import";
        CHECK(verify_problems(dir).find("  " + added + "\n") != std::string::npos);
        refused(added);
    }
    SUBCASE("the seal itself deleted") {
        tamper(dir, "DELETE FROM fx_rate_seal");
        CHECK(verify_problems(dir).find("  fx_rate: rates were stored after the last seal (rows 1 to " + rates + ")") !=
              std::string::npos);
    }
}

TEST_CASE("Migration 0012 seals the rates stored before it; an edit after is found") {
    ScratchDir dir;
    closed_february_and_march(dir);
    {
        SQLite::Database db((dir / "r.db").string(), SQLite::OPEN_READWRITE);
        restore_fx_rate_seal_before_0012(db);
        db.exec("PRAGMA user_version = 11");
    }
    migrate_runs_settled_by_this_build(dir / "r.db");
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK_MESSAGE(verified.exit_code == 0, verified.out << verified.err);
    CHECK(query_value(dir / "r.db", "PRAGMA user_version") == "18");
    CHECK(query_value(dir / "r.db", "SELECT through_rowid FROM fx_rate_seal") ==
          query_value(dir / "r.db", "SELECT max(rowid) FROM fx_rate"));
    tamper(dir, "UPDATE fx_rate SET rate = '1.2' WHERE rate_date = '2026-03-31'");
    CHECK(verify_problems(dir).find("  fx_rate: the rates stored up to row ") != std::string::npos);
}

TEST_CASE("Tamper: a rate added by hand is not sealed by the next fx import, which is refused; compare refuses too") {
    ScratchDir dir;
    closed_february_and_march(dir);
    tamper(dir, "INSERT INTO fx_rate (rate_date, base, quote, rate, file_name) VALUES ('2026-05-09', 'EUR', 'USD', '5.0', 'x')");
    write_file(dir / "new.csv", "date,base,quote,rate\n2026-12-30,EUR,USD,1.1\n");
    const std::string rates = query_value(dir / "r.db", "SELECT count(*) FROM fx_rate");
    const auto imported = run_revshare("--db r.db fx import new.csv", dir.path());
    CHECK(imported.exit_code == 3);
    CHECK(imported.err == "revshare: error: new.csv: refused: fx_rate: rates were stored after the last seal (rows " + rates +
                              " to " + rates + "): added by hand, not by fx import; no rate was stored; run revshare verify\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM fx_rate") == rates);
    CHECK(verify_problems(dir).find("  fx_rate: rates were stored after the last seal") != std::string::npos);
    const auto compared = run_revshare("--db r.db compare --period 2026-04 --contract openai-microsoft --with '" +
                                           (fixtures_dir() / "contracts/openai-microsoft.toml").string() + "' --out c",
                                       dir.path());
    CHECK(compared.exit_code == 3);
    CHECK(compared.err.starts_with("revshare: error: compare: fx_rate: rates were stored after the last seal"));
}
