// parse_contract, the additional terms of contract.md: owed, tiers_over, annual_minimum,
// year_start_month, [[advance]] and [[withholding]]. The spec's "Example of the additional
// terms" parses to exactly the expected model; each validation error has its exact message.
// Lines 1-15 come from with_rule(valid_rule_body()) (test support): rule "r1" from a to b.
#include "engine/core/limits.hpp"
#include "engine/rules/contract_parse.hpp"
#include "tests/engine/contract_parse_test_support.hpp"

#include "tests/terms_example.hpp"

#include <doctest/doctest.h>

using revshare::format_day;
using revshare::rules::Contract;
using revshare::rules::parse_contract;
using revshare::rules::TiersOver;
using revshare::testing::at;
using revshare::testing::contract_errors;
using revshare::testing::contract_head;
using revshare::testing::replace_line;
using revshare::testing::rule_head;
using revshare::testing::valid_rule_body;
using revshare::testing::with_rule;
namespace limits = revshare::limits;

namespace {

const std::string r1 = R"(version "v1" rule "r1" )";
const std::string valid = with_rule(valid_rule_body());  // lines 1-15

std::string valid_plus(std::string_view lines) { return with_rule(valid_rule_body() + std::string(lines)); }
std::string head_plus(std::string_view lines) { return with_rule(std::string(rule_head) + std::string(lines)); }

// A complete rule `id` from `payer` to `payee` (5 lines); `extra` lines follow its rate.
std::string rule(std::string_view id, std::string_view payer = "a", std::string_view payee = "b",
                 std::string_view extra = "") {
    return "id = \"" + std::string(id) + "\"\npayer = \"" + std::string(payer) + "\"\npayee = \"" +
           std::string(payee) + "\"\nmatch = { ProviderName = [\"X\"] }\nrate = \"0.1\"\n" + std::string(extra);
}

// valid + an advance on lines 16-22: id 17, payer 18, payee 19, amount 20, paid_on 21, recoup_from 22.
const std::string advance = valid + "[[advance]]\n"
                                    "id = \"p\"\n"
                                    "payer = \"a\"\n"
                                    "payee = \"b\"\n"
                                    "amount = \"100.00\"\n"
                                    "paid_on = 2026-02-01\n"
                                    "recoup_from = [\"r1\"]\n";
const std::string p = R"(advance "p" )";

// valid + a withholding on lines 16-21: id 17, payee 18, authority 19, rate 20, from 21.
const std::string withholding = valid + "[[withholding]]\n"
                                        "id = \"w\"\n"
                                        "payee = \"b\"\n"
                                        "authority = \"a\"\n"
                                        "rate = \"0.30\"\n"
                                        "from = 2026-06-01\n";
const std::string w = R"(withholding "w" )";

// v1 rule r1 a -> b (lines 10-15) with `first` on line 16; v2 from 2026-02-01 (header 17, id 18,
// effective_from 19) with rule r1 (header 20, id 21, payer 22, payee 23, match 24, rate 25) from
// `payer` to `payee` and `second` on line 26.
std::string two_versions(std::string_view first, std::string_view payer, std::string_view payee,
                         std::string_view second) {
    return valid_plus(std::string(first) + "\n") + "[[version]]\nid = \"v2\"\neffective_from = 2026-02-01\n" +
           "[[version.rule]]\n" + rule("r1", payer, payee, std::string(second) + "\n");
}

}  // namespace

