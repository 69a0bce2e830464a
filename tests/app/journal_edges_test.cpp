// `revshare journal` at its edges: a contract of memo rules only, parties whose default accounts
// clash, an [accounts] table that maps two parties to one account, accounts added after a close
// (allowed: presentation, not terms; the settlement does not change), the largest shares a
// statement stores, checked by hledger and beancount to the cent.
#include "tests/app/journal_support.hpp"
#include "tests/reports/report_test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare::testing;
using namespace revshare::testing::journal;

namespace {

// A one-version contract `id` in USD from 2026-01-01 with `parties` ([parties] lines), `rules`
// ([[version.rule]] tables) and `extra` (more top-level tables).
std::string contract(const std::string& id, const std::string& parties, const std::string& rules,
                     const std::string& extra = "") {
    return "id = \"" + id + "\"\nname = \"N\"\ncurrency = \"USD\"\n[parties]\n" + parties + extra +
           "[[version]]\nid = \"v1\"\neffective_from = \"2026-01-01\"\n" + rules;
}

std::string rule(const std::string& id, const std::string& payer, const std::string& payee, const std::string& rate,
                 const std::string& extra = "") {
    return "[[version.rule]]\nid = \"" + id + "\"\npayer = \"" + payer + "\"\npayee = \"" + payee +
           "\"\nmatch = { ProviderName = [\"AWS\"] }\nrate = \"" + rate + "\"\n" + extra;
}

CommandResult run(const ScratchDir& dir, const std::string& arguments) {
    return run_revshare("--db r.db " + arguments, dir.path());
}

void import_april(const ScratchDir& dir, const std::string& cost) {
    write_file(dir / "aws-04.csv", focus_delivery(cost, "USD", "2026-04", "2026-05", "AWS", "ba-1"));
    run_ok("import aws-04.csv", dir);
}

}  // namespace

TEST_CASE("journal edges: a contract of memo rules only has no transaction, and its files are still valid") {
    require_tools();
    ScratchDir dir;
    import_april(dir, "1000.00");
    write_file(dir / "memo.toml", contract("memo", "a = \"A\"\nb = \"B\"\n", rule("fee", "a", "b", "0.03", "owed = false\n")));
    run_ok("contract add memo.toml", dir);
    run_ok("settle --period 2026-04", dir);
    CHECK(run(dir, "journal --period 2026-04 --format csv --out -").out == "date,account,debit,credit,currency,memo,reference\n");
    const std::string ledger = run(dir, "journal --period 2026-04 --format hledger --out -").out;
    CHECK(ledger.find("\n2026-04-30") == std::string::npos);
    CHECK(ledger.ends_with("account Liabilities:Revshare:A\naccount Liabilities:Revshare:B\n"));
    write_file(dir / "memo.journal", ledger);
    CHECK(std::system(("hledger -f '" + (dir / "memo.journal").string() + "' check -s >/dev/null 2>&1").c_str()) == 0);
    write_file(dir / "memo.beancount", run(dir, "journal --period 2026-04 --format beancount --out -").out);
    CHECK(std::system(("bean-check '" + (dir / "memo.beancount").string() + "' >/dev/null 2>&1").c_str()) == 0);
}

TEST_CASE("journal edges: parties whose default accounts clash are refused until [accounts] tells them apart") {
    ScratchDir dir;
    import_april(dir, "1000.00");
    const std::string parties = "openai = \"OpenAI\"\nOpenai = \"Another OpenAI\"\n";
    write_file(dir / "c.toml", contract("clash", parties, rule("r", "openai", "Openai", "0.1")));
    run_ok("contract add c.toml", dir);  // valid: the accounts matter only to the journal
    run_ok("settle --period 2026-04", dir);
    for (const std::string format : {"hledger", "beancount", "csv"}) {
        const auto refused = run(dir, "journal --period 2026-04 --format " + format + " --out j");
        CHECK(refused.exit_code == 2);
        CHECK(refused.err == "revshare: error: journal: contract clash: parties \"openai\" and \"Openai\" would both post to "
                             "Liabilities:Revshare:Openai; give one of them an account of its own in the contract's "
                             "[accounts] table (docs/contracts.md) and add the text again (revshare contract add)\n");
    }
    CHECK_FALSE(std::filesystem::exists(dir / "j"));
    // The fix the message names: a new text; the run it settled stays what it was.
    write_file(dir / "c.toml",
               contract("clash", parties, rule("r", "openai", "Openai", "0.1"), "[accounts]\nOpenai = \"Assets:Other\"\n"));
    run_ok("contract add c.toml", dir);
    const auto fixed = run(dir, "journal --period 2026-04 --format csv --out -");
    CHECK(fixed.exit_code == 0);
    CHECK(fixed.out.find("2026-04-30,Assets:Other,100.00,,USD,") != std::string::npos);
    CHECK(fixed.err.find("revshare: warning: journal: clash 2026-04 (run 1) is stale: a newer contract text was added since") ==
          0);
}

TEST_CASE("journal edges: an [accounts] table that maps two parties to one account is refused by contract add") {
    ScratchDir dir;
    write_file(dir / "c.toml", contract("two", "a = \"A\"\nb = \"B\"\n", rule("r", "a", "b", "0.1"),
                                        "[accounts]\na = \"Assets:Same\"\nb = \"Assets:Same\"\n"));
    const auto refused = run(dir, "contract add c.toml");
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("c.toml:9:5: error[contract-invalid]: accounts.b: \"Assets:Same\" is also the account of party "
                           "\"a\"; each party needs an account of its own, or the journal cannot say what each is owed") !=
          std::string::npos);
}

