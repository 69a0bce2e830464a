// parse_contract, rule level: match, rate or tiers, money amounts, minimum/maximum and net_of,
// each validation with its exact message. Lines 1-10 come from with_rule (test support).
#include "engine/rules/contract_parse.hpp"
#include "tests/engine/contract_parse_test_support.hpp"

#include <doctest/doctest.h>

using revshare::rules::parse_contract;
using revshare::testing::at;
using revshare::testing::contract_errors;
using revshare::testing::rule_head;
using revshare::testing::valid_rule_body;
using revshare::testing::with_rule;

namespace {

const std::string r1 = R"(version "v1" rule "r1" )";
// A rule without `match` (lines 11-14); add it from line 15.
const std::string no_match = "id = \"r1\"\npayer = \"a\"\npayee = \"b\"\nrate = \"0.1\"\n";

std::string head_plus(std::string_view line) { return with_rule(std::string(rule_head) + std::string(line) + "\n"); }
std::string valid_plus(std::string_view lines) { return with_rule(valid_rule_body() + std::string(lines)); }

// A complete rule `id` from a to b; `extra` lines follow its rate.
std::string rule(std::string_view id, std::string_view extra = "") {
    return "id = \"" + std::string(id) + "\"\npayer = \"a\"\npayee = \"b\"\nmatch = { ProviderName = [\"X\"] }\n" +
           "rate = \"0.1\"\n" + std::string(extra);
}

}  // namespace

TEST_CASE("Contract match: missing, empty, unknown column, empty or non-string patterns") {
    CHECK(contract_errors(with_rule(no_match)) ==
          at(10, 1, r1 + R"(match: missing; expected a table of column = [patterns], e.g. match = { ProviderName = )"
                         R"(["Microsoft"] })"));
    CHECK(contract_errors(with_rule(no_match + "match = {}\n")) ==
          at(15, 9, r1 + R"(match: empty table; expected at least one column, e.g. { ProviderName = ["Microsoft"] })"));
    CHECK(contract_errors(with_rule(no_match + "match = []\n")) ==
          at(15, 9, r1 + R"(match: empty list; expected at least one table, e.g. match = [{ ProviderName = )"
                         R"(["Microsoft"] }])"));
    CHECK(contract_errors(with_rule(no_match + "match = { Provider = [\"X\"] }\n")) ==
          at(15, 11, r1 + "match.Provider: unknown column; expected a text column of the normalised line: "
                          "ProviderName, PublisherName, InvoiceIssuerName, BillingAccountId, SubAccountId, "
                          "ChargeCategory, ChargeClass, ServiceName, SkuId, SkuMeter, RegionId, BillingCurrency, "
                          "ConsumedUnit, x_ServiceCode, x_UsageType, x_Operation, x_SkuMeterCategory, "
                          "x_SkuMeterSubcategory, x_SkuMeterName, x_PublisherCategory, HostProviderName, ServiceProviderName, "
                 "x_SkuPriceDetails.ModelDeveloper, x_SkuPriceDetails.ModelFamily, x_SkuPriceDetails.ModelId, "
                 "x_SkuPriceDetails.ModelVersion, x_SkuPriceDetails.TokenDirection, x_SkuPriceDetails.TokenCacheAction, InvoiceId, "
                 "x_MarketplaceAction, x_TransactionType, x_PaymentStatus, x_ProductId, x_OfferId, x_AgreementId, x_BrokerId"));
    CHECK(contract_errors(with_rule(no_match + "match = { ProviderName = [] }\n")) ==
          at(15, 26, r1 + R"(match.ProviderName: empty pattern list; expected at least one pattern, e.g. ["*"] for )"
                          "any value"));
    CHECK(contract_errors(with_rule(no_match + "match = { ProviderName = [\"X\", 3] }\n")) ==
          at(15, 32, r1 + "match.ProviderName: a TOML integer is not allowed; expected a pattern string"));
    CHECK(contract_errors(with_rule(no_match + "match = { ProviderName = \"X\" }\n")) ==
          at(15, 26, r1 + R"(match.ProviderName: a string is not allowed; expected a list of patterns, e.g. )"
                          R"(["Microsoft"])"));
    CHECK(contract_errors(with_rule(no_match + "match = \"X\"\n")) ==
          at(15, 9, r1 + R"(match: a string is not allowed; expected a table or a list of tables, e.g. match = { )"
                         R"(ProviderName = ["Microsoft"] })"));
    CHECK(contract_errors(with_rule(no_match + "match = [{ ProviderName = [\"X\"] }, {}]\n")) ==
          at(15, 36, r1 + R"(match[1]: empty table; expected at least one column, e.g. { ProviderName = )"
                          R"(["Microsoft"] })"));
    CHECK(contract_errors(with_rule(no_match + "match = [\"X\"]\n")) ==
          at(15, 10, r1 + "match[0]: a string is not allowed; expected a table"));
}

