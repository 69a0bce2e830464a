// End-to-end tests of compute_settlement: lines, segments, conversion, rounding, currencies.
// Rules, bounds, caps and netting are in settlement_rules_test.cpp.
#include "engine/settle/settlement.hpp"

#include "engine/core/error.hpp"
#include "settle_test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare;
using revshare::testing::contract;
using revshare::testing::dec;
using revshare::testing::flat_rule;
using revshare::testing::MemoryLines;
using revshare::testing::MemoryTexts;
using revshare::testing::version;

namespace {

constexpr auto provider = TextColumn::ProviderName;
constexpr auto billing_currency = TextColumn::BillingCurrency;

// One statement row as `version rule [start,end) basis share lines`.
std::string describe(const settle::StatementRow& row, const Currency& in) {
    return row.version_id + " " + row.rule_id + " [" + format_day(row.segment_start) + "," +
           format_day(row.segment_end) + ") " + row.basis.to_string_min_places(in.minor_units()) + " " +
           testing::minor(row.share, in) + " " + std::to_string(row.lines);
}

std::vector<std::string> describe(const settle::Settlement& settlement) {
    std::vector<std::string> rows;
    for (const auto& row : settlement.rows) rows.push_back(describe(row, settlement.currency));
    return rows;
}

}  // namespace

TEST_CASE("Settle: rows per segment and rule in file order; midnight of an effective date is the new version") {
    const auto c = contract("USD", {
        version("2019-original", "2019-07-22", {flat_rule("msft-share", "openai", "microsoft", "Microsoft", "0.20"),
                                                flat_rule("openai-share", "microsoft", "openai", "Microsoft", "0.10")}),
        version("2026-amendment", "2026-04-28", {flat_rule("aws-fee", "openai", "aws", "AWS", "0.15"),
                                                 flat_rule("msft-share", "openai", "microsoft", "Microsoft", "0.25")}),
    });
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-28T00:00:00Z", "100", {{provider, "Microsoft"}});  // new version
    lines.add("2026-04-27T23:59:59Z", "10", {{provider, "Microsoft"}});   // old version
    lines.add("2026-04-01T00:00:00Z", "1.005", {{provider, "Microsoft"}});
    lines.add("2026-04-30T23:59:59Z", "40", {{provider, "AWS"}});
    lines.add("2026-04-15T12:00:00Z", "999", {{provider, "AWS"}});  // AWS has no rule before the 28th
    lines.add("2026-04-29T00:00:00Z", "7", {{provider, "Google"}});  // matches nothing
    testing::RecordingSink sink;
    const auto settlement = testing::settle_ok(c, "2026-04", texts, lines, {.sink = &sink});
    CHECK(settlement.contract_id == "test-contract");
    CHECK(settlement.period == testing::period("2026-04"));
    CHECK(settlement.currency.code() == "USD");
    CHECK(describe(settlement) == std::vector<std::string>{
        "2019-original msft-share [2026-04-01,2026-04-28) 11.005 2.20 2",    // 2.201
        "2019-original openai-share [2026-04-01,2026-04-28) 11.005 1.10 2",  // 1.1005
        "2026-amendment aws-fee [2026-04-28,2026-05-01) 40.00 6.00 1",
        "2026-amendment msft-share [2026-04-28,2026-05-01) 100.00 25.00 1",
    });
    for (const auto& row : settlement.rows) {
        CHECK(row.kind == settle::RowKind::current);
        CHECK(row.for_period == testing::period("2026-04"));
    }
    CHECK(settlement.rows[0].payer == "openai");
    CHECK(settlement.rows[0].payee == "microsoft");
    // Each (line, row) match, with the row's index in settlement.rows.
    std::vector<std::string> matches;
    for (const auto& match : sink.matches) {
        matches.push_back(std::to_string(match.line_id) + "->" + std::to_string(match.row_index));
    }
    CHECK(matches == std::vector<std::string>{"1->3", "2->0", "2->1", "3->0", "3->1", "4->2"});
    CHECK(settlement.journal.size() == 8);
    CHECK(settle::journal_total(settlement.journal).is_zero());
}

