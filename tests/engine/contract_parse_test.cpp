// parse_contract: the seed fixture and the spec example parse to the expected model; every
// top-level, party, version and cap-group validation gives its exact message; the limits hold.
// Rule-level validations (match, rate, tiers, money, net_of) are in contract_parse_rule_test.cpp.
#include "engine/core/limits.hpp"
#include "engine/rules/contract_parse.hpp"
#include "tests/engine/contract_parse_test_support.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

using revshare::CostColumn;
using revshare::format_day;
using revshare::rules::Contract;
using revshare::rules::MatchTable;
using revshare::rules::parse_contract;
using revshare::rules::Rule;
using revshare::testing::at;
using revshare::testing::contract_errors;
using revshare::testing::contract_head;
using revshare::testing::replace_line;
using revshare::testing::valid_rule_body;
using revshare::testing::with_rule;
namespace limits = revshare::limits;

namespace {

// `Column=[p1|p2] Column=[p]`, keys in the model's order.
std::string match_text(const MatchTable& table) {
    std::string text;
    for (const auto& [column, patterns] : table.keys) {
        text += (text.empty() ? "" : " ") + std::string(revshare::text_column_name(column)) + "=[";
        for (std::size_t i = 0; i < patterns.size(); ++i) text += (i == 0 ? "" : "|") + patterns[i];
        text += "]";
    }
    return text;
}

std::string rate_text(const Rule& rule) { return rule.rate ? rule.rate->value().to_string_min_places(2) : "none"; }

constexpr std::string_view azure_openai = "ProviderName=[Microsoft] x_SkuMeterSubcategory=[Azure OpenAI*]";
constexpr std::string_view bedrock_openai =
    "ProviderName=[AWS] ServiceName=[* (Amazon Bedrock Edition)] PublisherName=[OpenAI*]";

void check_two_azure_rules(const revshare::rules::Version& version, std::string_view msft_rate,
                           std::string_view openai_rate) {
    REQUIRE(version.rules.size() == 2);
    const Rule& msft = version.rules[0];
    CHECK(msft.id == "msft-share-of-openai");
    CHECK(msft.payer == "openai");
    CHECK(msft.payee == "microsoft");
    CHECK(rate_text(msft) == msft_rate);
    REQUIRE(msft.match.size() == 1);
    CHECK(match_text(msft.match[0]) == azure_openai);
    CHECK(msft.tiers.empty());
    CHECK(msft.net_of.empty());
    CHECK_FALSE(msft.minimum.has_value());
    CHECK_FALSE(msft.maximum.has_value());
    CHECK_FALSE(msft.cap_group.has_value());
    const Rule& openai = version.rules[1];
    CHECK(openai.id == "openai-share-of-azure-openai");
    CHECK(openai.payer == "microsoft");
    CHECK(openai.payee == "openai");
    CHECK(rate_text(openai) == openai_rate);
    REQUIRE(openai.match.size() == 1);
    CHECK(match_text(openai.match[0]) == azure_openai);
}

void check_amendment(const revshare::rules::Version& version) {
    CHECK(version.id == "2026-amendment");
    CHECK(format_day(version.effective_from) == "2026-04-28");
    CHECK(version.source_line == 64);
    REQUIRE(version.rules.size() == 2);  // the reverse share to OpenAI has ended
    const Rule& aws = version.rules[0];
    CHECK(aws.id == "aws-distribution-fee");
    CHECK(aws.source_line == 69);
    CHECK(aws.payer == "openai");
    CHECK(aws.payee == "aws");
    CHECK(rate_text(aws) == "0.15");
    REQUIRE(aws.match.size() == 1);
    CHECK(match_text(aws.match[0]) == bedrock_openai);  // file order, not alphabetical
    const Rule& msft = version.rules[1];
    CHECK(msft.id == "msft-share-all-clouds");
    CHECK(msft.source_line == 79);
    CHECK(msft.payer == "openai");
    CHECK(msft.payee == "microsoft");
    REQUIRE(msft.match.size() == 2);
    CHECK(match_text(msft.match[0]) == azure_openai);
    CHECK(match_text(msft.match[1]) == bedrock_openai);
    CHECK(msft.net_of == std::vector<std::string>{"aws-distribution-fee"});
    CHECK_FALSE(msft.rate.has_value());
    REQUIRE(msft.tiers.size() == 2);
    REQUIRE(msft.tiers[0].up_to.has_value());
    CHECK(msft.tiers[0].up_to->to_string_min_places(2) == "50000.00");
    CHECK(msft.tiers[0].rate.value().to_string_min_places(2) == "0.20");
    CHECK_FALSE(msft.tiers[1].up_to.has_value());
    CHECK(msft.tiers[1].rate.value().to_string_min_places(2) == "0.25");
    REQUIRE(msft.minimum.has_value());
    CHECK(msft.minimum->to_string_min_places(2) == "5000.00");
    REQUIRE(msft.maximum.has_value());
    CHECK(msft.maximum->to_string_min_places(2) == "150000.00");
    CHECK(msft.cap_group == std::optional<std::string>("msft-lifetime"));
}

}  // namespace

