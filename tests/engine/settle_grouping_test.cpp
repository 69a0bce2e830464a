// compute_settlement sums lines alike in what matching and conversion read before matching
// and converting them (line_totals.cpp), unless a LineMatchSink wants every line. Both ways
// must give the same statement, to the digit: checked here on random periods (seeded).
#include "tests/engine/settle_test_support.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <random>

using namespace revshare;
using revshare::testing::contract;
using revshare::testing::dec;
using revshare::testing::MemoryLines;
using revshare::testing::MemoryTexts;
using revshare::testing::version;

namespace {

// Every row as `version rule [start) basis share lines`, with the exact basis.
std::vector<std::string> rows_of(const settle::SettleOutcome& outcome) {
    std::vector<std::string> rows;
    if (!outcome.settlement) return rows;
    for (const auto& row : outcome.settlement->rows) {
        rows.push_back(row.version_id + " " + row.rule_id + " [" + format_day(row.segment_start) + ") " +
                       row.basis.to_string() + " " + row.share.to_string() + " " + std::to_string(row.lines));
    }
    return rows;
}

std::vector<std::string> missing_of(const settle::SettleOutcome& outcome) {
    std::vector<std::string> missing;
    for (const auto& rate : outcome.missing_rates) missing.push_back(rate.currency + " " + format_day(rate.date));
    return missing;
}

rules::Rule rule_on(std::string id, std::vector<rules::MatchTable> match, std::string_view share_rate) {
    rules::Rule rule;
    rule.id = std::move(id);
    rule.payer = "a";
    rule.payee = "b";
    rule.match = std::move(match);
    rule.rate = testing::rate(share_rate);
    return rule;
}

rules::Contract random_period_contract() {
    using testing::match_on;
    const auto provider = TextColumn::ProviderName;
    const auto service = TextColumn::ServiceName;
    std::vector<rules::Rule> first{rule_on("p", {match_on(provider, {"P*"})}, "0.2"),
                                   rule_on("s", {match_on(service, {"svc-1", "svc-2"})}, "0.15")};
    std::vector<rules::Rule> second{rule_on("p", {match_on(provider, {"P1"})}, "0.3"),
                                    rule_on("tax", {rules::MatchTable{{{TextColumn::ChargeCategory, {"Tax"}},
                                                                       {service, {"svc-*"}}}}},
                                            "0.05")};
    return contract("USD", {version("v1", "2026-04-01", std::move(first)), version("v2", "2026-04-17", std::move(second))});
}

}  // namespace

TEST_CASE("Settle: grouping alike lines gives the same statement as line by line (seeded)") {
    const std::uint32_t seed = revshare::testing::test_seed(20260507U);
    std::mt19937 random(seed);
    const auto c = random_period_contract();
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
    for (int round = 0; round < 40; ++round) {
        MemoryTexts texts;
        MemoryLines lines(texts);
        const int line_count = 1 + pick(300);
        for (int i = 0; i < line_count; ++i) {
            const int day = 1 + pick(30);
            const std::string start = "2026-04-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "T0" +
                                      std::to_string(pick(10)) + ":00:00Z";
            std::optional<std::string> cost;
            if (pick(10) != 0) {
                cost = (pick(4) == 0 ? "-" : "") + std::to_string(pick(100000)) + "." + std::to_string(pick(10)) +
                       std::string(static_cast<std::size_t>(pick(12)), '0') + std::to_string(1 + pick(9));
            }
            const std::string provider = "P" + std::to_string(pick(3));
            const std::string service = "svc-" + std::to_string(pick(4));
            const std::string currency = pick(5) == 0 ? "EUR" : "USD";
            const std::string category = pick(6) == 0 ? "Tax" : "Usage";
            const std::string sku = "sku-" + std::to_string(pick(50));  // read by no rule
            lines.add(start, cost ? std::optional<std::string_view>(*cost) : std::nullopt,
                      {{TextColumn::ProviderName, provider}, {TextColumn::ServiceName, service},
                       {TextColumn::BillingCurrency, currency}, {TextColumn::ChargeCategory, category},
                       {TextColumn::SkuId, sku}});
        }
        testing::SettleOptions grouped;
        if (pick(3) != 0) {  // otherwise EUR rates are missing: both ways must list the same ones
            grouped.fx.add(settle::FxRate{testing::day("2026-03-30"), "EUR", "USD", dec("1.0825")});
            grouped.fx.add(settle::FxRate{testing::day("2026-04-12"), "EUR", "USD", dec("1.08731")});
        }
        testing::SettleOptions each_line = grouped;
        testing::RecordingSink sink;
        each_line.sink = &sink;
        const auto by_group = testing::settle_outcome(c, "2026-04", texts, lines, grouped);
        const auto by_line = testing::settle_outcome(c, "2026-04", texts, lines, each_line);
        CHECK(rows_of(by_group) == rows_of(by_line));
        CHECK(missing_of(by_group) == missing_of(by_line));
        CHECK(by_group.settlement.has_value() == by_line.settlement.has_value());
        if (by_line.settlement) {
            // The sink still hears of every (line, row) match.
            std::size_t matched = 0;
            for (const auto& row : by_line.settlement->rows) matched += static_cast<std::size_t>(row.lines);
            CHECK(sink.matches.size() == matched);
        }
    }
}