TEST_CASE("Settle: shares round once, half-to-even, symmetric for negatives") {
    const auto c = contract("USD", {version("v1", "2026-01-01", {
        flat_rule("p1", "a", "b", "P1", "0.5"), flat_rule("p2", "a", "b", "P2", "0.5"),
        flat_rule("p3", "a", "b", "P3", "0.5"), flat_rule("p4", "a", "b", "P4", "0.5"),
        flat_rule("p5", "a", "b", "P5", "0.5"),
    })});
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-02T00:00:00Z", "0.25", {{provider, "P1"}});   // 0.125 -> 0.12
    lines.add("2026-04-02T00:00:00Z", "0.27", {{provider, "P2"}});   // 0.135 -> 0.14
    lines.add("2026-04-02T00:00:00Z", "-0.25", {{provider, "P3"}});  // -0.125 -> -0.12
    lines.add("2026-04-02T00:00:00Z", "-0.27", {{provider, "P4"}});  // -0.135 -> -0.14
    // Rounded once: 0.1249 + 0.0002 lines sum to 0.1251 -> 0.06255 -> 0.06, not per line.
    lines.add("2026-04-02T00:00:00Z", "0.1249", {{provider, "P5"}});
    lines.add("2026-04-02T00:00:00Z", "0.0002", {{provider, "P5"}});
    const auto settlement = testing::settle_ok(c, "2026-04", texts, lines);
    CHECK(describe(settlement) == std::vector<std::string>{
        "v1 p1 [2026-04-01,2026-05-01) 0.25 0.12 1",
        "v1 p2 [2026-04-01,2026-05-01) 0.27 0.14 1",
        "v1 p3 [2026-04-01,2026-05-01) -0.25 -0.12 1",
        "v1 p4 [2026-04-01,2026-05-01) -0.27 -0.14 1",
        "v1 p5 [2026-04-01,2026-05-01) 0.1251 0.06 2",
    });
    CHECK(settlement.rows[0].share.to_string() == "0.12");
    CHECK(settlement.rows[3].share.to_string() == "-0.14");
}

TEST_CASE("Settle: JPY has no minor units, BHD has three") {
    SUBCASE("JPY") {
        const auto c = contract("JPY", {version("v1", "2026-01-01", {
            flat_rule("r1", "a", "b", "P1", "0.2"), flat_rule("r2", "a", "b", "P2", "0.2"),
            flat_rule("r3", "a", "b", "P3", "0.2"),
        })});
        MemoryTexts texts;
        MemoryLines lines(texts);
        lines.add("2026-04-02T00:00:00Z", "1234.5", {{provider, "P1"}, {billing_currency, "JPY"}});  // 246.9
        lines.add("2026-04-02T00:00:00Z", "12.5", {{provider, "P2"}, {billing_currency, "JPY"}});    // 2.5 -> 2
        lines.add("2026-04-02T00:00:00Z", "17.5", {{provider, "P3"}, {billing_currency, "JPY"}});    // 3.5 -> 4
        const auto settlement = testing::settle_ok(c, "2026-04", texts, lines);
        CHECK(describe(settlement) == std::vector<std::string>{
            "v1 r1 [2026-04-01,2026-05-01) 1234.5 247 1",
            "v1 r2 [2026-04-01,2026-05-01) 12.5 2 1",
            "v1 r3 [2026-04-01,2026-05-01) 17.5 4 1",
        });
        CHECK(settlement.rows[0].share.to_string() == "247");
    }
    SUBCASE("BHD") {
        const auto c = contract("BHD", {version("v1", "2026-01-01", {
            flat_rule("r1", "a", "b", "P1", "0.5"), flat_rule("r2", "a", "b", "P2", "0.5"),
            flat_rule("r3", "a", "b", "P3", "0.5"),
        })});
        MemoryTexts texts;
        MemoryLines lines(texts);
        lines.add("2026-04-02T00:00:00Z", "0.001", {{provider, "P1"}, {billing_currency, "BHD"}});   // 0.0005 -> 0.000
        lines.add("2026-04-02T00:00:00Z", "0.003", {{provider, "P2"}, {billing_currency, "BHD"}});   // 0.0015 -> 0.002
        lines.add("2026-04-02T00:00:00Z", "-12.3457", {{provider, "P3"}, {billing_currency, "BHD"}});  // -6.17285
        const auto settlement = testing::settle_ok(c, "2026-04", texts, lines);
        CHECK(describe(settlement) == std::vector<std::string>{
            "v1 r1 [2026-04-01,2026-05-01) 0.001 0.000 1",
            "v1 r2 [2026-04-01,2026-05-01) 0.003 0.002 1",
            "v1 r3 [2026-04-01,2026-05-01) -12.3457 -6.173 1",
        });
    }
}