TEST_CASE("Contract terms: the spec's example of the additional terms parses to exactly the expected model") {
    const std::string& text = revshare::testing::terms_example_contract;
    REQUIRE(contract_errors(text) == "");
    const auto parsed = parse_contract(text, "c.toml");
    REQUIRE(parsed.contract.has_value());
    const Contract& contract = *parsed.contract;
    CHECK(contract.year_start_month == 7);
    REQUIRE(contract.versions.size() == 1);
    const auto& rules = contract.versions[0].rules;
    REQUIRE(rules.size() == 3);

    CHECK(rules[0].id == "aws-store-fee");
    CHECK_FALSE(rules[0].owed);
    CHECK(rules[0].tiers_over == TiersOver::period);
    CHECK_FALSE(rules[0].annual_minimum.has_value());

    CHECK(rules[1].id == "msft-share");
    CHECK(rules[1].owed);
    CHECK(rules[1].tiers_over == TiersOver::contract_year);
    REQUIRE(rules[1].tiers.size() == 2);
    CHECK(rules[1].tiers[0].up_to->to_string() == "1000000");
    CHECK(rules[1].net_of == std::vector<std::string>{"aws-store-fee"});
    CHECK_FALSE(rules[1].annual_minimum.has_value());

    CHECK(rules[2].id == "openai-share");
    CHECK(rules[2].owed);
    CHECK(rules[2].tiers_over == TiersOver::period);
    REQUIRE(rules[2].annual_minimum.has_value());
    CHECK(rules[2].annual_minimum->to_string_min_places(2) == "300000.00");
    CHECK(rules[2].cap_group == std::optional<std::string>("openai-lifetime"));

    REQUIRE(contract.advances.size() == 1);
    const auto& parsed_advance = contract.advances[0];
    CHECK(parsed_advance.id == "2027-prepayment");
    CHECK(parsed_advance.payer == "microsoft");
    CHECK(parsed_advance.payee == "openai");
    CHECK(parsed_advance.amount.to_string_min_places(2) == "150000.00");
    CHECK(format_day(parsed_advance.paid_on) == "2027-05-15");
    CHECK(parsed_advance.recoup_from == std::vector<std::string>{"openai-share"});
    CHECK(parsed_advance.source_line == 45);

    REQUIRE(contract.withholdings.size() == 1);
    const auto& parsed_withholding = contract.withholdings[0];
    CHECK(parsed_withholding.id == "us-withholding");
    CHECK(parsed_withholding.payee == "microsoft");
    CHECK(parsed_withholding.authority == "irs");
    CHECK(parsed_withholding.rate.value().to_string_min_places(2) == "0.30");
    REQUIRE(parsed_withholding.from.has_value());
    CHECK(format_day(*parsed_withholding.from) == "2027-06-01");
    CHECK(parsed_withholding.source_line == 53);
    CHECK(contract.contract_year_start(revshare::Period::parse("2027-02").value()).to_string() == "2026-07");
}

TEST_CASE("Contract terms: defaults are owed, tiers per period, years from January, no advances or withholdings") {
    const auto parsed = parse_contract(head_plus(R"(tiers = [{ up_to = "10", rate = "0.1" }, { rate = "0.2" }])"
                                                 "\n"),
                                       "c.toml");
    REQUIRE(parsed.contract.has_value());
    const Contract& contract = *parsed.contract;
    CHECK(contract.year_start_month == 1);
    CHECK(contract.advances.empty());
    CHECK(contract.withholdings.empty());
    const auto& rule = contract.versions[0].rules[0];
    CHECK(rule.owed);
    CHECK(rule.tiers_over == TiersOver::period);
    CHECK_FALSE(rule.annual_minimum.has_value());
    // Written out, the defaults read the same; an advance and a withholding as small as allowed.
    const auto explicit_terms = parse_contract(
        replace_line(advance, 3, "currency = \"USD\"\nyear_start_month = 1") + "[[withholding]]\nid = \"w\"\n"
            "payee = \"b\"\nauthority = \"a\"\nrate = \"0\"\n",
        "c.toml");
    REQUIRE(explicit_terms.errors.empty());
    CHECK(explicit_terms.contract->year_start_month == 1);
    REQUIRE(explicit_terms.contract->withholdings.size() == 1);
    CHECK_FALSE(explicit_terms.contract->withholdings[0].from.has_value());  // always
    CHECK(explicit_terms.contract->withholdings[0].rate.value().is_zero());
    const auto period_tiers =
        parse_contract(head_plus("tiers = [{ rate = \"0.2\" }]\ntiers_over = \"period\"\nowed = true\n"), "c.toml");
    REQUIRE(period_tiers.errors.empty());
    CHECK(period_tiers.contract->versions[0].rules[0].tiers_over == TiersOver::period);
    CHECK(period_tiers.contract->versions[0].rules[0].owed);
}

TEST_CASE("Contract terms: owed is a TOML boolean") {
    const std::string expected = "; expected a TOML boolean, e.g. owed = false (a memo rule) or owed = true";
    CHECK(contract_errors(valid_plus("owed = \"false\"\n")) ==
          at(16, 8, r1 + "owed: a string is not allowed" + expected));
    CHECK(contract_errors(valid_plus("owed = 0\n")) ==
          at(16, 8, r1 + "owed: a TOML integer is not allowed" + expected));
    const auto memo = parse_contract(valid_plus("owed = false\nminimum = \"1.00\"\nmaximum = \"2.00\"\n"), "c.toml");
    REQUIRE(memo.errors.empty());  // a memo rule may have minimum and maximum
    CHECK_FALSE(memo.contract->versions[0].rules[0].owed);
}