TEST_CASE("Contract seed fixture openai-microsoft.toml parses to exactly the expected model") {
    const std::string text =
        revshare::testing::read_file(revshare::testing::fixtures_dir() / "contracts" / "openai-microsoft.toml");
    const auto parsed = parse_contract(text, "openai-microsoft.toml");
    REQUIRE(contract_errors(text) == "");
    REQUIRE(parsed.contract.has_value());
    const Contract& contract = *parsed.contract;
    CHECK(contract.id == "openai-microsoft");
    CHECK(contract.name == "OpenAI / Microsoft revenue share");
    CHECK(contract.currency.code() == "USD");
    CHECK(contract.cost_column == CostColumn::BilledCost);
    REQUIRE(contract.parties.size() == 3);
    CHECK(contract.parties[0].key == "openai");  // file order
    CHECK(contract.parties[0].display_name == "OpenAI OpCo, LLC");
    CHECK(contract.parties[1].key == "microsoft");
    CHECK(contract.parties[2].key == "aws");
    CHECK(contract.parties[2].display_name == "Amazon Web Services, Inc.");
    REQUIRE(contract.versions.size() == 3);
    CHECK(contract.versions[0].id == "2019-original");
    CHECK(format_day(contract.versions[0].effective_from) == "2019-07-22");
    CHECK(contract.versions[0].source_line == 20);
    CHECK(contract.versions[0].rules[0].source_line == 25);
    CHECK(contract.versions[0].rules[1].source_line == 33);
    check_two_azure_rules(contract.versions[0], "0.15", "0.10");
    CHECK(contract.versions[1].id == "2023-extension");
    CHECK(format_day(contract.versions[1].effective_from) == "2023-01-23");
    check_two_azure_rules(contract.versions[1], "0.20", "0.12");
    check_amendment(contract.versions[2]);
    REQUIRE(contract.cap_groups.size() == 1);
    CHECK(contract.cap_groups[0].name == "msft-lifetime");
    CHECK(contract.cap_groups[0].cap.to_string_min_places(2) == "120000.00");
    CHECK(contract.find_cap_group("msft-lifetime") == &contract.cap_groups[0]);
}

TEST_CASE("Contract example of contract.md parses") {
    const std::string text = R"toml(
id       = "openai-microsoft"            # [a-z0-9][a-z0-9-]*, unique
name     = "OpenAI / Microsoft revenue share"
currency = "USD"                         # ISO 4217; minor units from ISO 4217 (USD 2, JPY 0, BHD 3)
cost_column = "BilledCost"               # BilledCost | EffectiveCost | ListCost | ContractedCost

[parties]                                # key = display name
openai    = "OpenAI OpCo, LLC"
microsoft = "Microsoft Corporation"
aws       = "Amazon Web Services, Inc."

[[version]]
id             = "2019-original"
effective_from = "2019-07-22"            # UTC date, inclusive

  [[version.rule]]
  id    = "msft-share-of-openai"
  payer = "openai"
  payee = "microsoft"
  match = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate  = "0.20"

  [[version.rule]]
  id    = "openai-share-of-azure-openai"
  payer = "microsoft"
  payee = "openai"
  match = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate  = "0.20"

[[version]]
id             = "2026-amendment"
effective_from = "2026-04-28"

  [[version.rule]]
  id    = "aws-distribution-fee"
  payer = "openai"
  payee = "aws"
  match = { ProviderName = ["AWS"], ServiceName = ["* (Amazon Bedrock Edition)"], PublisherName = ["OpenAI*"] }
  rate  = "0.15"

  [[version.rule]]
  id     = "msft-share-all-clouds"
  payer  = "openai"
  payee  = "microsoft"
  match  = [                             # a list of tables: a line matches if it matches any of them
    { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] },
    { ProviderName = ["AWS"], ServiceName = ["* (Amazon Bedrock Edition)"], PublisherName = ["OpenAI*"] },
  ]
  net_of = ["aws-distribution-fee"]
  tiers  = [ { up_to = "100000000", rate = "0.20" }, { rate = "0.25" } ]
  minimum   = "1000000"                  # per period, prorated
  maximum   = "500000000"                # per period, prorated
  cap_group = "msft-lifetime"