TEST_CASE("Contract match keeps keys in file order and allows \"\" and ChargeCategory") {
    const auto parsed = parse_contract(
        with_rule(no_match +
                  R"(match = { ServiceName = ["*"], ChargeCategory = ["Usage", "Tax"], RegionId = [""] })" "\n"),
        "c.toml");
    REQUIRE(parsed.errors.empty());
    const auto& table = parsed.contract->versions[0].rules[0].match.at(0);
    REQUIRE(table.keys.size() == 3);
    CHECK(table.keys[0].first == revshare::TextColumn::ServiceName);
    CHECK(table.keys[1].first == revshare::TextColumn::ChargeCategory);
    CHECK(table.keys[1].second == std::vector<std::string>{"Usage", "Tax"});
    CHECK(table.keys[2].second == std::vector<std::string>{""});
    CHECK(table.has_charge_category_key());
}

TEST_CASE("Contract rate: a decimal string in [0, 1], never a TOML float or integer") {
    CHECK(contract_errors(head_plus("rate = 0.1")) ==
          at(15, 8, r1 + R"(rate: a TOML float is not allowed (0.1 as a binary float is not 0.1); write the rate as a )"
                         R"(string, e.g. rate = "0.15")"));
    CHECK(contract_errors(head_plus("rate = 1")) ==
          at(15, 8, r1 + R"(rate: a TOML integer is not allowed; write the rate as a string, e.g. rate = "0.15")"));
    CHECK(contract_errors(head_plus("rate = true")) ==
          at(15, 8, r1 + R"(rate: a boolean is not allowed; write the rate as a string, e.g. rate = "0.15")"));
    CHECK(contract_errors(head_plus(R"(rate = "1.5")")) ==
          at(15, 8, r1 + R"(rate: "1.5" is outside [0, 1]; expected a fraction, e.g. rate = "0.15" for 15%)"));
    CHECK(contract_errors(head_plus(R"(rate = "-0.01")")) ==
          at(15, 8, r1 + R"(rate: "-0.01" is outside [0, 1]; expected a fraction, e.g. rate = "0.15" for 15%)"));
    CHECK(contract_errors(head_plus(R"(rate = "0")")) == "");
    CHECK(contract_errors(head_plus(R"(rate = "1.000")")) == "");
    const std::string plain = R"(; expected -?digits[.digits], e.g. rate = "0.15")";
    CHECK(contract_errors(head_plus(R"(rate = "1e-1")")) ==
          at(15, 8, r1 + R"(rate: "1e-1" is not a plain decimal (unexpected character 'e'))" + plain));
    CHECK(contract_errors(head_plus(R"(rate = "+0.1")")) ==
          at(15, 8, r1 + R"(rate: "+0.1" is not a plain decimal (a leading '+' is not allowed here))" + plain));
    CHECK(contract_errors(head_plus(R"(rate = "15%")")) ==
          at(15, 8, r1 + R"(rate: "15%" is not a plain decimal (unexpected character '%'))" + plain));
    CHECK(contract_errors(head_plus(R"(rate = ".5")")) ==
          at(15, 8, r1 + R"(rate: ".5" is not a plain decimal (expected digits on both sides of the point))" + plain));
}

