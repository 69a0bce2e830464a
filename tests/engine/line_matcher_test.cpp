#include "engine/rules/line_matcher.hpp"

#include "settle_test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare;
using revshare::testing::match_on;
using revshare::testing::MemoryTexts;

namespace {

rules::Rule rule_with(std::vector<rules::MatchTable> tables) {
    rules::Rule rule;
    rule.id = "r";
    rule.payer = "a";
    rule.payee = "b";
    rule.match = std::move(tables);
    rule.rate = testing::rate("0.1");
    return rule;
}

// A line with the given columns (every other column absent, i.e. empty).
rules::TextIds line(MemoryTexts& texts, std::initializer_list<std::pair<TextColumn, std::string>> columns) {
    rules::TextIds ids{};
    for (const auto& [column, value] : columns) ids[static_cast<std::size_t>(column)] = texts.intern(value);
    return ids;
}

}  // namespace

TEST_CASE("Settle matcher: a table needs every key, a rule any table") {
    MemoryTexts texts;
    const rules::MatchTable azure{{{TextColumn::ProviderName, {"Microsoft"}},
                                   {TextColumn::x_SkuMeterSubcategory, {"Azure OpenAI*"}}}};
    const rules::MatchTable bedrock{{{TextColumn::ProviderName, {"AWS"}},
                                     {TextColumn::ServiceName, {"* (Amazon Bedrock Edition)"}},
                                     {TextColumn::PublisherName, {"OpenAI*", "Anthropic*"}}}};
    rules::LineMatcher matcher({rule_with({azure}), rule_with({azure, bedrock})});

    const auto azure_line = line(texts, {{TextColumn::ProviderName, "Microsoft"},
                                         {TextColumn::x_SkuMeterSubcategory, "Azure OpenAI Service"}});
    const auto bedrock_line = line(texts, {{TextColumn::ProviderName, "AWS"},
                                           {TextColumn::ServiceName, "GPT (Amazon Bedrock Edition)"},
                                           {TextColumn::PublisherName, "OpenAI, L.L.C."}});
    const auto other_publisher = line(texts, {{TextColumn::ProviderName, "AWS"},
                                              {TextColumn::ServiceName, "GPT (Amazon Bedrock Edition)"},
                                              {TextColumn::PublisherName, "Meta"}});
    const auto half_match = line(texts, {{TextColumn::ProviderName, "Microsoft"},
                                         {TextColumn::x_SkuMeterSubcategory, "Storage"}});

    CHECK(matcher.matching_rules(azure_line, texts) == std::vector<std::size_t>{0, 1});
    CHECK(matcher.matching_rules(bedrock_line, texts) == std::vector<std::size_t>{1});
    CHECK(matcher.matching_rules(other_publisher, texts).empty());
    CHECK(matcher.matching_rules(half_match, texts).empty());
    // Cached answers are the same answers.
    CHECK(matcher.matching_rules(azure_line, texts) == std::vector<std::size_t>{0, 1});
    CHECK(matcher.matching_rules(bedrock_line, texts) == std::vector<std::size_t>{1});
    CHECK(matcher.rule_matches(0, azure_line, texts));
    CHECK_FALSE(matcher.rule_matches(0, bedrock_line, texts));
}

TEST_CASE("Settle matcher: Tax lines match only tables with a ChargeCategory key") {
    MemoryTexts texts;
    rules::LineMatcher matcher({
        rule_with({match_on(TextColumn::ProviderName, {"Microsoft"})}),
        rule_with({rules::MatchTable{{{TextColumn::ProviderName, {"Microsoft"}},
                                      {TextColumn::ChargeCategory, {"*"}}}}}),
        rule_with({match_on(TextColumn::ChargeCategory, {"Tax"})}),
    });
    const auto usage = line(texts, {{TextColumn::ProviderName, "Microsoft"}, {TextColumn::ChargeCategory, "Usage"}});
    const auto tax = line(texts, {{TextColumn::ProviderName, "Microsoft"}, {TextColumn::ChargeCategory, "Tax"}});
    const auto tax_lowercase =
        line(texts, {{TextColumn::ProviderName, "Microsoft"}, {TextColumn::ChargeCategory, "tax"}});
    CHECK(matcher.matching_rules(usage, texts) == std::vector<std::size_t>{0, 1});
    CHECK(matcher.matching_rules(tax, texts) == std::vector<std::size_t>{1, 2});
    // Only the FOCUS value `Tax` is excluded; matching is case-sensitive.
    CHECK(matcher.matching_rules(tax_lowercase, texts) == std::vector<std::size_t>{0, 1});
}