[cap_group.msft-lifetime]
cap = "92000000000"                      # lifetime cap on the group's shares
)toml";
    REQUIRE(contract_errors(text) == "");
    const auto contract = parse_contract(text, "c.toml").contract;
    REQUIRE(contract.has_value());
    REQUIRE(contract->versions.size() == 2);
    CHECK(format_day(contract->versions[0].effective_from) == "2019-07-22");  // string form
    CHECK(format_day(contract->versions[1].effective_from) == "2026-04-28");
    CHECK(contract->versions[1].rules[1].tiers[0].up_to->to_string() == "100000000");
    CHECK(contract->cap_groups[0].cap.to_string() == "92000000000");
}

TEST_CASE("Contract errors are all collected, in file order") {
    // Three problems; toml++ iterates keys alphabetically, the diagnostics still follow the file.
    const std::string text = "zeta = 1\n" + replace_line(with_rule(valid_rule_body()), 3, "currency = \"XYZ\"");
    const std::string with_float = replace_line(text, 16, "rate = 0.1");
    CHECK(contract_errors(with_float) ==
          at(1, 1, "zeta: unknown key; expected one of id, name, currency, cost_column, parties, version, cap_group, "
                   "year_start_month, advance, withholding, accounts") +
              at(4, 12, R"(currency: unknown currency "XYZ"; expected an ISO 4217 code, e.g. "USD")") +
              at(16, 8,
                 R"(version "v1" rule "r1" rate: a TOML float is not allowed (0.1 as a binary float is not 0.1); )"
                 R"(write the rate as a string, e.g. rate = "0.15")"));
    CHECK(parse_contract(with_float, "c.toml").errors.size() == 3);
}

TEST_CASE("Contract TOML syntax error reports toml++'s position") {
    CHECK(contract_errors("id = \"c\"\nid = \"d\"\n") ==
          at(2, 6, "TOML syntax: Error while parsing key-value pair: cannot redefine existing string 'id'"));
}

TEST_CASE("Contract missing id, name, currency and versions are whole-file errors") {
    CHECK(contract_errors("") ==
          at(0, 0, R"(id: missing; expected the contract id, e.g. id = "openai-microsoft")") +
              at(0, 0, R"(name: missing; expected a name for people, e.g. name = "OpenAI / Microsoft revenue share")") +
              at(0, 0, R"(currency: missing; expected an ISO 4217 code, e.g. currency = "USD")") +
              at(0, 0, "version: missing; expected at least one [[version]] table with id and effective_from"));
}

