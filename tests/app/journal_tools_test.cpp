// The exported journals checked by the real tools (Debian's hledger 1.25 and beancount 2.3.5,
// installed by scripts/install-deps): every file parses without error (`hledger check -s
// ordereddates`, `bean-check`; both refuse a transaction that does not balance), and each
// account's balance (`hledger balance`, `bean-query`; and the CSV's debits minus credits)
// equals what net.csv says each party is owed, to the cent. A missing tool fails the test.
#include "engine/core/decimal.hpp"
#include "engine/rules/ledger_account.hpp"
#include "tests/app/journal_support.hpp"
#include "tests/reports/report_test_support.hpp"

#include <doctest/doctest.h>

#include <map>
#include <utility>

using namespace revshare;
using namespace revshare::testing;
using namespace revshare::testing::reports;
using revshare::testing::journal::require_tools;
using revshare::testing::journal::run_tool;

namespace {

// (account, currency) -> balance.
using Balances = std::map<std::pair<std::string, std::string>, Decimal>;

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
    while (!text.empty() && text.front() == ' ') text.erase(text.begin());
    return text;
}

void add(Balances& balances, const std::string& account, const std::string& currency, const Decimal& amount) {
    Decimal& balance = balances[{account, currency}];
    balance += amount;
}

// Non-zero balances only: a tool may list an account whose balance is zero, or not.
Balances without_zeros(const Balances& balances) {
    Balances out;
    for (const auto& [key, value] : balances) {
        if (!value.is_zero()) out[key] = value;
    }
    return out;
}

Balances hledger_balances(const std::filesystem::path& file, const ScratchDir& scratch) {
    const auto run =
        run_tool("hledger -f '" + file.string() + "' balance --flat --no-total --layout=bare -O csv", scratch);
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    Balances balances;
    for (const auto& row : parse_csv(run.out)) {  // "account","commodity","balance": one row per commodity
        add(balances, row.at("account"), row.at("commodity"), decimal(row.at("balance")));
    }
    return without_zeros(balances);
}

Balances beancount_balances(const std::filesystem::path& file, const ScratchDir& scratch) {
    const auto run = run_tool("bean-query -q -f csv '" + file.string() +
                                  "' 'SELECT account, currency, sum(number) AS total GROUP BY account, currency'",
                              scratch);
    REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    std::string text;
    for (const char c : run.out) {
        if (c != '\r') text += c;
    }
    Balances balances;
    for (const auto& row : parse_csv(text)) {
        add(balances, trimmed(row.at("account")), trimmed(row.at("currency")), decimal(trimmed(row.at("total"))));
    }
    return without_zeros(balances);
}

// The CSV's debits minus credits per (account, currency); every reference's lines balance.
Balances csv_balances(const std::string& csv) {
    Balances balances;
    std::map<std::string, Decimal> per_reference;
    for (const auto& row : parse_csv(csv)) {
        const Decimal debit = row.at("debit").empty() ? Decimal() : decimal(row.at("debit"));
        const Decimal credit = row.at("credit").empty() ? Decimal() : decimal(row.at("credit"));
        CHECK(row.at("debit").empty() != row.at("credit").empty());
        CHECK_FALSE(debit.is_negative());
        CHECK_FALSE(credit.is_negative());
        add(balances, row.at("account"), row.at("currency"), debit - credit);
        per_reference[row.at("reference")] += debit - credit;
    }
    for (const auto& entry : per_reference) {
        const std::string& reference = entry.first;  // (clang 14's lambdas cannot capture a structured binding)
        CAPTURE(reference);
        CHECK(entry.second.is_zero());
    }
    return without_zeros(balances);
}

// What net.csv says each party is owed (negative: owes), on the party's account.
void add_net(Balances& balances, const std::string& net_csv, const std::map<std::string, std::string>& accounts) {
    const auto account = [&](const std::string& party) {
        const auto found = accounts.find(party);
        return found == accounts.end() ? rules::default_ledger_account(party) : found->second;
    };
    for (const auto& row : parse_csv(net_csv)) {
        add(balances, account(row.at("to_party")), row.at("currency"), decimal(row.at("amount")));
        add(balances, account(row.at("from_party")), row.at("currency"), -decimal(row.at("amount")));
    }
}

