// End-to-end tests of compute_settlement: tiers, minimum/maximum, lifetime caps, net_of and
// netting (contract.md steps 4–8).
#include "engine/settle/settlement.hpp"

#include "settle_test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare;
using revshare::testing::contract;
using revshare::testing::dec;
using revshare::testing::flat_rule;
using revshare::testing::MemoryLines;
using revshare::testing::MemoryTexts;
using revshare::testing::rate;
using revshare::testing::version;

namespace {

constexpr auto provider = TextColumn::ProviderName;

// `rule [start,end) basis share lines` per row.
std::vector<std::string> describe(const settle::Settlement& settlement) {
    std::vector<std::string> rows;
    for (const auto& row : settlement.rows) {
        rows.push_back(row.rule_id + " [" + format_day(row.segment_start) + "," + format_day(row.segment_end) + ") " +
                       row.basis.to_string_min_places(settlement.currency.minor_units()) + " " +
                       testing::minor(row.share, settlement.currency) + " " + std::to_string(row.lines));
    }
    return rows;
}

std::vector<std::string> describe_net(const settle::Settlement& settlement) {
    std::vector<std::string> net;
    for (const auto& row : settlement.net) {
        net.push_back(row.from_party + "->" + row.to_party + " " + testing::minor(row.amount, settlement.currency));
    }
    return net;
}

rules::Rule tiered_rule(std::string id, std::string provider_name) {
    rules::Rule rule = flat_rule(std::move(id), "a", "b", std::move(provider_name), "0");
    rule.rate.reset();
    rule.tiers = {rules::Tier{dec("100"), rate("0.20")}, rules::Tier{std::nullopt, rate("0.50")}};
    return rule;
}

rules::Rule with_minimum(rules::Rule rule, std::string_view minimum) {
    rule.minimum = dec(minimum);
    return rule;
}

}  // namespace

TEST_CASE("Settle: tiers per row: basis exactly on up_to, above it, negative") {
    const auto c = contract("USD", {version("v1", "2026-01-01", {tiered_rule("on", "P1"), tiered_rule("above", "P2"),
                                                                 tiered_rule("negative", "P3")})});
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-02T00:00:00Z", "60", {{provider, "P1"}});
    lines.add("2026-04-02T00:00:00Z", "40", {{provider, "P1"}});      // 100: exactly on up_to
    lines.add("2026-04-02T00:00:00Z", "100.03", {{provider, "P2"}});  // 20 + 0.015 = 20.015 -> 20.02
    lines.add("2026-04-02T00:00:00Z", "-250", {{provider, "P3"}});    // × 0.20 as a whole
    const auto settlement = testing::settle_ok(c, "2026-04", texts, lines);
    CHECK(describe(settlement) == std::vector<std::string>{
        "on [2026-04-01,2026-05-01) 100.00 20.00 2",
        "above [2026-04-01,2026-05-01) 100.03 20.02 1",
        "negative [2026-04-01,2026-05-01) -250.00 -50.00 1",
    });
}

TEST_CASE("Settle: tiers do not accumulate across segments") {
    const auto c = contract("USD", {version("v1", "2026-01-01", {tiered_rule("t", "P")}),
                                    version("v2", "2026-04-16", {tiered_rule("t", "P")})});
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-10T00:00:00Z", "80", {{provider, "P"}});
    lines.add("2026-04-20T00:00:00Z", "80", {{provider, "P"}});
    const auto settlement = testing::settle_ok(c, "2026-04", texts, lines);
    // Each row's 80 is in the first tier; 160 together would have reached the second.
    CHECK(describe(settlement) == std::vector<std::string>{
        "t [2026-04-01,2026-04-16) 80.00 16.00 1",
        "t [2026-04-16,2026-05-01) 80.00 16.00 1",
    });
}