TEST_CASE("Settle matcher: an absent column counts as empty") {
    MemoryTexts texts;
    rules::LineMatcher matcher({
        rule_with({rules::MatchTable{{{TextColumn::ProviderName, {"AWS"}}, {TextColumn::x_UsageType, {"*"}}}}}),
        rule_with({rules::MatchTable{{{TextColumn::ProviderName, {"AWS"}}, {TextColumn::x_UsageType, {""}}}}}),
        rule_with({rules::MatchTable{{{TextColumn::ProviderName, {"AWS"}}, {TextColumn::x_UsageType, {"?*"}}}}}),
    });
    const auto absent = line(texts, {{TextColumn::ProviderName, "AWS"}});
    const auto present = line(texts, {{TextColumn::ProviderName, "AWS"}, {TextColumn::x_UsageType, "USE1-Tokens"}});
    CHECK(matcher.matching_rules(absent, texts) == std::vector<std::size_t>{0, 1});
    CHECK(matcher.matching_rules(present, texts) == std::vector<std::size_t>{0, 2});
}

TEST_CASE("Settle matcher: each distinct value is glob-matched once per key") {
    // A dictionary that counts lookups: every lookup is one glob evaluation (or Tax check).
    class CountingTexts : public rules::TextDictionary {
    public:
        explicit CountingTexts(const MemoryTexts& inner) : inner_(inner) {}
        const std::string& text(std::int64_t id) const override {
            ++lookups;
            return inner_.text(id);
        }
        mutable int lookups = 0;

    private:
        const MemoryTexts& inner_;
    };
    MemoryTexts texts;
    // Two rules share the same key: it is compiled (and cached) once.
    rules::LineMatcher matcher({rule_with({match_on(TextColumn::SkuId, {"gpt-*"})}),
                                rule_with({match_on(TextColumn::SkuId, {"gpt-*"})})});
    std::vector<rules::TextIds> lines;
    for (int i = 0; i < 1000; ++i) {
        lines.push_back(line(texts, {{TextColumn::SkuId, i % 2 == 0 ? "gpt-4o" : "dall-e"},
                                     {TextColumn::SubAccountId, "acct-" + std::to_string(i)}}));
    }
    CountingTexts counting(texts);
    std::size_t matched = 0;
    for (const auto& ids : lines) matched += matcher.matching_rules(ids, counting).size();
    CHECK(matched == 1000);  // 500 lines × 2 rules
    // 2 SkuId values + 1 ChargeCategory value (empty); SubAccountId is never read.
    CHECK(counting.lookups == 3);
}

TEST_CASE("Settle matcher: remembered by dimensions_id, the same rules as by the text ids (ids sharing a slot)") {
    MemoryTexts texts;
    rules::LineMatcher matcher({rule_with({match_on(TextColumn::ProviderName, {"AWS"})}),
                                rule_with({match_on(TextColumn::ServiceName, {"*Bedrock*"})})});
    const auto aws_bedrock = line(texts, {{TextColumn::ProviderName, "AWS"}, {TextColumn::ServiceName, "Amazon Bedrock"}});
    const auto aws_s3 = line(texts, {{TextColumn::ProviderName, "AWS"}, {TextColumn::ServiceName, "Amazon S3"}});
    const auto azure = line(texts, {{TextColumn::ProviderName, "Microsoft"}, {TextColumn::ServiceName, "Foundry"}});
    // 1 and 1 + 2^14 share a slot of the direct-mapped memo: each evicts the other.
    const std::int64_t slot_mate = 1 + (std::int64_t{1} << 14);
    for (int round = 0; round < 2; ++round) {
        CHECK(matcher.matching_rules(aws_bedrock, texts, 1) == std::vector<std::size_t>{0, 1});
        CHECK(matcher.matching_rules(azure, texts, slot_mate) == std::vector<std::size_t>{});
        CHECK(matcher.matching_rules(aws_s3, texts, 7) == std::vector<std::size_t>{0});
        CHECK(matcher.matching_rules(aws_bedrock, texts, 1) == std::vector<std::size_t>{0, 1});
        // Without a dimensions_id (0), by the text ids alone.
        CHECK(matcher.matching_rules(azure, texts, 0) == std::vector<std::size_t>{});
        CHECK(matcher.matching_rules(aws_s3, texts) == std::vector<std::size_t>{0});
        CHECK(matcher.matching_rules(aws_s3, texts, 7) == std::vector<std::size_t>{0});
    }
}