TEST_CASE("Contract top-level fields: id pattern, name, currency, cost_column, versions") {
    const std::string valid = with_rule(valid_rule_body());
    REQUIRE(contract_errors(valid) == "");
    const std::string id_problem = R"(" does not match [a-z0-9][a-z0-9-]*; expected lower-case letters, digits and )"
                                   R"('-', starting with a letter or digit)";
    CHECK(contract_errors(replace_line(valid, 1, R"(id = "OpenAI")")) == at(1, 6, "id: \"OpenAI" + id_problem));
    CHECK(contract_errors(replace_line(valid, 1, R"(id = "-x")")) == at(1, 6, "id: \"-x" + id_problem));
    CHECK(contract_errors(replace_line(valid, 1, R"(id = "a_b")")) == at(1, 6, "id: \"a_b" + id_problem));
    CHECK(contract_errors(replace_line(valid, 1, R"(id = "")")) == at(1, 6, "id: \"" + id_problem));
    CHECK(contract_errors(replace_line(valid, 1, R"(id = "0-a")")) == "");
    CHECK(contract_errors(replace_line(valid, 1, "id = 7")) ==
          at(1, 6, "id: a TOML integer is not allowed; expected a string"));
    CHECK(contract_errors(replace_line(valid, 2, R"(name = "")")) ==
          at(2, 8, R"(name: empty; expected a name for people, e.g. name = "OpenAI / Microsoft revenue share")"));
    CHECK(contract_errors(replace_line(valid, 3, R"(currency = "usd")")) ==
          at(3, 12, R"(currency: unknown currency "usd"; expected an ISO 4217 code, e.g. "USD")"));
    CHECK(contract_errors(replace_line(valid, 3, "currency = \"USD\"\ncost_column = \"Cost\"")) ==
          at(4, 15, R"(cost_column: unknown cost column "Cost"; expected BilledCost, EffectiveCost, ListCost or )"
                    "ContractedCost"));
    const auto effective = parse_contract(replace_line(valid, 3, "currency = \"EUR\"\ncost_column = \"EffectiveCost\""),
                                          "c.toml");
    REQUIRE(effective.contract.has_value());
    CHECK(effective.contract->cost_column == CostColumn::EffectiveCost);
    CHECK(effective.contract->currency.code() == "EUR");
    CHECK(contract_errors("id = \"c\"\nname = \"C\"\ncurrency = \"USD\"\nversion = []\n") ==
          at(4, 11, "version: empty; expected at least one [[version]] table with id and effective_from"));
    CHECK(contract_errors("id = \"c\"\nname = \"C\"\ncurrency = \"USD\"\n[version]\nid = \"v1\"\n") ==
          at(4, 1, "version: a table is not allowed; expected [[version]] tables"));
}

TEST_CASE("Contract unknown keys at the top level, in a version, a rule, a tier and a cap group") {
    CHECK(contract_errors("settle = true\n" + with_rule(valid_rule_body())) ==
          at(1, 1, "settle: unknown key; expected one of id, name, currency, cost_column, parties, version, "
                   "cap_group, year_start_month, advance, withholding, accounts"));
    CHECK(contract_errors(contract_head() + "note = \"x\"\n[[version.rule]]\n" + valid_rule_body()) ==
          at(10, 1, R"(version "v1" note: unknown key; expected one of id, effective_from, rule)"));
    CHECK(contract_errors(with_rule(valid_rule_body() + "share = \"0.1\"\n")) ==
          at(16, 1, R"(version "v1" rule "r1" share: unknown key; expected one of id, payer, payee, match, rate, )"
                    "tiers, net_of, minimum, maximum, cap_group, owed, tiers_over, annual_minimum"));
    CHECK(contract_errors(with_rule(std::string(revshare::testing::rule_head) +
                                    "tiers = [{ upto = \"1.00\", rate = \"0.1\" }, { rate = \"0.2\" }]\n")) ==
          at(15, 10, R"(version "v1" rule "r1" tiers[0].up_to: missing; every tier but the last needs up_to, )"
                     R"(e.g. { up_to = "50000.00", rate = "0.20" })") +
              at(15, 12, R"(version "v1" rule "r1" tiers[0].upto: unknown key; expected one of up_to, rate)"));
    CHECK(contract_errors(with_rule(valid_rule_body() + "cap_group = \"g\"\n[cap_group.g]\ncap = \"1.00\"\n"
                                                        "limit = \"2.00\"\n")) ==
          at(19, 1, R"(cap_group "g" limit: unknown key; expected only cap)"));
}

