// Hostile contracts at the command line (issue 8): a float rate, a rate of 1.5, a cycle in
// net_of, each refused with the exact message (file, line, column, field) while the contract
// already stored stays as it was; and a 10,000-rule contract (the limit per version) that is
// stored, settles and balances. The parser's own tests (tests/engine/contract_parse_*) cover
// every validation rule; these prove the command around it.
#include "tests/hardening/hardening_support.hpp"

using namespace revshare::testing;
using namespace revshare::testing::hardening;

namespace {

const std::string contract_text = R"(id = "hostile"
name = "Hostile input test"
currency = "USD"

[parties]
a = "Party A"
b = "Party B"

[[version]]
id = "v1"
effective_from = 2026-01-01

  [[version.rule]]
  id = "first"
  payer = "a"
  payee = "b"
  match = { ProviderName = ["AWS"] }
  rate = "0.10"

  [[version.rule]]
  id = "second"
  payer = "b"
  payee = "a"
  match = { ProviderName = ["AWS"] }
  net_of = ["first"]
  rate = "0.20"
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("Hostile contract: a float rate, a rate of 1.5 and a net_of cycle are refused; the stored contract stays") {
    ScratchDir dir;
    write_file(dir / "hostile.toml", contract_text);
    REQUIRE(run_child({"--db", "r.db", "contract", "add", "hostile.toml"}, dir.path()).exit_code == 0);
    const std::string before = stored_state(dir / "r.db");

    struct Case {
        std::string file, text, err;
    };
    const std::vector<Case> cases = {
        {"float.toml", replaced(contract_text, "rate = \"0.10\"", "rate = 0.10"),
         "float.toml:18:10: error[contract-invalid]: version \"v1\" rule \"first\" rate: a TOML float is not allowed (0.1 as "
         "a binary float is not 0.1); write the rate as a string, e.g. rate = \"0.15\"\n"
         "      rate = 0.10\n"
         "float.toml: refused (1 error); nothing was stored\n"},
        {"one and a half.toml", replaced(contract_text, "rate = \"0.10\"", "rate = \"1.5\""),
         "one and a half.toml:18:10: error[contract-invalid]: version \"v1\" rule \"first\" rate: \"1.5\" is outside [0, 1]; "
         "expected a fraction, e.g. rate = \"0.15\" for 15%\n"
         "      rate = \"1.5\"\n"
         "one and a half.toml: refused (1 error); nothing was stored\n"},
        // A cycle needs one rule to name a later one: that is the error.
        {"cycle.toml", replaced(contract_text, "  rate = \"0.10\"", "  net_of = [\"second\"]\n  rate = \"0.10\""),
         "cycle.toml:18:13: error[contract-invalid]: version \"v1\" rule \"first\" net_of: rule \"second\" comes later in "
         "this version (net_of may name only rules earlier in the same version)\n"
         "      net_of = [\"second\"]\n"
         "cycle.toml: refused (1 error); nothing was stored\n"},
    };
    for (const auto& bad : cases) {
        CAPTURE(bad.file);
        write_file(dir / bad.file, bad.text);
        const auto result = run_child({"--db", "r.db", "contract", "add", bad.file}, dir.path());
        CHECK(result.exit_code == 2);
        CHECK(result.out == "");
        CHECK(result.err == bad.err);
        CHECK(stored_state(dir / "r.db") == before);
    }
    const auto shown = run_child({"--db", "r.db", "contract", "show", "hostile"}, dir.path());
    CHECK(shown.exit_code == 0);
    CHECK(shown.out.find("rate = \"0.10\"") != std::string::npos);
    check_verified(dir.path());
}

TEST_CASE("Hostile contract: 10,000 rules in one version (the limit) are stored, settle and balance") {
    ScratchDir dir;
    std::string text = "id = \"many\"\nname = \"Ten thousand rules\"\ncurrency = \"USD\"\n\n[parties]\na = \"A\"\nb = \"B\"\n\n"
                       "[[version]]\nid = \"v1\"\neffective_from = 2026-01-01\n";
    for (int i = 0; i < 10'000; ++i) {
        text += "\n  [[version.rule]]\n  id = \"r" + std::to_string(i) +
                "\"\n  payer = \"a\"\n  payee = \"b\"\n  match = { ProviderName = [\"AWS\"] }\n  rate = \"0.0001\"\n";
    }
    write_file(dir / "many.toml", text);
    const auto added = run_child({"--db", "r.db", "contract", "add", "many.toml"}, dir.path());
    CHECK(added.exit_code == 0);
    CHECK(added.err == "");
    REQUIRE(run_child({"--db", "r.db", "import", (fixtures_dir() / "exports/aws-cur/cur-2026-02.csv").string()}, dir.path())
                .exit_code == 0);
    const auto settled = run_child({"--db", "r.db", "--quiet", "settle", "--period", "2026-02"}, dir.path());
    CHECK(settled.exit_code == 0);
    CHECK(settled.err == "");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM statement_row") == "10000");
    // One rule's share, 10,000 times: every row has the same basis and share.
    CHECK(query_value(dir / "r.db", "SELECT count(DISTINCT basis || '/' || share) FROM statement_row") == "1");
    check_verified(dir.path());
}