TEST_CASE("Settle: minimum owed with no lines, prorated on 28, 29, 30 and 31-day months") {
    struct Case {
        const char* month;
        const char* split;
        const char* old_row;
        const char* new_row;
    };
    const Case cases[] = {
        {"2026-02", "2026-02-15", "m [2026-02-01,2026-02-15) 0.00 500.00 0", "m [2026-02-15,2026-03-01) 0.00 500.00 0"},
        {"2024-02", "2024-02-15", "m [2024-02-01,2024-02-15) 0.00 482.76 0", "m [2024-02-15,2024-03-01) 0.00 517.24 0"},
        {"2026-04", "2026-04-28", "m [2026-04-01,2026-04-28) 0.00 900.00 0", "m [2026-04-28,2026-05-01) 0.00 100.00 0"},
        {"2026-01", "2026-01-11", "m [2026-01-01,2026-01-11) 0.00 322.58 0", "m [2026-01-11,2026-02-01) 0.00 677.42 0"},
    };
    for (const Case& test : cases) {
        CAPTURE(test.month);
        const auto rule = with_minimum(flat_rule("m", "a", "b", "P", "0.1"), "1000");
        const auto c = contract("USD", {version("old", "2020-01-01", {rule}), version("new", test.split, {rule})});
        MemoryTexts texts;
        MemoryLines lines(texts);
        const auto settlement = testing::settle_ok(c, test.month, texts, lines);
        CHECK(describe(settlement) == std::vector<std::string>{test.old_row, test.new_row});
    }
}

TEST_CASE("Settle: minimum raises, maximum lowers, both prorated") {
    rules::Rule bounded = with_minimum(flat_rule("bounded", "a", "b", "P", "0.5"), "300");
    bounded.maximum = dec("600");
    const auto c = contract("USD", {version("v1", "2026-01-01", {bounded}), version("v2", "2026-04-28", {bounded})});
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-02T00:00:00Z", "2000", {{provider, "P"}});  // 1000 -> lowered to 600 × 27/30 = 540
    lines.add("2026-04-29T00:00:00Z", "20", {{provider, "P"}});    // 10 -> raised to 300 × 3/30 = 30
    const auto settlement = testing::settle_ok(c, "2026-04", texts, lines);
    CHECK(describe(settlement) == std::vector<std::string>{
        "bounded [2026-04-01,2026-04-28) 2000.00 540.00 1",
        "bounded [2026-04-28,2026-05-01) 20.00 30.00 1",
    });
}

TEST_CASE("Settle: a lifetime cap reached mid-period; rows take headroom in statement order") {
    rules::Rule first = flat_rule("first", "a", "b", "P1", "0.5");
    rules::Rule second = flat_rule("second", "a", "b", "P2", "0.5");
    first.cap_group = "g";
    second.cap_group = "g";
    const auto c = contract("USD", {version("v1", "2026-01-01", {first, second}),
                                    version("v2", "2026-04-16", {first, second})},
                            {rules::CapGroup{"g", dec("1000")}, rules::CapGroup{"idle", dec("5")}});
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-05T00:00:00Z", "120", {{provider, "P1"}});  // 60: total 960
    lines.add("2026-04-05T00:00:00Z", "60", {{provider, "P2"}});   // 30: total 990
    lines.add("2026-04-20T00:00:00Z", "120", {{provider, "P1"}});  // 60, cut to 10: total 1000
    lines.add("2026-04-20T00:00:00Z", "-40", {{provider, "P2"}});  // clawback -20 paid in full: 980
    const auto settlement =
        testing::settle_ok(c, "2026-04", texts, lines, {.cap_totals_before = {{"g", dec("900")}}});
    CHECK(describe(settlement) == std::vector<std::string>{
        "first [2026-04-01,2026-04-16) 120.00 60.00 1",
        "second [2026-04-01,2026-04-16) 60.00 30.00 1",
        "first [2026-04-16,2026-05-01) 120.00 10.00 1",
        "second [2026-04-16,2026-05-01) -40.00 -20.00 1",
    });
    CHECK(settlement.cap_totals_after.size() == 2);
    CHECK(settlement.cap_totals_after.at("g").to_string() == "980");
    CHECK(settlement.cap_totals_after.at("idle").to_string() == "0");
}

TEST_CASE("Settle: the cap can cut a share below its minimum") {
    rules::Rule rule = with_minimum(flat_rule("r", "a", "b", "P", "0.5"), "50");
    rule.cap_group = "g";
    const auto c = contract("USD", {version("v1", "2026-01-01", {rule})}, {rules::CapGroup{"g", dec("100")}});
    MemoryTexts texts;
    MemoryLines lines(texts);
    const auto settlement =
        testing::settle_ok(c, "2026-04", texts, lines, {.cap_totals_before = {{"g", dec("80")}}});
    CHECK(describe(settlement) == std::vector<std::string>{"r [2026-04-01,2026-05-01) 0.00 20.00 0"});
    CHECK(settlement.cap_totals_after.at("g").to_string() == "100");
}