TEST_CASE("Contract terms: owed = false with cap_group or annual_minimum") {
    CHECK(contract_errors(valid_plus("owed = false\ncap_group = \"g\"\n[cap_group.g]\ncap = \"1.00\"\n")) ==
          at(17, 13, r1 + "cap_group: not allowed on a rule with owed = false (a memo rule is owed by no one, so no "
                          "lifetime cap counts its shares); remove cap_group or owed = false"));
    CHECK(contract_errors(valid_plus("annual_minimum = \"5.00\"\nowed = false\n")) ==
          at(16, 18, r1 + "annual_minimum: not allowed on a rule with owed = false (a memo rule is owed by no one, "
                          "so no true-up is owed for it); remove annual_minimum or owed = false"));
}

TEST_CASE("Contract terms: tiers_over is \"period\" or \"contract-year\", only with tiers") {
    const std::string tiers = "tiers = [{ up_to = \"10\", rate = \"0.1\" }, { rate = \"0.2\" }]\n";  // line 15
    const std::string expected = R"(; expected "period" (the default) or "contract-year", e.g. tiers_over = )"
                                 R"("contract-year")";
    CHECK(contract_errors(head_plus(tiers + "tiers_over = \"year\"\n")) ==
          at(16, 14, r1 + R"(tiers_over: unknown value "year")" + expected));
    CHECK(contract_errors(head_plus(tiers + "tiers_over = \"Contract-Year\"\n")) ==
          at(16, 14, r1 + R"(tiers_over: unknown value "Contract-Year")" + expected));
    CHECK(contract_errors(head_plus(tiers + "tiers_over = true\n")) ==
          at(16, 14, r1 + "tiers_over: a boolean is not allowed" + expected));
    const std::string with_rate = r1 + "tiers_over: not allowed on a rule with rate; tiers_over says which basis the "
                                       "rule's tiers apply to (use tiers, or remove tiers_over)";
    CHECK(contract_errors(valid_plus("tiers_over = \"contract-year\"\n")) == at(16, 14, with_rate));
    CHECK(contract_errors(valid_plus("tiers_over = \"period\"\n")) == at(16, 14, with_rate));  // whatever its value
    CHECK(contract_errors(valid_plus("tiers_over = \"year\"\n")) == at(16, 14, with_rate));
}

TEST_CASE("Contract terms: annual_minimum is money >= 0") {
    const auto parsed = parse_contract(valid_plus("annual_minimum = \"0\"\n"), "c.toml");
    REQUIRE(parsed.errors.empty());
    CHECK(parsed.contract->versions[0].rules[0].annual_minimum->is_zero());
    CHECK(contract_errors(valid_plus("annual_minimum = \"-0.01\"\n")) ==
          at(16, 18, r1 + "annual_minimum: -0.01 is negative; expected an amount >= 0"));
    CHECK(contract_errors(valid_plus("annual_minimum = 300000.0\n")) ==
          at(16, 18, r1 + R"(annual_minimum: a TOML float is not allowed (0.1 as a binary float is not 0.1); write )"
                          R"(the amount as a string, e.g. annual_minimum = "5000.00")"));
    CHECK(contract_errors(valid_plus("annual_minimum = \"10.500\"\n")) ==
          at(16, 18, r1 + R"(annual_minimum: "10.500" has 3 decimal places but USD has 2; write at most 2, )"
                          "counting trailing zeros"));
}