TEST_CASE("Contract exactly one of rate or tiers") {
    CHECK(contract_errors(with_rule(std::string(rule_head) + "rate = \"0.1\"\ntiers = [{ rate = \"0.2\" }]\n")) ==
          at(16, 9, R"(version "v1" rule "r1": both rate and tiers are given; expected exactly one of them)"));
    CHECK(contract_errors(with_rule(rule_head)) ==
          at(10, 1, R"(version "v1" rule "r1": neither rate nor tiers is given; expected exactly one of them, )"
                    R"(e.g. rate = "0.15")"));
}

TEST_CASE("Contract money: no TOML numbers, no more decimals than the currency, minimum <= maximum") {
    CHECK(contract_errors(valid_plus("minimum = 5000.0\n")) ==
          at(16, 11, r1 + R"(minimum: a TOML float is not allowed (0.1 as a binary float is not 0.1); write the )"
                          R"(amount as a string, e.g. minimum = "5000.00")"));
    CHECK(contract_errors(valid_plus("maximum = 30000\n")) ==
          at(16, 11, r1 + R"(maximum: a TOML integer is not allowed; write the amount as a string, e.g. )"
                          R"(maximum = "5000.00")"));
    CHECK(contract_errors(valid_plus("minimum = \"10.500\"\n")) ==
          at(16, 11, r1 + R"(minimum: "10.500" has 3 decimal places but USD has 2; write at most 2, counting )"
                          "trailing zeros"));
    CHECK(contract_errors(valid_plus("minimum = \"10.5\"\nmaximum = \"10\"\n")) ==
          at(17, 11, r1 + "maximum: 10.00 is below the minimum 10.50; expected minimum <= maximum"));
    CHECK(contract_errors(valid_plus("minimum = \"10.5\"\nmaximum = \"10.50\"\n")) == "");
    CHECK(contract_errors(with_rule(valid_rule_body() + "minimum = \"10.5\"\n", "JPY")) ==
          at(16, 11, r1 + R"(minimum: "10.5" has 1 decimal place but JPY has 0; write a whole amount)"));
    CHECK(contract_errors(with_rule(valid_rule_body() + "minimum = \"1.234\"\n", "BHD")) == "");
    CHECK(contract_errors(with_rule(valid_rule_body() + "minimum = \"1.2340\"\n", "BHD")) ==
          at(16, 11, r1 + R"(minimum: "1.2340" has 4 decimal places but BHD has 3; write at most 3, counting )"
                          "trailing zeros"));
    CHECK(contract_errors(valid_plus("minimum = \"5,000.00\"\n")) ==
          at(16, 11, r1 + R"(minimum: "5,000.00" is not a plain decimal (unexpected character ','); expected )"
                          R"(-?digits[.digits], e.g. minimum = "5000.00")"));
    CHECK(contract_errors(valid_plus("minimum = \"-5.00\"\n")) ==
          at(16, 11, r1 + "minimum: -5.00 is negative; expected an amount >= 0"));
    CHECK(contract_errors(valid_plus("minimum = \"200.00\"\nmaximum = \"100\"\n")) ==
          at(17, 11, r1 + "maximum: 100.00 is below the minimum 200.00; expected minimum <= maximum"));
    CHECK(contract_errors(valid_plus("minimum = \"100\"\nmaximum = \"100.00\"\n")) == "");
}