TEST_CASE("Settle: net_of subtracts the final share of an earlier rule, a negative fee included") {
    rules::Rule fee = flat_rule("aws-fee", "openai", "aws", "AWS", "0.15");
    rules::Rule share = flat_rule("msft-share", "openai", "microsoft", "AWS", "0.20");
    share.net_of = {"aws-fee"};
    const auto c = contract("USD", {version("v1", "2026-01-01", {fee, share})});
    SUBCASE("a refund makes the fee negative, which raises the basis above the cost") {
        MemoryTexts texts;
        MemoryLines lines(texts);
        lines.add("2026-04-02T00:00:00Z", "-100", {{provider, "AWS"}});
        const auto settlement = testing::settle_ok(c, "2026-04", texts, lines);
        // fee: -15.00; basis: -100 - (-15.00) = -85; share: -17.00
        CHECK(describe(settlement) == std::vector<std::string>{
            "aws-fee [2026-04-01,2026-05-01) -100.00 -15.00 1",
            "msft-share [2026-04-01,2026-05-01) -85.00 -17.00 1",
        });
    }
    SUBCASE("the fee's final share is after its minimum") {
        const auto bounded = contract("USD", {version("v1", "2026-01-01", {with_minimum(fee, "200"), share})});
        MemoryTexts texts;
        MemoryLines lines(texts);
        lines.add("2026-04-02T00:00:00Z", "1000", {{provider, "AWS"}});
        const auto settlement = testing::settle_ok(bounded, "2026-04", texts, lines);
        CHECK(describe(settlement) == std::vector<std::string>{
            "aws-fee [2026-04-01,2026-05-01) 1000.00 200.00 1",
            "msft-share [2026-04-01,2026-05-01) 800.00 160.00 1",
        });
    }
    SUBCASE("with no matched line the basis is minus the net_of shares") {
        rules::Rule only_fee_lines = share;
        only_fee_lines.match = {testing::match_on(provider, {"Nobody"})};
        const auto other = contract("USD", {version("v1", "2026-01-01", {fee, only_fee_lines})});
        MemoryTexts texts;
        MemoryLines lines(texts);
        lines.add("2026-04-02T00:00:00Z", "100", {{provider, "AWS"}});
        const auto settlement = testing::settle_ok(other, "2026-04", texts, lines);
        CHECK(describe(settlement) == std::vector<std::string>{
            "aws-fee [2026-04-01,2026-05-01) 100.00 15.00 1",
            "msft-share [2026-04-01,2026-05-01) -15.00 -3.00 0",
        });
    }
}

TEST_CASE("Settle: net offsets shares in both directions; zero nets are omitted") {
    const auto c = contract("USD", {version("v1", "2026-01-01", {
        flat_rule("a-pays-b", "a", "b", "P", "0.10"),
        flat_rule("b-pays-a", "b", "a", "P", "0.03"),
        flat_rule("c-pays-a", "c", "a", "P", "0.05"),
        flat_rule("b-pays-c", "b", "c", "P", "0.02"),
        flat_rule("c-pays-b", "c", "b", "P", "0.02"),
    })});
    MemoryTexts texts;
    MemoryLines lines(texts);
    lines.add("2026-04-02T00:00:00Z", "1000", {{provider, "P"}});
    const auto settlement = testing::settle_ok(c, "2026-04", texts, lines);
    // a owes b 100 - 30 = 70; c owes a 50 (c is later in byte order); b and c cancel out.
    CHECK(describe_net(settlement) == std::vector<std::string>{"a->b 70.00", "c->a 50.00"});
    CHECK(settlement.journal.size() == 10);
    CHECK(settle::journal_total(settlement.journal).is_zero());

    // The caller adds an adjustment row and recomputes net and journal.
    std::vector<settle::StatementRow> rows = settlement.rows;
    settle::StatementRow adjustment = rows[0];
    adjustment.kind = settle::RowKind::adjustment;
    adjustment.for_period = testing::period("2026-03");
    adjustment.share = dec("-90.00");
    rows.push_back(adjustment);
    std::vector<std::string> net;
    for (const auto& row : settle::compute_net(rows)) {
        net.push_back(row.from_party + "->" + row.to_party + " " + row.amount.to_string());
    }
    CHECK(net == std::vector<std::string>{"b->a 20", "c->a 50"});
    CHECK(settle::journal_total(settle::compute_journal(rows)).is_zero());
}