TEST_CASE("Contract terms: every rule with the id of a rule with an annual_minimum has its payer and payee, owed") {
    const std::string minimum = "annual_minimum = \"100\"";
    CHECK(contract_errors(two_versions(minimum, "a", "b", "")) == "");
    CHECK(contract_errors(two_versions(minimum, "a", "b", minimum)) == "");
    const std::string same = ", which has an annual_minimum; every rule with this id, in every version, must have "
                             "the same payer and payee";
    CHECK(contract_errors(two_versions(minimum, "b", "a", "")) ==
          at(22, 9, R"(version "v2" rule "r1" payer: "b" differs from "a", the payer of version "v1" rule "r1")" +
                        same) +
              at(23, 9, R"(version "v2" rule "r1" payee: "a" differs from "b", the payee of version "v1" rule )"
                        R"("r1")" + same));
    // The rule without annual_minimum may come first: it is the one reported.
    CHECK(contract_errors(two_versions("", "a", "b", minimum)) == "");
    CHECK(contract_errors(two_versions("owed = true", "b", "a", minimum)) ==
          at(12, 9, R"(version "v1" rule "r1" payer: "a" differs from "b", the payer of version "v2" rule "r1")" +
                        same) +
              at(13, 9, R"(version "v1" rule "r1" payee: "b" differs from "a", the payee of version "v2" rule )"
                        R"("r1")" + same));
    // An unknown party is reported once, as unknown.
    CHECK(contract_errors(replace_line(two_versions("", "a", "b", minimum), 13, R"(payee = "c")")) ==
          at(13, 9, R"(version "v1" rule "r1" payee: unknown party "c"; expected a key of [parties]: a, b)"));
    CHECK(contract_errors(two_versions(minimum, "a", "b", "owed = false")) ==
          at(26, 8, R"(version "v2" rule "r1" owed: false, but version "v1" rule "r1" has an annual_minimum; every )"
                    "rule with this id, in every version, must be owed"));
    CHECK(contract_errors(two_versions("owed = false", "a", "b", minimum)) ==
          at(16, 8, R"(version "v1" rule "r1" owed: false, but version "v2" rule "r1" has an annual_minimum; every )"
                    "rule with this id, in every version, must be owed"));
    // Another rule id is not bound by it.
    CHECK(contract_errors(valid_plus(minimum + "\n[[version.rule]]\n" + rule("r2", "b", "a", "owed = false\n"))) == "");
}

TEST_CASE("Contract terms: year_start_month is a TOML integer from 1 to 12") {
    auto with_month = [](std::string_view value) {
        return replace_line(valid, 3, "currency = \"USD\"\nyear_start_month = " + std::string(value));
    };
    const auto july = parse_contract(with_month("7"), "c.toml");
    REQUIRE(july.errors.empty());
    CHECK(july.contract->year_start_month == 7);
    CHECK(parse_contract(with_month("12"), "c.toml").contract->year_start_month == 12);
    const std::string expected =
        "; expected a TOML integer from 1 to 12, the month contract years start in, e.g. year_start_month = 7 for July";
    CHECK(contract_errors(with_month("\"7\"")) == at(4, 20, "year_start_month: a string is not allowed" + expected));
    CHECK(contract_errors(with_month("7.0")) == at(4, 20, "year_start_month: a TOML float is not allowed" + expected));
    CHECK(contract_errors(with_month("true")) == at(4, 20, "year_start_month: a boolean is not allowed" + expected));
    CHECK(contract_errors(with_month("0")) == at(4, 20, "year_start_month: 0 is not a month" + expected));
    CHECK(contract_errors(with_month("13")) == at(4, 20, "year_start_month: 13 is not a month" + expected));
    CHECK(contract_errors(with_month("-1")) == at(4, 20, "year_start_month: -1 is not a month" + expected));
}

TEST_CASE("Contract terms: an advance parses, paid on or after the first version's effective_from") {
    const auto parsed = parse_contract(replace_line(advance, 21, R"(paid_on = "2026-01-01")"), "c.toml");
    REQUIRE(parsed.errors.empty());
    REQUIRE(parsed.contract->advances.size() == 1);
    const auto& first = parsed.contract->advances[0];
    CHECK(first.id == "p");
    CHECK(first.payer == "a");
    CHECK(first.payee == "b");
    CHECK(first.amount.to_string_min_places(2) == "100.00");
    CHECK(format_day(first.paid_on) == "2026-01-01");  // the first version's effective_from itself
    CHECK(first.recoup_from == std::vector<std::string>{"r1"});
    CHECK(first.source_line == 16);
    CHECK(contract_errors(replace_line(advance, 21, "paid_on = 2025-12-31")) ==
          at(21, 11, p + R"(paid_on: 2025-12-31 is before 2026-01-01, the effective_from of the first version )"
                         R"((version "v1"); an advance is paid on or after it)"));
}