TEST_CASE("Contract tiers: up_to on all but the last, strictly increasing, > 0, rates in [0, 1]") {
    const auto graduated = parse_contract(
        head_plus(R"(tiers = [ { up_to = "100.00", rate = "0.2" }, { up_to = "200", rate = "0.25" }, )"
                  R"({ rate = "1" } ])"),
        "c.toml");
    REQUIRE(graduated.errors.empty());
    const auto& tiers = graduated.contract->versions[0].rules[0].tiers;
    REQUIRE(tiers.size() == 3);
    CHECK(tiers[1].up_to->to_string() == "200");
    CHECK(tiers[2].rate.value().to_string() == "1");
    const std::string tables = "[[version.rule.tiers]]\nup_to = \"100.00\"\nrate = \"0.2\"\n"  // 15-17
                               "[[version.rule.tiers]]\nup_to = \"%\"\nrate = \"0.3\"\n"       // 18-20
                               "[[version.rule.tiers]]\nrate = \"0.4\"\n";                       // 21-22
    auto with_second = [&](std::string_view up_to) {
        std::string text = tables;
        text.replace(text.find('%'), 1, up_to);
        return with_rule(std::string(rule_head) + text);
    };
    CHECK(contract_errors(with_second("150.00")) == "");
    CHECK(contract_errors(with_second("100.00")) ==
          at(19, 9, r1 + "tiers[1].up_to: 100.00 is not above 100.00, the up_to of the tier before; up_to must be "
                         "strictly increasing"));
    CHECK(contract_errors(with_second("50")) ==
          at(19, 9, r1 + "tiers[1].up_to: 50.00 is not above 100.00, the up_to of the tier before; up_to must be "
                         "strictly increasing"));
    CHECK(contract_errors(with_rule(std::string(rule_head) + "[[version.rule.tiers]]\nrate = \"0.2\"\n"
                                                            "[[version.rule.tiers]]\nrate = \"0.3\"\n")) ==
          at(15, 1, r1 + R"(tiers[0].up_to: missing; every tier but the last needs up_to, e.g. { up_to = "50000.00", )"
                         R"(rate = "0.20" })"));
    CHECK(contract_errors(head_plus(R"(tiers = [ { up_to = "100.00", rate = "0.2" }, )"
                                    R"({ up_to = "200.00", rate = "0.3" } ])")) ==
          at(15, 57, r1 + "tiers[1].up_to: the last tier may not have up_to; it takes the rest of the basis"));
    CHECK(contract_errors(head_plus(R"(tiers = [ { up_to = "0", rate = "0.2" }, { rate = "0.3" } ])")) ==
          at(15, 21, r1 + "tiers[0].up_to: 0.00 is not above zero; expected up_to > 0"));
    CHECK(contract_errors(head_plus(R"(tiers = [ { up_to = 100.0, rate = "0.2" }, { rate = "0.3" } ])")) ==
          at(15, 21, r1 + R"(tiers[0].up_to: a TOML float is not allowed (0.1 as a binary float is not 0.1); write )"
                          R"(the amount as a string, e.g. up_to = "5000.00")"));
    CHECK(contract_errors(head_plus(R"(tiers = [ { up_to = "100.001", rate = "0.2" }, { rate = "0.3" } ])")) ==
          at(15, 21, r1 + R"(tiers[0].up_to: "100.001" has 3 decimal places but USD has 2; write at most 2, )"
                          "counting trailing zeros"));
    CHECK(contract_errors(head_plus(R"(tiers = [ { up_to = "100.00", rate = "0.2" }, { rate = 0.25 } ])")) ==
          at(15, 56, r1 + R"(tiers[1].rate: a TOML float is not allowed (0.1 as a binary float is not 0.1); write )"
                          R"(the rate as a string, e.g. rate = "0.15")"));
    CHECK(contract_errors(head_plus(R"(tiers = [ { up_to = "100.00", rate = "1.2" }, { rate = "0.3" } ])")) ==
          at(15, 38, r1 + R"(tiers[0].rate: "1.2" is outside [0, 1]; expected a fraction, e.g. rate = "0.15" for )"
                          "15%"));
    CHECK(contract_errors(head_plus(R"(tiers = [ { up_to = "100.00" }, { rate = "0.3" } ])")) ==
          at(15, 11, r1 + R"(tiers[0].rate: missing; expected a rate, e.g. rate = "0.20")"));
    CHECK(contract_errors(head_plus("tiers = []")) ==
          at(15, 9, r1 + R"(tiers: empty list; expected at least one tier, e.g. tiers = [{ up_to = "50000.00", )"
                         R"(rate = "0.20" }, { rate = "0.25" }])"));
    CHECK(contract_errors(head_plus(R"(tiers = "0.2")")) ==
          at(15, 9, r1 + R"(tiers: a string is not allowed; expected a list of tiers, e.g. tiers = [{ up_to = )"
                         R"("50000.00", rate = "0.20" }, { rate = "0.25" }])"));
    CHECK(contract_errors(head_plus(R"(tiers = ["0.2"])")) ==
          at(15, 10, r1 + "tiers[0]: a string is not allowed; expected a table"));
    CHECK(contract_errors(head_plus(R"(tiers = [{ rate = "0.2" }])")) == "");  // one tier: a flat rate
}

