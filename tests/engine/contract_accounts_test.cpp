// The optional [accounts] table of a contract (docs/contracts.md "Ledger accounts"): party key =
// ledger account for `revshare journal`. Names that hledger and beancount both accept, party
// keys only, one account per party (defaults included); defaults Liabilities:Revshare:<Party>.
// Lines 1-15 come from with_rule(valid_rule_body()) (test support): parties a and b.
#include "engine/core/limits.hpp"
#include "engine/rules/contract_parse.hpp"
#include "engine/rules/ledger_account.hpp"
#include "tests/engine/contract_parse_test_support.hpp"

#include <doctest/doctest.h>

using revshare::rules::compute_ledger_accounts;
using revshare::rules::default_ledger_account;
using revshare::rules::ledger_account_problem;
using revshare::rules::parse_contract;
using revshare::testing::at;
using revshare::testing::contract_errors;
using revshare::testing::valid_rule_body;
using revshare::testing::with_rule;

namespace {

// The valid contract, then `[accounts]` on line 16 and `lines` from line 17.
std::string with_accounts(std::string_view lines) {
    return with_rule(valid_rule_body() + "[accounts]\n" + std::string(lines));
}

}  // namespace

TEST_CASE("journal: ledger accounts: the names hledger and beancount both accept") {
    for (const char* name : {"Liabilities:Revshare:OpenAI", "Assets:Receivable:Microsoft", "Equity:X", "Income:9-a",
                             "Expenses:A:B:C-d-9", "Liabilities:Revshare:Aws-jp"}) {
        CAPTURE(name);
        CHECK_FALSE(ledger_account_problem(name).has_value());
    }
    CHECK(ledger_account_problem("Liabilities") ==
          std::optional<std::string>("has no component after Liabilities; expected e.g. \"Liabilities:Revshare:OpenAI\""));
    CHECK(ledger_account_problem("Debts:OpenAI") ==
          std::optional<std::string>("starts with \"Debts\"; an account starts with Assets, Liabilities, Equity, Income or "
                                     "Expenses (beancount's root types), e.g. \"Liabilities:Revshare:OpenAI\""));
    CHECK(ledger_account_problem("liabilities:OpenAI").value().starts_with("starts with \"liabilities\""));
    CHECK(ledger_account_problem("Liabilities:openai") ==
          std::optional<std::string>("component 2 \"openai\" starts with 'o'; each component starts with a capital letter "
                                     "A-Z or a digit (beancount's rule)"));
    CHECK(ledger_account_problem("Liabilities:Open AI") ==
          std::optional<std::string>("component 2 \"Open AI\" holds ' '; a component holds only the letters A-Z and a-z, "
                                     "digits and '-', which hledger and beancount both accept"));
    CHECK(ledger_account_problem("Liabilities:Open_AI").value().find("holds '_'") != std::string::npos);
    CHECK(ledger_account_problem("Liabilities:Revshare.OpenAI").value().find("holds '.'") != std::string::npos);
    CHECK(ledger_account_problem("Liabilities:Ünïcode").value().starts_with("component 2 \"Ünïcode\" starts with a character outside ASCII;"));
    CHECK(ledger_account_problem("Liabilities:Caf\xC3\xA9").value().find("holds a character outside ASCII") !=
          std::string::npos);
    CHECK(ledger_account_problem("Liabilities::OpenAI").value().starts_with("component 2 is empty"));
    CHECK(ledger_account_problem("Liabilities:OpenAI:").value().starts_with("component 3 is empty"));
    CHECK(ledger_account_problem("").value().starts_with("starts with \"\""));
    CHECK(ledger_account_problem("Assets:" + std::string(revshare::limits::ledger_account_bytes_max, 'A'))
              .value()
              .starts_with("an account name of 1031 bytes; the limit is 1024"));
}

TEST_CASE("journal: ledger accounts: the default is Liabilities:Revshare:<Party>, always valid") {
    CHECK(default_ledger_account("openai") == "Liabilities:Revshare:Openai");
    CHECK(default_ledger_account("Microsoft") == "Liabilities:Revshare:Microsoft");
    CHECK(default_ledger_account("aws_jp.x-1") == "Liabilities:Revshare:Aws-jp-x-1");
    CHECK(default_ledger_account("9lives") == "Liabilities:Revshare:9lives");
    for (const char* key : {"openai", "a.b_c", "Z", "0", "x-y", "a__b"}) {
        CAPTURE(key);
        CHECK_FALSE(ledger_account_problem(default_ledger_account(key)).has_value());
    }
}

TEST_CASE("journal: ledger accounts: parties that would share an account clash, defaults included") {
    using revshare::rules::Party;
    const std::vector<Party> parties = {{"openai", "O"}, {"Openai", "O2"}, {"a_b", "A"}, {"a-b", "A2"}, {"c", "C"}};
    const auto accounts = compute_ledger_accounts(parties, {{"c", "Assets:C"}});
    CHECK(accounts.by_party.at("c") == "Assets:C");
    CHECK(accounts.by_party.at("openai") == "Liabilities:Revshare:Openai");
    REQUIRE(accounts.clashes.size() == 2);
    CHECK(accounts.clashes[0].account == "Liabilities:Revshare:Openai");
    CHECK(accounts.clashes[0].first_party == "openai");
    CHECK(accounts.clashes[0].second_party == "Openai");
    CHECK(accounts.clashes[1].account == "Liabilities:Revshare:A-b");
    CHECK_FALSE(compute_ledger_accounts(parties, {{"Openai", "Assets:O2"}, {"a-b", "Assets:A2"}}).clashes.size() != 0);
}