TEST_CASE("Contract terms: an advance's missing fields") {
    const std::vector<std::pair<int, std::string>> missing{
        {17, R"(advance[0].id: missing; expected an advance id, e.g. id = "2027-prepayment")"},
        {18, p + R"(payer: missing; expected a party key of [parties], e.g. payer = "microsoft")"},
        {19, p + R"(payee: missing; expected a party key of [parties], e.g. payee = "openai")"},
        {20, p + R"(amount: missing; expected the amount paid in advance, e.g. amount = "150000.00")"},
        {21, p + "paid_on: missing; expected the day the advance is paid (UTC), e.g. paid_on = 2027-05-15"},
        {22, p + R"(recoup_from: missing; expected the ids of the rules whose shares recoup the advance, e.g. )"
                 R"(recoup_from = ["openai-share"])"},
    };
    for (const auto& [line_number, message] : missing) {
        const int line = line_number;  // (clang 14's lambdas, CAPTURE's, cannot capture a structured binding)
        CAPTURE(line);
        CHECK(contract_errors(replace_line(advance, line, "")) == at(16, 1, message));
    }
}

TEST_CASE("Contract terms: an advance id matches the pattern, is unique and is not a rule id") {
    CHECK(contract_errors(replace_line(advance, 17, R"(id = "2027 prepayment")")) ==
          at(17, 6, R"(advance[0].id: "2027 prepayment" does not match [A-Za-z0-9][A-Za-z0-9._-]*; expected )"
                    R"(letters, digits, '.', '_' and '-', starting with a letter or digit)"));
    CHECK(contract_errors(advance + advance.substr(valid.size())) ==
          at(24, 6, R"(advance[1].id: duplicate advance id "p" (first on line 17); advance ids must be unique in the )"
                    "contract"));
    CHECK(contract_errors(replace_line(advance, 17, R"(id = "r1")")) ==
          at(17, 6, R"(advance[0].id: "r1" is also the id of version "v1" rule "r1"; an advance id may not be the id )"
                    "of a rule"));
    // A rule id of a later version counts too.
    CHECK(contract_errors(replace_line(advance, 17, R"(id = "r9")") +
                          "[[version]]\nid = \"v2\"\neffective_from = 2026-03-01\n[[version.rule]]\n" + rule("r9")) ==
          at(17, 6, R"(advance[0].id: "r9" is also the id of version "v2" rule "r9"; an advance id may not be the id )"
                    "of a rule"));
}

TEST_CASE("Contract terms: an advance's parties are known and different") {
    CHECK(contract_errors(replace_line(advance, 18, R"(payer = "x")")) ==
          at(18, 9, p + R"(payer: unknown party "x"; expected a key of [parties]: a, b)"));
    CHECK(contract_errors(replace_line(advance, 19, R"(payee = "B")")) ==
          at(19, 9, p + R"(payee: unknown party "B"; expected a key of [parties]: a, b)"));
    CHECK(contract_errors(replace_line(advance, 19, R"(payee = "a")")) ==
          at(19, 9, p + R"(payee: the same party as payer ("a"); an advance moves money between two parties)"));
}

TEST_CASE("Contract terms: an advance's amount is money > 0") {
    CHECK(contract_errors(replace_line(advance, 20, R"(amount = "0")")) ==
          at(20, 10, p + "amount: 0.00 is not above zero; expected amount > 0"));
    CHECK(contract_errors(replace_line(advance, 20, R"(amount = "-100.00")")) ==
          at(20, 10, p + "amount: -100.00 is not above zero; expected amount > 0"));
    CHECK(contract_errors(replace_line(advance, 20, "amount = 100")) ==
          at(20, 10, p + R"(amount: a TOML integer is not allowed; write the amount as a string, e.g. )"
                         R"(amount = "5000.00")"));
    CHECK(contract_errors(replace_line(advance, 20, R"(amount = "0.001")")) ==
          at(20, 10, p + R"(amount: "0.001" has 3 decimal places but USD has 2; write at most 2, counting trailing )"
                         "zeros"));
}

TEST_CASE("Contract terms: an advance's paid_on is a date") {
    const std::string expected = "expected a date, e.g. paid_on = 2027-05-15";
    CHECK(contract_errors(replace_line(advance, 21, R"(paid_on = "2026-02-30")")) ==
          at(21, 11, p + R"(paid_on: "2026-02-30" is not a YYYY-MM-DD date; )" + expected));
    CHECK(contract_errors(replace_line(advance, 21, "paid_on = 2026-02-01T00:00:00Z")) ==
          at(21, 11, p + "paid_on: a TOML date-time is not allowed (an advance is paid on a UTC day); " + expected));
    CHECK(contract_errors(replace_line(advance, 21, "paid_on = 20260201")) ==
          at(21, 11, p + "paid_on: a TOML integer is not allowed; " + expected));
}

