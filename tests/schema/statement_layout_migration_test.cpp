// Migration 0015 on a database written before it: its runs' statements were hashed as the
// 12-column statement.csv (period..lines). They keep verifying, reporting and replaying in that
// layout, can be closed, and a period settled again writes the 16 columns.
#include "engine/core/sha256.hpp"
#include "tests/app/late_data_support.hpp"
#include "tests/schema/schema_before.hpp"
#include "tests/test_support.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <sstream>

using namespace revshare::testing;

namespace {

// The first 12 columns of a statement.csv (the fixtures' cells hold no comma or quote).
std::string first_twelve_columns(const std::string& csv) {
    std::istringstream lines(csv);
    std::string line;
    std::string out;
    while (std::getline(lines, line)) {
        std::size_t end = 0;
        for (int comma = 0; comma < 12; ++comma) end = line.find(',', end) + 1;
        out += line.substr(0, end - 1) + "\n";
    }
    return out;
}

std::string report_statement(const ScratchDir& dir, const std::string& period, const std::string& out) {
    const auto reported = run_revshare("--db r.db --quiet report --period " + period + " --out " + out, dir.path());
    REQUIRE_MESSAGE(reported.exit_code == 0, reported.err);
    return read_file(dir / (out + "/openai-microsoft/" + period + "/statement.csv"));
}

}  // namespace

TEST_CASE("migration 0015: runs stored before it keep their 12-column statement.csv; settling again writes 16") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    for (const char* period : {"2026-02", "2026-03", "2026-04"}) {
        REQUIRE(run_revshare("--db r.db --quiet settle --period " + std::string(period), dir.path()).exit_code == 0);
    }
    std::map<std::string, std::string> old_statements;  // what an earlier revshare wrote and hashed
    for (const char* period : {"2026-02", "2026-03", "2026-04"}) {
        old_statements[period] = first_twelve_columns(report_statement(dir, period, "sixteen"));
    }
    {
        // The database as version 14 left it: no explanation columns, runs hashed as 12 columns.
        SQLite::Database db((dir / "r.db").string(), SQLite::OPEN_READWRITE);
        restore_contract_terms_before_0015(db);
        db.exec("DROP TABLE test_explanations_kept");
        SQLite::Statement rehash(db, "UPDATE settlement_run SET statement_sha256 = ? WHERE period = ? AND is_current = 1");
        for (const auto& [period, statement] : old_statements) {
            rehash.reset();
            rehash.bind(1, revshare::Sha256::of(statement));
            rehash.bind(2, period);
            REQUIRE(rehash.exec() == 1);
        }
        db.exec("PRAGMA user_version = 14");
    }
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK_MESSAGE(verified.exit_code == 0, verified.out << verified.err);
    CHECK(query_value(dir / "r.db", "PRAGMA user_version") == "18");
    CHECK(query_value(dir / "r.db", "SELECT group_concat(DISTINCT statement_columns) FROM settlement_run") == "12");
    // Reports, replay and close keep the layout the run was hashed in.
    CHECK(report_statement(dir, "2026-03", "twelve") == old_statements["2026-03"]);
    CHECK(old_statements["2026-03"].rfind("period,contract,kind,for_period,version,rule,payer,payee,currency,basis,share,lines\n", 0) == 0);
    const auto replayed = run_revshare("--db r.db replay --period 2026-03", dir.path());
    CHECK(replayed.exit_code == 0);
    CHECK(replayed.out.rfind("identical " + revshare::Sha256::of(old_statements["2026-03"]), 0) == 0);
    const auto closed = run_revshare("--db r.db close --period 2026-02", dir.path());
    CHECK_MESSAGE(closed.exit_code == 0, closed.err);
    // April settled again (an open period) is written with the explanation columns.
    REQUIRE(run_revshare("--db r.db --quiet settle --period 2026-04", dir.path()).exit_code == 0);
    CHECK(query_value(dir / "r.db", "SELECT statement_columns FROM settlement_run WHERE period = '2026-04' AND is_current") == "16");
    CHECK(report_statement(dir, "2026-04", "again") == read_file(fixtures_dir() / "expected/openai-microsoft/2026-04/statement.csv"));
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
    // Settling a later month settles the open 12-column March again (its inputs are the same,
    // its layout is not); closed February keeps the file its close hashed.
    REQUIRE(run_revshare("--db r.db --quiet settle --period 2026-05", dir.path()).exit_code == 0);
    CHECK(query_value(dir / "r.db", "SELECT group_concat(period || ':' || statement_columns, ' ') FROM (SELECT period, "
                                    "statement_columns FROM settlement_run WHERE is_current ORDER BY period)") ==
          "2026-02:12 2026-03:16 2026-04:16 2026-05:16");
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
}
