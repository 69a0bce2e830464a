// `revshare compare` on the fixtures: April and May 2026 under the 2026 amendment (the stored
// seed contract) against the 2023 terms (fixtures/contracts/openai-microsoft-2023-terms.toml),
// from a file or a stored id, storing nothing.
#include "tests/reports/report_test_support.hpp"

using namespace revshare::testing;
using namespace revshare::testing::reports;
using revshare::Decimal;

namespace {

const std::string terms_2023 = "contracts/openai-microsoft-2023-terms.toml";

std::string database_counts(const ScratchDir& dir) {
    return query_value(dir / "r.db", "SELECT (SELECT count(*) FROM settlement_run) || ' ' || (SELECT count(*) FROM "
                                     "statement_row) || ' ' || (SELECT count(*) FROM audit_log) || ' ' || (SELECT "
                                     "count(*) FROM contract_text)");
}

}  // namespace

TEST_CASE("compare: April 2026 under the 2026 amendment against the 2023 terms, from a file; nothing is stored") {
    ScratchDir dir;
    load_and_settle(dir);
    const std::string before = database_counts(dir);
    const auto compared = run_revshare("--db r.db compare --period 2026-04 --contract openai-microsoft --with '" +
                                           (fixtures_dir() / terms_2023).string() + "' --out cmp",
                                       dir.path());
    REQUIRE(compared.exit_code == 0);
    CHECK(compared.err == "");
    CHECK(database_counts(dir) == before);
    CHECK(compared.out ==
          "compare 2026-04 (USD): openai-microsoft against openai-microsoft-2023-terms\n"
          "  rule                          payer      payee      openai-microsoft  openai-microsoft-2023-terms  difference\n"
          "  msft-share-of-openai          openai     microsoft          19875.97                     30997.05    11121.08\n"
          "  openai-share-of-azure-openai  microsoft  openai             11925.58                     18598.23     6672.65\n"
          "  aws-distribution-fee          openai     aws                 4574.22                            -    -4574.22\n"
          "  msft-share-all-clouds         openai     microsoft          15000.00                            -   -15000.00\n"
          "total shares per payer and payee:\n"
          "  payer      payee      openai-microsoft  openai-microsoft-2023-terms  difference\n"
          "  microsoft  openai             11925.58                     18598.23     6672.65\n"
          "  openai     aws                 4574.22                         0.00    -4574.22\n"
          "  openai     microsoft          34875.97                     30997.05    -3878.92\n"
          "wrote cmp/openai-microsoft/2026-04/comparison.csv\n");
    const std::string csv = read_file(dir / "cmp/openai-microsoft/2026-04/comparison.csv");
    check_golden(csv, "compare-2026-04.csv");
    // Under the 2023 terms the whole month's Azure OpenAI lines are one basis: the lines of
    // April's 2023 rows plus the Microsoft lines of the amendment's row (lines.csv).
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-04 --out out", dir.path()).exit_code == 0);
    std::map<std::string, std::string> seen;  // line_id -> provider: each line once
    Decimal microsoft;
    for (const auto& line : parse_csv(read_file(dir / "out/openai-microsoft/2026-04/lines.csv"))) {
        if (line.at("kind") != "line" || line.at("provider") != "Microsoft" || seen.count(line.at("line_id"))) continue;
        seen[line.at("line_id")] = line.at("provider");
        microsoft += decimal(line.at("settlement_cost"));
    }
    const auto rows = parse_csv(csv);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].at("rule") == "msft-share-of-openai");
    CHECK(decimal(rows[0].at("alternative_basis")) == microsoft);
    CHECK(rows[0].at("alternative_lines") == std::to_string(seen.size()));
}

TEST_CASE("compare: May 2026, and --with a stored contract id gives the same comparison") {
    ScratchDir dir;
    load_and_settle(dir);
    const std::string file = "'" + (fixtures_dir() / terms_2023).string() + "'";
    REQUIRE(run_revshare("--db r.db --quiet compare --period 2026-05 --contract openai-microsoft --with " + file + " --out a",
                         dir.path())
                .exit_code == 0);
    REQUIRE(run_revshare("--db r.db contract add " + file, dir.path()).exit_code == 0);
    const auto stored = run_revshare(
        "--db r.db --quiet compare --period 2026-05 --contract openai-microsoft --with openai-microsoft-2023-terms --out b",
        dir.path());
    REQUIRE(stored.exit_code == 0);
    CHECK(stored.out == "");
    CHECK(read_file(dir / "a/openai-microsoft/2026-05/comparison.csv") == read_file(dir / "b/openai-microsoft/2026-05/comparison.csv"));
    check_golden(read_file(dir / "a/openai-microsoft/2026-05/comparison.csv"), "compare-2026-05.csv");
    // Another period into the same folder: beside the first, which stays as it was.
    REQUIRE(run_revshare("--db r.db --quiet compare --period 2026-04 --contract openai-microsoft --with " + file + " --out a",
                         dir.path())
                .exit_code == 0);
    check_golden(read_file(dir / "a/openai-microsoft/2026-05/comparison.csv"), "compare-2026-05.csv");
    check_golden(read_file(dir / "a/openai-microsoft/2026-04/comparison.csv"), "compare-2026-04.csv");
}

TEST_CASE("compare: an unknown --with, and an alternative in another currency, are errors naming them") {
    ScratchDir dir;
    load_and_settle(dir);
    const auto unknown = run_revshare("--db r.db compare --period 2026-04 --contract openai-microsoft --with nope --out c",
                                      dir.path());
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err == "revshare: error: compare: --with nope is neither a .toml file nor a stored contract id "
                         "(see revshare contract list)\n");
    std::string eur = read_file(fixtures_dir() / terms_2023);
    eur.replace(eur.find("currency    = \"USD\""), 19, "currency    = \"EUR\"");
    write_file(dir / "eur.toml", eur);
    const auto other = run_revshare("--db r.db compare --period 2026-04 --contract openai-microsoft --with eur.toml --out c",
                                    dir.path());
    CHECK(other.exit_code == 2);
    CHECK(other.err == "revshare: error: compare: openai-microsoft settles in USD, --with eur.toml in EUR; shares in two "
                       "currencies cannot be compared\n");
    CHECK(!std::filesystem::exists(dir / "c"));
}