TEST_CASE("Contract terms: an advance's recoup_from is a non-empty list of distinct rule ids of some version") {
    const std::string example = R"(, e.g. recoup_from = ["openai-share"])";
    CHECK(contract_errors(replace_line(advance, 22, "recoup_from = []")) ==
          at(22, 15, p + "recoup_from: empty list; expected at least one rule id" + example));
    CHECK(contract_errors(replace_line(advance, 22, R"(recoup_from = "r1")")) ==
          at(22, 15, p + "recoup_from: a string is not allowed; expected a list of rule ids" + example));
    CHECK(contract_errors(replace_line(advance, 22, R"(recoup_from = ["r1", 2])")) ==
          at(22, 22, p + "recoup_from: a TOML integer is not allowed; expected a string"));
    CHECK(contract_errors(replace_line(advance, 22, R"(recoup_from = ["r1", "r1"])")) ==
          at(22, 22, p + R"(recoup_from: rule id "r1" is listed twice; list each rule once)"));
    CHECK(contract_errors(replace_line(advance, 22, R"(recoup_from = ["r1", "r2"])")) ==
          at(22, 22, p + R"(recoup_from: unknown rule id "r2"; expected the id of a rule of some version)"));
    // A rule of a later version is known.
    const std::string later = "[[version]]\nid = \"v2\"\neffective_from = 2026-03-01\n[[version.rule]]\n" + rule("r2");
    const auto parsed = parse_contract(replace_line(advance, 22, R"(recoup_from = ["r2", "r1"])") + later, "c.toml");
    REQUIRE(parsed.errors.empty());
    CHECK(parsed.contract->advances[0].recoup_from == std::vector<std::string>{"r2", "r1"});  // as written
}

TEST_CASE("Contract terms: every rule an advance recoups from has its payer and payee and is owed") {
    // valid + rule r2 (header 16, payer 18, payee 19, extra 21) + the advance (header 23, recoup_from 29).
    auto with_r2 = [](std::string_view payer, std::string_view payee, std::string_view extra) {
        return valid + "[[version.rule]]\n" + rule("r2", payer, payee, std::string(extra) + "\n") +
               advance.substr(valid.size());
    };
    const std::string recoup_r2 = R"(recoup_from = ["r2"])";
    CHECK(contract_errors(replace_line(with_r2("a", "b", "owed = true"), 29, recoup_r2)) == "");
    CHECK(contract_errors(replace_line(with_r2("b", "a", ""), 29, recoup_r2)) ==
          at(29, 16, p + R"(recoup_from: version "v1" rule "r2" has payer "b" and payee "a"; every rule an advance )"
                         R"(recoups from must have the advance's payer ("a") and payee ("b"))"));
    CHECK(contract_errors(replace_line(with_r2("a", "b", "owed = false"), 29, recoup_r2)) ==
          at(29, 16, p + R"(recoup_from: version "v1" rule "r2" has owed = false; every rule an advance recoups from )"
                         "must be owed (a memo rule's shares are owed by no one)"));
    // In every version: r1 of a later version from b to a is reported too.
    const std::string later = "[[version]]\nid = \"v2\"\neffective_from = 2026-03-01\n[[version.rule]]\n" +
                              rule("r1", "b", "a");
    CHECK(contract_errors(advance + later) ==
          at(22, 16, p + R"(recoup_from: version "v2" rule "r1" has payer "b" and payee "a"; every rule an advance )"
                         R"(recoups from must have the advance's payer ("a") and payee ("b"))"));
}