// Both tools accept `hledger_file` and `beancount_file`, and they and `csv` give `expected`.
void check_with_tools(const std::filesystem::path& hledger_file, const std::filesystem::path& beancount_file,
                      const std::string& csv, const Balances& expected, const ScratchDir& scratch) {
    CAPTURE(hledger_file);
    const auto hledger = run_tool("hledger -f '" + hledger_file.string() + "' check -s ordereddates", scratch);
    CHECK_MESSAGE(hledger.exit_code == 0, hledger.err);
    CHECK(hledger.err == "");
    const auto bean = run_tool("bean-check '" + beancount_file.string() + "'", scratch);
    CHECK_MESSAGE(bean.exit_code == 0, bean.out << bean.err);
    CHECK(bean.out + bean.err == "");
    CHECK(hledger_balances(hledger_file, scratch) == without_zeros(expected));
    CHECK(beancount_balances(beancount_file, scratch) == without_zeros(expected));
    CHECK(csv_balances(csv) == without_zeros(expected));
}

// `revshare journal` of `period` (and `contract`, when not "") in the three formats, checked
// against the net.csv files `report` writes.
void check_period(const ScratchDir& dir, const std::string& period, const std::vector<std::string>& contracts,
                  const std::map<std::string, std::string>& accounts, const std::string& contract = "") {
    CAPTURE(period);
    CAPTURE(contract);
    const std::string select = "--period " + period + (contract.empty() ? "" : " --contract " + contract);
    for (const std::string format : {"hledger", "beancount", "csv"}) {
        const auto result = run_revshare("--db r.db --quiet journal " + select + " --format " + format + " --out j." + format,
                                         dir.path());
        REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    }
    REQUIRE(run_revshare("--db r.db --quiet report " + select + " --out out", dir.path()).exit_code == 0);
    Balances expected;
    for (const auto& id : contracts) add_net(expected, read_file(dir / ("out/" + id + "/" + period + "/net.csv")), accounts);
    check_with_tools(dir / "j.hledger", dir / "j.beancount", read_file(dir / "j.csv"), expected, dir);
}

Decimal d(const std::string& text) { return decimal(text); }

}  // namespace

TEST_CASE("journal tools: the renderers' golden files parse in hledger and beancount and balance per party") {
    require_tools();
    ScratchDir scratch;
    const auto expected_dir = source_dir() / "tests/reports/expected/journal";
    const Balances expected = {{{"Liabilities:Revshare:Openai", "USD"}, d("-19863.63")},
                               {{"Assets:Receivable:Microsoft", "USD"}, d("19863.63")},
                               {{"Liabilities:Revshare:Openai", "JPY"}, d("-103")},
                               {{"Liabilities:Revshare:Aws-jp", "JPY"}, d("103")}};
    check_with_tools(expected_dir / "two-deals.journal", expected_dir / "two-deals.beancount",
                     read_file(expected_dir / "two-deals.csv"), expected, scratch);
}

TEST_CASE("journal tools: Feb-May 2026 of the seed contract and the Bedrock store terms, per contract") {
    require_tools();
    ScratchDir dir;
    load_and_settle(dir);
    REQUIRE(run_revshare("--db r.db contract add '" + (fixtures_dir() / "contracts/bedrock-store-terms.toml").string() + "'",
                         dir.path())
                .exit_code == 0);
    for (const auto& period : fixture_periods) REQUIRE(run_revshare("--db r.db settle --period " + period, dir.path()).exit_code == 0);
    for (const auto& period : fixture_periods) {
        for (const std::string contract : {"openai-microsoft", "bedrock-store-terms"}) {
            check_period(dir, period, {contract}, {}, contract);
        }
    }
    // Both contracts in one file: a party's account carries what both owe it.
    check_period(dir, "2026-04", {"bedrock-store-terms", "openai-microsoft"}, {});
}

TEST_CASE("journal tools: the small fixture, a closed month, a late refund, two currencies in one file") {
    require_tools();
    ScratchDir dir;
    journal::set_up(dir);
    const std::map<std::string, std::string> accounts = {{"microsoft", "Assets:Receivable:Microsoft"}};
    check_period(dir, "2026-03", {"jx", "jx-yen"}, accounts);
    check_period(dir, "2026-04", {"jx", "jx-yen"}, accounts);
    check_period(dir, "2026-04", {"jx"}, accounts, "jx");
    // The golden files of journal_cli_test.cpp too.
    const auto expected_dir = source_dir() / "tests/reports/expected/journal";
    Balances expected;
    add_net(expected, read_file(dir / "out/jx/2026-04/net.csv"), accounts);
    add_net(expected, read_file(dir / "out/jx-yen/2026-04/net.csv"), accounts);
    check_with_tools(expected_dir / "jx-2026-04.journal", expected_dir / "jx-2026-04.beancount",
                     read_file(expected_dir / "jx-2026-04.csv"), expected, dir);
}