TEST_CASE("journal edges: accounts added after a close change no figure and are no new version; the closed month's "
          "journal uses them") {
    ScratchDir dir;
    set_up(dir);  // jx: March closed, April settled
    // jx's text with one more account: accepted though March is closed.
    std::string text = jx_contract;
    text.replace(text.find("[accounts]\n"), 11, "[accounts]\nopenai = \"Liabilities:Payable:OpenAI\"\n");
    write_file(dir / "jx2.toml", text);
    const auto added = run(dir, "contract add jx2.toml");
    CHECK_MESSAGE(added.exit_code == 0, added.err);
    const auto march = run(dir, "journal --period 2026-03 --contract jx --format csv --out -");
    CHECK(march.exit_code == 0);
    CHECK(march.err == "");  // closed: its closed run, never stale
    CHECK(march.out.find(",Liabilities:Payable:OpenAI,") != std::string::npos);
    CHECK(march.out.find(",Liabilities:Revshare:Openai,") == std::string::npos);
    // April is stale only because the text is new; settling again gives the same statement.
    const auto april = run(dir, "journal --period 2026-04 --contract jx --format csv --out -");
    CHECK(april.err.find("is stale: a newer contract text was added since") != std::string::npos);
    REQUIRE(run(dir, "--quiet report --period 2026-04 --contract jx --out before").exit_code == 0);
    run_ok("settle --period 2026-04", dir);
    REQUIRE(run(dir, "--quiet report --period 2026-04 --contract jx --out after").exit_code == 0);
    CHECK(read_file(dir / "after/jx/2026-04/statement.csv") == read_file(dir / "before/jx/2026-04/statement.csv"));
    CHECK(run(dir, "journal --period 2026-04 --contract jx --format csv --out -").err == "");
    CHECK(run(dir, "replay --period 2026-03").exit_code == 0);
}

TEST_CASE("journal edges: the largest shares a statement stores, exact in hledger and beancount") {
    require_tools();
    ScratchDir dir;
    import_april(dir, "99999999999999.99");  // the largest cost a line may have (below 10^14)
    // Two contracts with the same parties: each net is below 10^14 (settle's limit), the
    // account of b holds both, 15 integer digits.
    for (const std::string id : {"big1", "big2"}) {
        write_file(dir / (id + ".toml"), contract(id, "a = \"A\"\nb = \"B\"\n", rule("r", "a", "b", "1")));
        run_ok("contract add " + id + ".toml", dir);
    }
    run_ok("settle --period 2026-04", dir);
    const auto csv = run(dir, "journal --period 2026-04 --format csv --out -");
    CHECK(csv.out.find("2026-04-30,Liabilities:Revshare:B,99999999999999.99,,USD,") != std::string::npos);
    write_file(dir / "big.journal", run(dir, "journal --period 2026-04 --format hledger --out -").out);
    write_file(dir / "big.beancount", run(dir, "journal --period 2026-04 --format beancount --out -").out);
    const std::string hledger = "hledger -f '" + (dir / "big.journal").string() + "' balance --flat --no-total -O csv";
    const auto balances = reports::parse_csv(run_tool(hledger, dir).out);
    REQUIRE(balances.size() == 2);
    CHECK(balances[0].at("balance") == "-199999999999999.98 USD");
    CHECK(balances[1].at("balance") == "199999999999999.98 USD");
    const std::string query = "bean-query -q -f csv '" + (dir / "big.beancount").string() +
                              "' 'SELECT account, sum(number) AS total GROUP BY account ORDER BY account'";
    const std::string bean = run_tool(query, dir).out;
    CHECK(bean.find("-199999999999999.98") != std::string::npos);
    CHECK(bean.find(" 199999999999999.98") != std::string::npos);
}

TEST_CASE("journal edges: an open run naming a party the text in force dropped is refused until settled again") {
    ScratchDir dir;
    import_april(dir, "100.00");
    write_file(dir / "c.toml", contract("drop", "a = \"A\"\nb = \"B\"\nc = \"C\"\n", rule("r", "a", "c", "0.1")));
    run_ok("contract add c.toml", dir);
    run_ok("settle --period 2026-04", dir);
    write_file(dir / "c.toml", contract("drop", "a = \"A\"\nb = \"B\"\n", rule("r", "a", "b", "0.1")));
    run_ok("contract add c.toml", dir);  // allowed: no closed run names c
    const auto refused = run(dir, "journal --period 2026-04 --format hledger --out j");
    CHECK(refused.exit_code == 2);
    CHECK(refused.err == "revshare: error: journal: drop 2026-04 (run 1) names party \"c\", which the contract's text in "
                         "force no longer has, so it has no account; settle the period again, or add the party back\n");
    run_ok("settle --period 2026-04", dir);
    const auto exported = run(dir, "journal --period 2026-04 --format csv --out -");
    CHECK(exported.exit_code == 0);
    CHECK(exported.out.find("2026-04-30,Liabilities:Revshare:B,10.00,,USD,B | current r v1 for 2026-04 | ") !=
          std::string::npos);
}