TEST_CASE("Contract terms: advances whose recoup_from share an id list the same ids") {
    // valid + rule r2 a -> b (lines 16-21) + advance p (22-28, recoup_from 28) + advance q (29-35, recoup_from 35).
    auto two_advances = [](std::string_view first, std::string_view second) {
        const std::string block = advance.substr(valid.size());
        const std::string p_block = replace_line(block, 7, "recoup_from = " + std::string(first));
        const std::string q_block =
            replace_line(replace_line(block, 7, "recoup_from = " + std::string(second)), 2, "id = \"q\"");
        return valid + "[[version.rule]]\n" + rule("r2") + p_block + q_block;
    };
    CHECK(contract_errors(two_advances(R"(["r1", "r2"])", R"(["r2", "r1"])")) == "");  // in any order
    CHECK(contract_errors(two_advances(R"(["r1"])", R"(["r2"])")) == "");              // disjoint
    CHECK(contract_errors(two_advances(R"(["r1"])", R"(["r1", "r2"])")) ==
          at(35, 15, R"(advance "q" recoup_from: shares "r1" with the recoup_from of advance "p" (line 22) but the )"
                     "two lists differ; advances whose recoup_from share a rule id must list the same ids (in any "
                     "order)"));
    CHECK(contract_errors(two_advances(R"(["r1", "r2"])", R"(["r2"])")) ==
          at(35, 15, R"(advance "q" recoup_from: shares "r2" with the recoup_from of advance "p" (line 22) but the )"
                     "two lists differ; advances whose recoup_from share a rule id must list the same ids (in any "
                     "order)"));
}

TEST_CASE("Contract terms: unknown keys in an advance or a withholding, and lists that are not [[...]] tables") {
    CHECK(contract_errors(advance + "note = \"x\"\n") ==
          at(23, 1, p + "note: unknown key; expected one of id, payer, payee, amount, paid_on, recoup_from"));
    CHECK(contract_errors(withholding + "payer = \"a\"\n") ==
          at(22, 1, w + "payer: unknown key; expected one of id, payee, authority, rate, from"));
    CHECK(contract_errors(valid + "[advance]\nid = \"p\"\n") ==
          at(16, 1, "advance: a table is not allowed; expected [[advance]] tables"));
    CHECK(contract_errors(replace_line(valid, 3, "currency = \"USD\"\nwithholding = [\"w\"]")) ==
          at(4, 16, "withholding[0]: a string is not allowed; expected a table"));
}

TEST_CASE("Contract terms: a withholding parses") {
    const auto parsed = parse_contract(withholding, "c.toml");
    REQUIRE(parsed.errors.empty());
    REQUIRE(parsed.contract->withholdings.size() == 1);
    const auto& tax = parsed.contract->withholdings[0];
    CHECK(tax.id == "w");
    CHECK(tax.payee == "b");
    CHECK(tax.authority == "a");
    CHECK(tax.rate.value().to_string_min_places(2) == "0.30");
    CHECK(format_day(*tax.from) == "2026-06-01");
    CHECK(tax.source_line == 16);
    // from may be before the first version and a string.
    const auto early = parse_contract(replace_line(withholding, 21, R"(from = "2020-01-01")"), "c.toml");
    REQUIRE(early.errors.empty());
    CHECK(format_day(*early.contract->withholdings[0].from) == "2020-01-01");
}

TEST_CASE("Contract terms: a withholding's missing fields") {
    const std::vector<std::pair<int, std::string>> missing{
        {17, R"(withholding[0].id: missing; expected a withholding id, e.g. id = "us-withholding")"},
        {18, w + R"(payee: missing; expected a party key of [parties], e.g. payee = "microsoft")"},
        {19, w + R"(authority: missing; expected a party key of [parties], e.g. authority = "irs")"},
        {20, w + R"(rate: missing; expected the tax rate, e.g. rate = "0.30")"},
    };
    for (const auto& [line_number, message] : missing) {
        const int line = line_number;  // (clang 14's lambdas, CAPTURE's, cannot capture a structured binding)
        CAPTURE(line);
        CHECK(contract_errors(replace_line(withholding, line, "")) == at(16, 1, message));
    }
}

TEST_CASE("Contract terms: a withholding id matches the pattern, is unique and is neither a rule nor an advance id") {
    CHECK(contract_errors(replace_line(withholding, 17, R"(id = "-w")")) ==
          at(17, 6, R"(withholding[0].id: "-w" does not match [A-Za-z0-9][A-Za-z0-9._-]*; expected letters, digits, )"
                    R"('.', '_' and '-', starting with a letter or digit)"));
    CHECK(contract_errors(withholding + withholding.substr(valid.size())) ==
          at(23, 6, R"(withholding[1].id: duplicate withholding id "w" (first on line 17); withholding ids must be )"
                    "unique in the contract"));
    CHECK(contract_errors(replace_line(withholding, 17, R"(id = "r1")")) ==
          at(17, 6, R"(withholding[0].id: "r1" is also the id of version "v1" rule "r1"; a withholding id may be )"
                    "neither a rule id nor an advance id"));
    // advance p on lines 16-22, the withholding on 23-28.
    CHECK(contract_errors(replace_line(advance + withholding.substr(valid.size()), 24, R"(id = "p")")) ==
          at(24, 6, R"(withholding[0].id: "p" is also the id of advance "p" (line 16); a withholding id may be )"
                    "neither a rule id nor an advance id"));
}

