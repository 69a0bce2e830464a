// parse_contract, the additional terms of contract.md: owed, tiers_over and annual_minimum;
// each validation error has its exact message.
// Lines 1-15 come from with_rule(valid_rule_body()) (test support): rule "r1" from a to b.
#include "engine/rules/contract_parse.hpp"
#include "tests/engine/contract_parse_test_support.hpp"

#include <doctest/doctest.h>

using revshare::rules::parse_contract;
using revshare::rules::TiersOver;
using revshare::testing::at;
using revshare::testing::contract_errors;
using revshare::testing::replace_line;
using revshare::testing::rule_head;
using revshare::testing::valid_rule_body;
using revshare::testing::with_rule;

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

// v1 rule r1 a -> b (lines 10-15) with `first` on line 16; v2 from 2026-02-01 (header 17, id 18,
// effective_from 19) with rule r1 (header 20, id 21, payer 22, payee 23, match 24, rate 25) from
// `payer` to `payee` and `second` on line 26.
std::string two_versions(std::string_view first, std::string_view payer, std::string_view payee,
                         std::string_view second) {
    return valid_plus(std::string(first) + "\n") + "[[version]]\nid = \"v2\"\neffective_from = 2026-02-01\n" +
           "[[version.rule]]\n" + rule("r1", payer, payee, std::string(second) + "\n");
}

}  // namespace

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