TEST_CASE("Settle: a period with no version in force settles to no rows") {
    const auto c = contract("USD", {version("v1", "2026-05-01", {flat_rule("r", "a", "b", "P", "0.5")})},
                            {rules::CapGroup{"g", dec("100")}});
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-10T00:00:00Z", "100", {{provider, "P"}, {billing_currency, "EUR"}});  // needs no rate
    const auto settlement = testing::settle_ok(c, "2026-04", texts, lines, {.cap_totals_before = {{"g", dec("40")}}});
    CHECK(settlement.rows.empty());
    CHECK(settlement.net.empty());
    CHECK(settlement.journal.empty());
    CHECK(settlement.cap_totals_after.at("g").to_string() == "40");
}

TEST_CASE("Settle: lines before the first version are outside the contract") {
    const auto c = contract("USD", {version("v1", "2026-04-10", {flat_rule("r", "a", "b", "P", "0.5")})});
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-09T23:59:59Z", "1000", {{provider, "P"}});
    lines.add("2026-04-10T00:00:00Z", "10", {{provider, "P"}});
    const auto settlement = testing::settle_ok(c, "2026-04", texts, lines);
    CHECK(describe(settlement) == std::vector<std::string>{"v1 r [2026-04-10,2026-05-01) 10.00 5.00 1"});
}

TEST_CASE("Settle: Tax lines only count for tables keyed on ChargeCategory") {
    rules::Rule with_tax = flat_rule("with-tax", "a", "b", "P", "0.5");
    with_tax.match = {rules::MatchTable{{{provider, {"P"}}, {TextColumn::ChargeCategory, {"Usage", "Tax"}}}}};
    const auto c = contract("USD", {version("v1", "2026-01-01", {flat_rule("no-key", "a", "b", "P", "0.5"), with_tax})});
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-02T00:00:00Z", "100", {{provider, "P"}});
    lines.add("2026-04-02T00:00:00Z", "8", {{provider, "P"}, {TextColumn::ChargeCategory, "Tax"}});
    lines.add("2026-04-02T00:00:00Z", "-20", {{provider, "P"}, {TextColumn::ChargeCategory, "Credit"}});
    const auto settlement = testing::settle_ok(c, "2026-04", texts, lines);
    CHECK(describe(settlement) == std::vector<std::string>{
        "v1 no-key [2026-04-01,2026-05-01) 80.00 40.00 2",
        "v1 with-tax [2026-04-01,2026-05-01) 108.00 54.00 2",
    });
}

TEST_CASE("Settle: a `?` pattern matches one multi-byte code point in a settlement") {
    rules::Rule rule = flat_rule("r", "a", "b", "Société ?", "0.5");
    const auto c = contract("USD", {version("v1", "2026-01-01", {rule})});
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-02T00:00:00Z", "10", {{provider, "Société é"}});   // é: 2 bytes, 1 code point
    lines.add("2026-04-02T00:00:00Z", "20", {{provider, "Société €"}});   // €: 3 bytes
    lines.add("2026-04-02T00:00:00Z", "40", {{provider, "Société ab"}});  // 2 code points
    const auto settlement = testing::settle_ok(c, "2026-04", texts, lines);
    CHECK(describe(settlement) == std::vector<std::string>{"v1 r [2026-04-01,2026-05-01) 30.00 15.00 2"});
}

TEST_CASE("Settle: a matched line with an empty cost counts in lines and adds zero") {
    const auto c = contract("USD", {version("v1", "2026-01-01", {flat_rule("r", "a", "b", "P", "0.5")})});
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-02T00:00:00Z", "100", {{provider, "P"}});
    lines.add("2026-04-03T00:00:00Z", std::nullopt, {{provider, "P"}});
    lines.add("2026-04-04T00:00:00Z", "0", {{provider, "P"}});
    lines.add("2026-04-05T00:00:00Z", std::nullopt, {{provider, "P"}, {billing_currency, "EUR"}});  // needs no rate
    testing::RecordingSink sink;
    const auto settlement = testing::settle_ok(c, "2026-04", texts, lines, {.sink = &sink});
    CHECK(describe(settlement) == std::vector<std::string>{"v1 r [2026-04-01,2026-05-01) 100.00 50.00 4"});
    REQUIRE(sink.matches.size() == 4);
    CHECK(sink.matches[1].line_id == 2);
    CHECK(sink.matches[1].converted_cost == "0");
    CHECK(sink.matches[1].fx_rate.empty());
}