TEST_CASE("Contract terms: a withholding's parties are known and different") {
    CHECK(contract_errors(replace_line(withholding, 18, R"(payee = "x")")) ==
          at(18, 9, w + R"(payee: unknown party "x"; expected a key of [parties]: a, b)"));
    CHECK(contract_errors(replace_line(withholding, 19, R"(authority = "irs")")) ==
          at(19, 13, w + R"(authority: unknown party "irs"; expected a key of [parties]: a, b)"));
    CHECK(contract_errors(replace_line(withholding, 19, R"(authority = "b")")) ==
          at(19, 13, w + R"(authority: the same party as payee ("b"); expected the party the tax is paid to, a )"
                         "party other than payee"));
}

TEST_CASE("Contract terms: a withholding's rate is in [0, 1] and its from a date") {
    CHECK(contract_errors(replace_line(withholding, 20, R"(rate = "1.01")")) ==
          at(20, 8, w + R"(rate: "1.01" is outside [0, 1]; expected a fraction, e.g. rate = "0.15" for 15%)"));
    CHECK(contract_errors(replace_line(withholding, 20, R"(rate = "-0.3")")) ==
          at(20, 8, w + R"(rate: "-0.3" is outside [0, 1]; expected a fraction, e.g. rate = "0.15" for 15%)"));
    CHECK(contract_errors(replace_line(withholding, 20, "rate = 0.3")) ==
          at(20, 8, w + R"(rate: a TOML float is not allowed (0.1 as a binary float is not 0.1); write the rate as )"
                        R"(a string, e.g. rate = "0.15")"));
    CHECK(contract_errors(replace_line(withholding, 20, R"(rate = "1")")) == "");
    const std::string expected = "expected a date, e.g. from = 2027-06-01";
    CHECK(contract_errors(replace_line(withholding, 21, R"(from = "June 2026")")) ==
          at(21, 8, w + R"(from: "June 2026" is not a YYYY-MM-DD date; )" + expected));
    CHECK(contract_errors(replace_line(withholding, 21, "from = 2026-06-01T00:00:00")) ==
          at(21, 8, w + "from: a TOML date-time is not allowed (withholding applies to each period whose last day is "
                        "on or after this day); " + expected));
    CHECK(contract_errors(replace_line(withholding, 21, "from = true")) ==
          at(21, 8, w + "from: a boolean is not allowed; " + expected));
}

TEST_CASE("Contract limit: advances and withholdings per contract") {
    static_assert(limits::contract_advances_max == 1000);
    static_assert(limits::contract_withholdings_max == 1000);
    auto many = [](std::string_view element, std::size_t count) {
        std::string text = valid;  // element i on lines 16 + 7i (advance) or 16 + 6i (withholding)
        for (std::size_t i = 0; i < count; ++i) {
            const std::string id = "id = \"x" + std::to_string(i) + "\"\n";
            if (element == "advance") {
                text += "[[advance]]\n" + id +
                        "payer = \"a\"\npayee = \"b\"\namount = \"1\"\npaid_on = 2026-02-01\nrecoup_from = [\"r1\"]\n";
            } else {
                text += "[[withholding]]\n" + id +
                        "payee = \"b\"\nauthority = \"a\"\nrate = \"0.1\"\nfrom = 2026-01-01\n";
            }
        }
        return text;
    };
    CHECK(contract_errors(many("advance", 1000)) == "");
    CHECK(contract_errors(many("advance", 1001)) ==
          at(16 + 7 * 1000, 1, "advance[1000]: more than 1000 advances in one contract; the limit is 1000"));
    CHECK(contract_errors(many("withholding", 1000)) == "");
    CHECK(contract_errors(many("withholding", 1001)) ==
          at(16 + 6 * 1000, 1, "withholding[1000]: more than 1000 withholdings in one contract; the limit is 1000"));
}