TEST_CASE("journal: the contract's [accounts]: parsed in file order; the parties not listed get the default") {
    const auto parsed = parse_contract(with_accounts("b = \"Assets:Receivable:B\"\n"), "c.toml");
    REQUIRE(parsed.contract.has_value());
    REQUIRE(parsed.contract->accounts.size() == 1);
    CHECK(parsed.contract->accounts[0].party == "b");
    CHECK(parsed.contract->accounts[0].account == "Assets:Receivable:B");
    CHECK(parsed.contract->accounts[0].source_line == 17);
    const auto accounts = compute_ledger_accounts(*parsed.contract);
    CHECK(accounts.by_party.at("a") == "Liabilities:Revshare:A");
    CHECK(accounts.by_party.at("b") == "Assets:Receivable:B");
    CHECK(accounts.clashes.empty());
    // Without the table: no entries, every party on its default.
    const auto plain = parse_contract(with_rule(valid_rule_body()), "c.toml");
    REQUIRE(plain.contract.has_value());
    CHECK(plain.contract->accounts.empty());
    CHECK(contract_errors(with_accounts("")) == "");  // an empty table is allowed: every party on its default
}

TEST_CASE("journal: the contract's [accounts]: each error at its file, line and column") {
    CHECK(contract_errors(with_accounts("z = \"Assets:Z\"\n")) ==
          at(17, 1, "accounts.z: unknown key: no party \"z\" in [parties]; [accounts] maps party keys to ledger accounts, "
                    "e.g. openai = \"Liabilities:Revshare:OpenAI\""));
    CHECK(contract_errors(with_accounts("a = 5\n")) ==
          at(17, 5, "accounts.a: a TOML integer is not allowed; expected a string"));
    CHECK(contract_errors(with_accounts("a = \"Liabilities:open ai\"\n")) ==
          at(17, 5, "accounts.a: account \"Liabilities:open ai\" component 2 \"open ai\" starts with 'o'; each component "
                    "starts with a capital letter A-Z or a digit (beancount's rule)"));
    CHECK(contract_errors(with_accounts("a = \"Debts:A\"\n")) ==
          at(17, 5, "accounts.a: account \"Debts:A\" starts with \"Debts\"; an account starts with Assets, Liabilities, "
                    "Equity, Income or Expenses (beancount's root types), e.g. \"Liabilities:Revshare:OpenAI\""));
    CHECK(contract_errors("accounts = \"Assets:X\"\n" + with_rule(valid_rule_body())) ==
          at(1, 12, "accounts: a string is not allowed; expected a table of party key = ledger account, e.g. [accounts] "
                     "openai = \"Liabilities:Revshare:OpenAI\""));
}

TEST_CASE("journal: the contract's [accounts]: two parties on one account are refused, where the clash is written") {
    // Both written: at the second.
    CHECK(contract_errors(with_accounts("a = \"Assets:X\"\nb = \"Assets:X\"\n")) ==
          at(18, 5, "accounts.b: \"Assets:X\" is also the account of party \"a\"; each party needs an account of its own, "
                    "or the journal cannot say what each is owed"));
    // Both written, the later party of [parties] first: at the entry written last.
    CHECK(contract_errors(with_accounts("b = \"Assets:X\"\na = \"Assets:X\"\n")) ==
          at(18, 5, "accounts.a: \"Assets:X\" is also the account of party \"b\"; each party needs an account of its own, "
                    "or the journal cannot say what each is owed"));
    // The second written, equal to the first's default.
    CHECK(contract_errors(with_accounts("b = \"Liabilities:Revshare:A\"\n")) ==
          at(17, 5, "accounts.b: \"Liabilities:Revshare:A\" is also the default account of party \"a\"; each party needs an "
                    "account of its own, or the journal cannot say what each is owed"));
    // The first written, equal to the second's default: at the first.
    CHECK(contract_errors(with_accounts("a = \"Liabilities:Revshare:B\"\n")) ==
          at(17, 5, "accounts.a: \"Liabilities:Revshare:B\" is also the default account of party \"b\"; each party needs an "
                    "account of its own, or the journal cannot say what each is owed"));
    // Both on their defaults (keys a_b and a-b): at the table, naming both.
    std::string text = with_rule(valid_rule_body() + "[accounts]\n");
    text = revshare::testing::replace_line(text, 6, "b = \"B\"\na_b = \"AB\"\na-b = \"AB2\"");
    CHECK(contract_errors(text) ==
          at(18, 1, "accounts: parties \"a_b\" and \"a-b\" both get the default account \"Liabilities:Revshare:A-b\"; each "
                    "party needs an account of its own, or the journal cannot say what each is owed: give one of them an "
                    "account here"));
    // Without an [accounts] table such a contract stays valid: the journal export refuses it.
    CHECK(contract_errors(revshare::testing::replace_line(with_rule(valid_rule_body()), 6, "b = \"B\"\na_b = \"AB\"\na-b = \"AB2\"")) ==
          "");
}