TEST_CASE("Settle: foreign-currency lines are converted exactly with a rate at most 7 days old") {
    const auto c = contract("USD", {version("v1", "2026-01-01", {flat_rule("r", "a", "b", "P", "0.2"),
                                                                 flat_rule("s", "b", "a", "P", "0.1")})});
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-08T18:00:00Z", "10.10", {{provider, "P"}, {billing_currency, "EUR"}});  // 7 days old rate
    lines.add("2026-04-01T00:00:00Z", "3", {{provider, "P"}});
    testing::SettleOptions options;
    options.fx.add(settle::FxRate{testing::day("2026-04-01"), "EUR", "USD", dec("1.0825")});
    options.fx.add(settle::FxRate{testing::day("2026-04-09"), "EUR", "USD", dec("2")});  // after the line: unused
    options.fx.add(settle::FxRate{testing::day("2026-04-08"), "USD", "EUR", dec("0.9")});  // inverse: unused
    testing::RecordingSink sink;
    options.sink = &sink;
    const auto settlement = testing::settle_ok(c, "2026-04", texts, lines, options);
    // 10.10 × 1.0825 = 10.933250 exactly; + 3 = 13.93325; × 0.2 = 2.78665 -> 2.79; × 0.1 -> 1.39
    CHECK(describe(settlement) == std::vector<std::string>{
        "v1 r [2026-04-01,2026-05-01) 13.93325 2.79 2",
        "v1 s [2026-04-01,2026-05-01) 13.93325 1.39 2",
    });
    REQUIRE(sink.matches.size() == 4);
    CHECK(sink.matches[0].line_id == 1);
    CHECK(sink.matches[0].row_index == 0);
    CHECK(sink.matches[0].converted_cost == "10.93325");
    CHECK(sink.matches[0].fx_rate == "1.0825");
    CHECK(sink.matches[1].row_index == 1);
    CHECK(sink.matches[2].converted_cost == "3");
    CHECK(sink.matches[2].fx_rate.empty());
}

TEST_CASE("Settle: a rate 8 days old is missing, and missing rates stop the settlement, listed sorted") {
    const auto c = contract("USD", {version("v1", "2026-01-01", {flat_rule("r", "a", "b", "P", "0.2")})});
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-09T00:00:00Z", "10", {{provider, "P"}, {billing_currency, "EUR"}});  // rate 8 days old
    lines.add("2026-04-12T00:00:00Z", "1", {{provider, "P"}, {billing_currency, "GBP"}});
    lines.add("2026-04-10T00:00:00Z", "1", {{provider, "P"}, {billing_currency, "GBP"}});
    lines.add("2026-04-10T05:00:00Z", "2", {{provider, "P"}, {billing_currency, "GBP"}});  // same (currency, date)
    lines.add("2026-04-03T00:00:00Z", "0", {{provider, "P"}, {billing_currency, "CHF"}});  // zero cost still needs one
    lines.add("2026-04-03T00:00:00Z", "5", {{provider, "Other"}, {billing_currency, "SEK"}});  // unmatched: no rate needed
    lines.add("2026-04-03T00:00:00Z", std::nullopt, {{provider, "P"}, {billing_currency, "NOK"}});  // empty: none needed
    lines.add("2026-04-05T00:00:00Z", "5", {{provider, "P"}, {billing_currency, "EUR"}});  // has a rate
    testing::SettleOptions options;
    options.fx.add(settle::FxRate{testing::day("2026-04-01"), "EUR", "USD", dec("1.08")});
    const auto outcome = testing::settle_outcome(c, "2026-04", texts, lines, options);
    CHECK_FALSE(outcome.settlement.has_value());
    std::vector<std::string> missing;
    for (const auto& rate : outcome.missing_rates) missing.push_back(rate.currency + " " + format_day(rate.date));
    CHECK(missing == std::vector<std::string>{"CHF 2026-04-03", "EUR 2026-04-09", "GBP 2026-04-10", "GBP 2026-04-12"});
}

TEST_CASE("Settle: an exact value outgrowing Decimal throws ArithmeticError") {
    const auto c = contract("USD", {version("v1", "2026-01-01", {flat_rule("r", "a", "b", "P", "0.2")})});
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-02T00:00:00Z", "9999999999999999999999999999999999999999", {{provider, "P"}, {billing_currency, "EUR"}});
    testing::SettleOptions options;
    options.fx.add(settle::FxRate{testing::day("2026-04-01"), "EUR", "USD",
                                  Decimal::from_parts(Decimal::Mantissa(1) << 200, 0)});
    CHECK_THROWS_AS((void)testing::settle_outcome(c, "2026-04", texts, lines, options), ArithmeticError);
}