TEST_CASE("Contract net_of names only earlier rules of the same version") {
    // r1 lines 11-15; r2 header 16, lines 17-21, net_of on 22; r3 header 23, lines 24-28.
    auto with_net_of = [](std::string_view net_of) {
        return with_rule(rule("r1") + "[[version.rule]]\n" + rule("r2", "net_of = " + std::string(net_of) + "\n") +
                         "[[version.rule]]\n" + rule("r3"));
    };
    const std::string r2 = R"(version "v1" rule "r2" )";
    const std::string only_earlier = "(net_of may name only rules earlier in the same version)";
    const auto valid = parse_contract(with_net_of(R"(["r1"])"), "c.toml");
    REQUIRE(valid.contract.has_value());
    CHECK(valid.contract->versions[0].rules[1].net_of == std::vector<std::string>{"r1"});
    CHECK(contract_errors(with_net_of(R"(["x"])")) ==
          at(22, 11, r2 + R"(net_of: unknown rule id "x" )" + only_earlier));
    CHECK(contract_errors(with_net_of(R"(["r3"])")) ==
          at(22, 11, r2 + R"(net_of: rule "r3" comes later in this version )" + only_earlier));
    CHECK(contract_errors(with_net_of(R"(["r2"])")) ==
          at(22, 11, r2 + "net_of: a rule cannot be net of itself " + only_earlier));
    CHECK(contract_errors(with_net_of(R"(["r1", "r1"])")) ==
          at(22, 17, r2 + R"(net_of: rule id "r1" is listed twice; list each rule once)"));
    CHECK(contract_errors(with_net_of(R"("r1")")) ==
          at(22, 10, r2 + R"(net_of: a string is not allowed; expected a list of rule ids, e.g. net_of = )"
                          R"(["aws-distribution-fee"])"));
    CHECK(contract_errors(with_net_of("[1]")) ==
          at(22, 11, r2 + "net_of: a TOML integer is not allowed; expected a string"));
    CHECK(contract_errors(with_net_of("[]")) == "");
}

TEST_CASE("Contract net_of cycle attempt is refused: one side must name a later rule") {
    // r1 (lines 11-16) net_of r2, r2 (header 17, lines 18-23) net_of r1: the first is a forward reference.
    const std::string text = with_rule(rule("r1", "net_of = [\"r2\"]\n") + "[[version.rule]]\n" +
                                       rule("r2", "net_of = [\"r1\"]\n"));
    CHECK(contract_errors(text) ==
          at(16, 11, R"(version "v1" rule "r1" net_of: rule "r2" comes later in this version (net_of may name only )"
                     "rules earlier in the same version)"));
}

TEST_CASE("Contract net_of cannot name a rule of another version") {
    // v1: r1 (11-15); v2 header 16, id 17, date 18, rule header 19, r2 lines 20-24, net_of on 25.
    const std::string text = with_rule(rule("r1")) + "[[version]]\nid = \"v2\"\neffective_from = 2026-02-01\n" +
                             "[[version.rule]]\n" + rule("r2", "net_of = [\"r1\"]\n");
    CHECK(contract_errors(text) ==
          at(25, 11, R"(version "v2" rule "r2" net_of: unknown rule id "r1" (net_of may name only rules earlier in )"
                     "the same version)"));
}
