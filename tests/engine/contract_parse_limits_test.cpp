// parse_contract and the contract limits of engine/core/limits.hpp: input at a limit parses,
// input over it is one diagnostic at the first element past the limit.
#include "engine/core/limits.hpp"
#include "engine/rules/contract_parse.hpp"
#include "tests/engine/contract_parse_test_support.hpp"

#include <doctest/doctest.h>

using revshare::testing::at;
using revshare::testing::contract_errors;
using revshare::testing::contract_head;
using revshare::testing::rule_head;
using revshare::testing::valid_rule_body;
using revshare::testing::with_rule;
namespace limits = revshare::limits;

namespace {

constexpr std::string_view top = "id = \"c\"\nname = \"C\"\ncurrency = \"USD\"\n";  // lines 1-3

// Lines 1-3, then `count` versions of 3 lines each (version i starts on line 4 + 3i), no rules.
std::string with_versions(std::size_t count) {
    std::string text(top);
    const revshare::Day first = date::sys_days(date::year{2000} / 1 / 1);
    for (std::size_t i = 0; i < count; ++i) {
        text += "[[version]]\nid = \"v" + std::to_string(i) + "\"\neffective_from = \"" +
                revshare::format_day(first + date::days{static_cast<int>(i)}) + "\"\n";
    }
    return text;
}

// A version with `count` rules of 6 lines each (rule i starts on line 10 + 6i).
std::string with_rules(std::size_t count) {
    std::string text = contract_head();
    for (std::size_t i = 0; i < count; ++i) {
        text += "[[version.rule]]\nid = \"r" + std::to_string(i) +
                "\"\npayer = \"a\"\npayee = \"b\"\nmatch = { ProviderName = [\"X\"] }\nrate = \"0.1\"\n";
    }
    return text;
}

// Lines 1-4, then `count` parties (party i on line 5 + i), then a version without rules.
std::string with_parties(std::size_t count) {
    std::string text = std::string(top) + "[parties]\n";
    for (std::size_t i = 0; i < count; ++i) text += "p" + std::to_string(i) + " = \"P\"\n";
    return text + "[[version]]\nid = \"v1\"\neffective_from = 2026-01-01\n";
}

// A rule whose tiers list has `count` tiers (the last without up_to), on line 15.
std::string with_tiers(std::size_t count) {
    std::string tiers = "tiers = [";
    for (std::size_t i = 1; i < count; ++i) tiers += "{ up_to = \"" + std::to_string(i) + "\", rate = \"0.1\" }, ";
    return with_rule(std::string(rule_head) + tiers + "{ rate = \"0.2\" }]\n");
}

// A rule whose one match key has `count` patterns, on line 15; pattern i at column 27 + 5i.
std::string with_patterns(std::size_t count) {
    std::string match = "match = { ProviderName = [";
    for (std::size_t i = 0; i < count; ++i) match += "\"p\", ";
    return with_rule("id = \"r1\"\npayer = \"a\"\npayee = \"b\"\nrate = \"0.1\"\n" + match + "] }\n");
}

}  // namespace

TEST_CASE("Contract limit: file size") {
    const std::string valid = with_rule(valid_rule_body());
    std::string at_limit = valid + "#";
    at_limit.resize(limits::contract_bytes_max, '#');
    CHECK(contract_errors(at_limit) == "");
    CHECK(contract_errors(at_limit + "#") ==
          at(0, 0, "contract file of 4194305 bytes; the limit is 4194304 bytes"));
}

TEST_CASE("Contract limit: versions per contract") {
    static_assert(limits::contract_versions_max == 1000);
    CHECK(contract_errors(with_versions(1000)) == "");
    CHECK(contract_errors(with_versions(1001)) ==
          at(3004, 1, "version[1000]: more than 1000 versions in one contract; the limit is 1000"));
}

TEST_CASE("Contract limit: rules per version") {
    static_assert(limits::contract_rules_per_version_max == 10'000);
    CHECK(contract_errors(with_rules(10'000)) == "");
    CHECK(contract_errors(with_rules(10'001)) ==
          at(60'010, 1, R"(version "v1" rule[10000]: more than 10000 rules in one version; the limit is 10000)"));
}

TEST_CASE("Contract limit: parties") {
    static_assert(limits::contract_parties_max == 1000);
    CHECK(contract_errors(with_parties(1000)) == "");
    CHECK(contract_errors(with_parties(1001)) == at(1005, 1, "parties: more than 1000 parties; the limit is 1000"));
}

TEST_CASE("Contract limit: tiers per rule") {
    static_assert(limits::contract_tiers_max == 100);
    CHECK(contract_errors(with_tiers(100)) == "");
    CHECK(contract_errors(with_tiers(101)) ==
          at(15, 9, R"(version "v1" rule "r1" tiers: more than 100 tiers; the limit is 100)"));
}

TEST_CASE("Contract limit: patterns per rule") {
    static_assert(limits::contract_patterns_max == 10'000);
    CHECK(contract_errors(with_patterns(10'000)) == "");
    CHECK(contract_errors(with_patterns(10'001)) ==
          at(15, 27 + 5 * 10'000,
             R"(version "v1" rule "r1" match.ProviderName: more than 10000 patterns in one rule; the limit is 10000)"));
}