TEST_CASE("Contract ids: version, rule and party key patterns, missing and duplicate ids") {
    const std::string valid = with_rule(valid_rule_body());
    const std::string name_problem = R"(" does not match [A-Za-z0-9][A-Za-z0-9._-]*; expected letters, digits, '.', )"
                                     R"('_' and '-', starting with a letter or digit)";
    CHECK(contract_errors(replace_line(valid, 8, R"(id = "v 1")")) == at(8, 6, "version[0].id: \"v 1" + name_problem));
    CHECK(contract_errors(replace_line(valid, 11, R"(id = "_r")")) ==
          at(11, 6, "version \"v1\" rule[0].id: \"_r" + name_problem));
    CHECK(contract_errors(replace_line(valid, 8, R"(id = "2026.Q2_amendment-1")")) == "");
    CHECK(contract_errors(replace_line(valid, 6, "b = \"B\"\n\"c d\" = \"C\"")) ==
          at(7, 1, "parties: party key \"c d" + name_problem));
    CHECK(contract_errors(replace_line(valid, 8, "")) ==
          at(7, 1, R"(version[0].id: missing; expected a version id, e.g. id = "2026-amendment")"));
    CHECK(contract_errors(replace_line(valid, 11, "")) ==
          at(10, 1, R"(version "v1" rule[0].id: missing; expected a rule id, e.g. id = "msft-share-all-clouds")"));
    CHECK(contract_errors(contract_head() + "[[version]]\nid = \"v1\"\neffective_from = 2026-02-01\n") ==
          at(11, 6, R"(version[1].id: duplicate version id "v1" (first on line 8); version ids must be unique in )"
                    "the contract"));
    CHECK(contract_errors(with_rule(valid_rule_body() + "[[version.rule]]\n" + valid_rule_body())) ==
          at(17, 6, R"(version "v1" rule[1].id: duplicate rule id "r1" (first on line 11); rule ids must be unique )"
                    "within a version"));
    // The same rule id in two versions is fine: a rule id is unique within its version.
    CHECK(contract_errors(with_rule(valid_rule_body()) + "[[version]]\nid = \"v2\"\neffective_from = 2026-02-01\n" +
                          "[[version.rule]]\n" + valid_rule_body()) == "");
}

TEST_CASE("Contract parties: unknown payer or payee, payer == payee, missing payer, empty name") {
    const std::string valid = with_rule(valid_rule_body());
    CHECK(contract_errors(replace_line(valid, 12, R"(payer = "x")")) ==
          at(12, 9, R"(version "v1" rule "r1" payer: unknown party "x"; expected a key of [parties]: a, b)"));
    CHECK(contract_errors(replace_line(valid, 13, R"(payee = "B")")) ==
          at(13, 9, R"(version "v1" rule "r1" payee: unknown party "B"; expected a key of [parties]: a, b)"));
    CHECK(contract_errors(replace_line(valid, 13, R"(payee = "a")")) ==
          at(13, 9, R"(version "v1" rule "r1" payee: the same party as payer ("a"); a rule moves money between )"
                    "two parties"));
    CHECK(contract_errors(replace_line(valid, 12, "")) ==
          at(10, 1, R"(version "v1" rule "r1" payer: missing; expected a party key of [parties], e.g. )"
                    R"(payer = "openai")"));
    CHECK(contract_errors(replace_line(valid, 6, R"(b = "")")) ==
          at(6, 5, R"(parties.b: empty display name; expected e.g. b = "OpenAI OpCo, LLC")"));
    CHECK(contract_errors(replace_line(valid, 6, "b = 2")) ==
          at(6, 5, "parties.b: a TOML integer is not allowed; expected a string"));
}

