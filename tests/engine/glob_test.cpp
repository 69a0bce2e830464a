#include "engine/rules/glob.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using revshare::rules::glob_match;

TEST_CASE("Glob: literal text matches exactly and case-sensitively") {
    CHECK(glob_match("Microsoft", "Microsoft"));
    CHECK_FALSE(glob_match("Microsoft", "microsoft"));
    CHECK_FALSE(glob_match("Microsoft", "Microsoft "));
    CHECK_FALSE(glob_match("Microsoft", "Microsof"));
    // No escape character and no character classes: every other character is literal.
    CHECK(glob_match("[a-z]\\.+", "[a-z]\\.+"));
    CHECK_FALSE(glob_match("[a-z]", "a"));
}

TEST_CASE("Glob: star matches any run, the empty run included") {
    CHECK(glob_match("Azure OpenAI*", "Azure OpenAI"));
    CHECK(glob_match("Azure OpenAI*", "Azure OpenAI Service"));
    CHECK(glob_match("* (Amazon Bedrock Edition)", "Claude 3 (Amazon Bedrock Edition)"));
    CHECK(glob_match("* (Amazon Bedrock Edition)", " (Amazon Bedrock Edition)"));
    CHECK_FALSE(glob_match("* (Amazon Bedrock Edition)", "Claude 3 (Amazon Bedrock Edition) v2"));
    CHECK(glob_match("OpenAI*", "OpenAI, L.L.C."));
    CHECK(glob_match("a*b*c", "abc"));
    CHECK(glob_match("a*b*c", "axxbyyc"));
    CHECK(glob_match("a*b*c", "abcbc"));
    CHECK_FALSE(glob_match("a*b*c", "abcb"));
    CHECK(glob_match("**", "anything"));
}

TEST_CASE("Glob: empty pattern and empty text") {
    CHECK(glob_match("", ""));
    CHECK_FALSE(glob_match("", "x"));
    CHECK(glob_match("*", ""));  // an empty field matches `*`
    CHECK(glob_match("*", "x"));
    CHECK_FALSE(glob_match("?", ""));
    CHECK_FALSE(glob_match("x", ""));
}

TEST_CASE("Glob: question mark is exactly one code point, not one byte") {
    CHECK(glob_match("?", "a"));
    CHECK_FALSE(glob_match("??", "a"));
    CHECK(glob_match("caf?", "café"));       // é is two bytes in UTF-8
    CHECK_FALSE(glob_match("caf??", "café"));
    CHECK(glob_match("?", "€"));             // three bytes
    CHECK(glob_match("?", "😀"));            // four bytes
    CHECK_FALSE(glob_match("??", "😀"));
    CHECK(glob_match("?x?", "éxé"));
    CHECK(glob_match("*?", "é"));
    CHECK_FALSE(glob_match("*??", "é"));
    CHECK(glob_match("*?b", "aéb"));
    CHECK(glob_match("*é", "aéé"));
    CHECK(glob_match("a?c", "abc"));
    CHECK_FALSE(glob_match("a?c", "ac"));
}

TEST_CASE("Glob: patterns that make naive backtracking exponential still give the right answer") {
    const std::string text(20000, 'a');
    std::string pattern;
    for (int i = 0; i < 50; ++i) pattern += "a*";
    CHECK_FALSE(glob_match(pattern + "b", text));
    CHECK(glob_match(pattern, text));
    CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", text));
}

namespace {

// Splits UTF-8 text into code points (the test alphabet is valid UTF-8).
std::vector<std::string> code_points(const std::string& text) {
    std::vector<std::string> points;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        points.push_back(text.substr(i, length));
        i += length;
    }
    return points;
}

// The definition, read literally: recursive over code points, exponential but obviously right.
bool reference_match(const std::vector<std::string>& pattern, std::size_t p, const std::vector<std::string>& text,
                     std::size_t t) {
    if (p == pattern.size()) return t == text.size();
    if (pattern[p] == "*") {
        for (std::size_t skip = t; skip <= text.size(); ++skip) {
            if (reference_match(pattern, p + 1, text, skip)) return true;
        }
        return false;
    }
    if (t == text.size()) return false;
    if (pattern[p] != "?" && pattern[p] != text[t]) return false;
    return reference_match(pattern, p + 1, text, t + 1);
}

}  // namespace

TEST_CASE("Glob: agrees with a recursive reference matcher on random inputs (seeded)") {
    const std::uint32_t seed = revshare::testing::test_seed(20260428U);
    std::mt19937 random(seed);
    const std::vector<std::string> text_alphabet{"a", "b", "é", "€", "😀"};
    const std::vector<std::string> pattern_alphabet{"a", "b", "é", "€", "😀", "*", "?"};
    auto pick = [&](const std::vector<std::string>& alphabet) {
        return alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(random)];
    };
    for (int round = 0; round < 20000; ++round) {
        std::string pattern;
        std::string text;
        const auto pattern_length = std::uniform_int_distribution<int>(0, 6)(random);
        const auto text_length = std::uniform_int_distribution<int>(0, 7)(random);
        for (int i = 0; i < pattern_length; ++i) pattern += pick(pattern_alphabet);
        for (int i = 0; i < text_length; ++i) text += pick(text_alphabet);
        CAPTURE(pattern);
        CAPTURE(text);
        REQUIRE(glob_match(pattern, text) == reference_match(code_points(pattern), 0, code_points(text), 0));
    }
}
