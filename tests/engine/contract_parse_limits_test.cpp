// parse_contract and the contract limits of engine/core/limits.hpp: input at a limit parses,
// input over it is one diagnostic at the first element past the limit.
#include "engine/core/limits.hpp"
#include "engine/rules/contract_nesting.hpp"
#include "engine/rules/contract_parse.hpp"
#include "tests/engine/contract_parse_test_support.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

using revshare::testing::at;
using revshare::testing::contract_errors;
using revshare::testing::contract_head;
using revshare::testing::rule_head;
using revshare::testing::valid_rule_body;
using revshare::testing::fixtures_dir;
using revshare::testing::read_file;
using revshare::testing::replace_line;
using revshare::testing::with_rule;
namespace rules = revshare::rules;
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

// Amounts, rates and dates held to the limits settlement needs (limits.hpp), naming the field.
TEST_CASE("Contract limit: an amount of 10^14 or more, a rate of more than 10 decimals, a date outside 1900..9998") {
    static_assert(limits::amount_integer_digits_max == 14);
    const std::string rule = valid_rule_body();
    CHECK(contract_errors(with_rule(rule + "minimum = \"99999999999999.99\"\n")) == "");
    CHECK(contract_errors(with_rule(rule + "minimum = \"100000000000000000.00\"\n")) ==
          at(16, 11, R"(version "v1" rule "r1" minimum: "100000000000000000.00" is beyond the limit for an amount: )"
                     R"(its magnitude must be below 10^14 (100000000000000))"));
    CHECK(contract_errors(with_rule(rule + "maximum = \"-100000000000000\"\n")) ==
          at(16, 11, R"(version "v1" rule "r1" maximum: "-100000000000000" is beyond the limit for an amount: )"
                     R"(its magnitude must be below 10^14 (100000000000000))"));
    CHECK(contract_errors(with_rule(std::string(rule_head) + "rate = \"0.0000000001\"\n")) == "");
    CHECK(contract_errors(with_rule(std::string(rule_head) + "rate = \"0.12345678901\"\n")) ==
          at(15, 8, R"(version "v1" rule "r1" rate: "0.12345678901" has more than 10 decimal places, the limit for a rate)"));
    CHECK(contract_errors(with_rule(std::string(rule_head) +
                                    "tiers = [{ up_to = \"100000000000000\", rate = \"0.1\" }, { rate = \"0.2\" }]\n")) ==
          at(15, 20, R"(version "v1" rule "r1" tiers[0].up_to: "100000000000000" is beyond the limit for an amount: )"
                     R"(its magnitude must be below 10^14 (100000000000000))"));
    const std::string head = contract_head();
    for (const std::string_view date : {"9999-12-01", "0000-01-01", "1899-12-31"}) {
        CAPTURE(date);
        CHECK(contract_errors(replace_line(with_rule(rule), 9, "effective_from = " + std::string(date))) ==
              at(9, 18, R"(version "v1" effective_from: outside the dates revshare handles (1900-01-01 to 9998-12-31); )"
                        R"(expected a date, e.g. effective_from = 2026-04-28)"));
        CHECK(contract_errors(replace_line(with_rule(rule), 9, "effective_from = \"" + std::string(date) + "\"")) ==
              at(9, 18, "version \"v1\" effective_from: \"" + std::string(date) +
                            "\" is outside the dates revshare handles (1900-01-01 to 9998-12-31); expected a date, "
                            "e.g. effective_from = 2026-04-28"));
    }
    CHECK(contract_errors(replace_line(with_rule(rule), 9, "effective_from = 9998-12-01")) == "");
}

// toml++ recurses once per nesting level: 50,000 dotted key parts overflowed the stack (SIGSEGV).
TEST_CASE("Contract limit: nesting depth, checked before the TOML library reads the text") {
    static_assert(limits::contract_nesting_depth_max == 32);
    std::string dotted;
    for (int i = 0; i < 50'000; ++i) dotted += "x.";
    // Under [[version]] (1 level), the 31st dot of line 10 makes 33.
    CHECK(contract_errors(contract_head() + dotted + "y = 1\n") ==
          at(10, 62, "tables, dotted key parts and brackets nested more than 32 levels deep here (the limit; a "
                     "contract needs about 6)"));
    CHECK(contract_errors("[" + dotted + "y]\n") ==
          at(1, 65, "tables, dotted key parts and brackets nested more than 32 levels deep here (the limit; a "
                    "contract needs about 6)"));
    CHECK(contract_errors("a = " + std::string(100'000, '[') + "\n") ==
          at(1, 36, "tables, dotted key parts and brackets nested more than 32 levels deep here (the limit; a "
                    "contract needs about 6)"));
    CHECK(contract_errors("a = " + std::string(100'000, '{') + "\n") ==
          at(1, 36, "tables, dotted key parts and brackets nested more than 32 levels deep here (the limit; a "
                    "contract needs about 6)"));
    // Dots inside strings, comments and values do not count: the seed contract is 6 deep.
    const std::string many_dots = "\"" + std::string(100, '.') + "\"";
    CHECK(rules::find_nesting_excess("name = " + many_dots + " # " + std::string(100, '.') + "\nrate = 0.15\n", 32) ==
          std::nullopt);
    CHECK(rules::find_nesting_excess(read_file(fixtures_dir() / "contracts/openai-microsoft.toml"), 6) == std::nullopt);
    CHECK(rules::find_nesting_excess(read_file(fixtures_dir() / "contracts/openai-microsoft.toml"), 5).has_value());
}