TEST_CASE("Contract effective_from: a TOML date or a YYYY-MM-DD string, nothing else") {
    const std::string valid = with_rule(valid_rule_body());
    const auto from_string = parse_contract(replace_line(valid, 9, R"(effective_from = "2026-01-01")"), "c.toml");
    REQUIRE(from_string.contract.has_value());
    CHECK(format_day(from_string.contract->versions[0].effective_from) == "2026-01-01");
    const std::string expected = "expected a date, e.g. effective_from = 2026-04-28";
    CHECK(contract_errors(replace_line(valid, 9, R"(effective_from = "2026-1-1")")) ==
          at(9, 18, R"(version "v1" effective_from: "2026-1-1" is not a YYYY-MM-DD date; )" + expected));
    CHECK(contract_errors(replace_line(valid, 9, R"(effective_from = "2026-02-30")")) ==
          at(9, 18, R"(version "v1" effective_from: "2026-02-30" is not a YYYY-MM-DD date; )" + expected));
    CHECK(contract_errors(replace_line(valid, 9, "effective_from = 2026-01-01T00:00:00Z")) ==
          at(9, 18, R"(version "v1" effective_from: a TOML date-time is not allowed (a version starts at 00:00 )"
                    "UTC of its date); " + expected));
    CHECK(contract_errors(replace_line(valid, 9, "effective_from = 20260101")) ==
          at(9, 18, R"(version "v1" effective_from: a TOML integer is not allowed; )" + expected));
    CHECK(contract_errors(replace_line(valid, 9, "")) ==
          at(7, 1, R"(version "v1" effective_from: missing; expected the first day the version is in force (UTC), )"
                   "e.g. effective_from = 2026-04-28"));
}

TEST_CASE("Contract versions: sorted by effective_from, no two on one date, rules optional") {
    const std::string second = "[[version]]\nid = \"v2\"\n";  // lines 10-11
    CHECK(contract_errors(contract_head() + second + "effective_from = 2025-06-01\n") ==
          at(12, 18, R"(version "v2" effective_from: 2025-06-01 is before 2026-01-01, the effective_from of )"
                     R"(version "v1"; versions must be sorted by effective_from, oldest first)"));
    CHECK(contract_errors(contract_head() + second + "effective_from = \"2026-01-01\"\n") ==
          at(12, 18, R"(version "v2" effective_from: 2026-01-01 is also the effective_from of version "v1"; )"
                     "no two versions may start on one date"));
    // A version without rules is allowed: from its date nothing is owed any more.
    const auto ended = parse_contract(with_rule(valid_rule_body()) + "[[version]]\nid = \"ended\"\n"
                                                                     "effective_from = 2027-01-01\n", "c.toml");
    REQUIRE(ended.contract.has_value());
    CHECK(ended.contract->versions[1].rules.empty());
}

TEST_CASE("Contract cap groups: must exist, must be named, cap present and >= 0") {
    const std::string valid = with_rule(valid_rule_body());
    const auto capped = parse_contract(valid + "cap_group = \"g\"\n[cap_group.g]\ncap = \"0\"\n", "c.toml");
    REQUIRE(capped.contract.has_value());
    CHECK(capped.contract->versions[0].rules[0].cap_group == std::optional<std::string>("g"));
    CHECK(capped.contract->cap_groups[0].cap.is_zero());
    CHECK(contract_errors(valid + "cap_group = \"x\"\n") ==
          at(16, 13, R"(version "v1" rule "r1" cap_group: unknown cap group "x"; expected a [cap_group.x] table )"
                     R"(with cap = "...")"));
    CHECK(contract_errors(valid + "[cap_group.spare]\ncap = \"1.00\"\n") ==
          at(16, 12, R"(cap_group "spare": no rule names this cap group; name it in a rule )"
                     R"((cap_group = "spare") or remove it)"));
    CHECK(contract_errors(valid + "cap_group = \"g\"\n[cap_group.g]\ncap = \"-1.00\"\n") ==
          at(18, 7, R"(cap_group "g" cap: -1.00 is negative; expected an amount >= 0)"));
    CHECK(contract_errors(valid + "cap_group = \"g\"\n[cap_group.g]\n") ==
          at(17, 1, R"(cap_group "g" cap: missing; expected the lifetime cap on the group's shares, e.g. )"
                    R"(cap = "120000.00")"));
    CHECK(contract_errors(valid + "cap_group = \"g\"\n[cap_group.g]\ncap = 100\n") ==
          at(18, 7, R"(cap_group "g" cap: a TOML integer is not allowed; write the amount as a string, e.g. )"
                    R"(cap = "5000.00")"));
    CHECK(contract_errors(valid + "cap_group = \"g\"\n[cap_group.g]\ncap = \"1.005\"\n") ==
          at(18, 7, R"(cap_group "g" cap: "1.005" has 3 decimal places but USD has 2; write at most 2, counting )"
                    "trailing zeros"));
}
