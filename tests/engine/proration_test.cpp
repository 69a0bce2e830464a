#include "engine/settle/proration.hpp"

#include "settle_test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare;
using revshare::testing::currency;
using revshare::testing::day;
using revshare::testing::dec;
using revshare::testing::period;

namespace {
// The bound prorated over [from, to) of the period, as written in statement.csv.
std::string prorated(std::string_view bound, std::string_view from, std::string_view to, std::string_view month,
                     std::string_view code = "USD") {
    const settle::Segment segment{nullptr, day(from), day(to)};
    const Currency in = currency(code);
    return testing::minor(settle::prorate_bound(dec(bound), segment, period(month), in), in);
}
}  // namespace

TEST_CASE("Settle proration: 28, 29, 30 and 31-day months") {
    CHECK(prorated("1000", "2026-02-15", "2026-03-01", "2026-02") == "500.00");  // 14/28
    CHECK(prorated("1000", "2026-02-01", "2026-02-15", "2026-02") == "500.00");
    CHECK(prorated("1000", "2024-02-15", "2024-03-01", "2024-02") == "517.24");  // 15/29 = 517.2413...
    CHECK(prorated("1000", "2024-02-01", "2024-02-15", "2024-02") == "482.76");  // 14/29 = 482.7586...
    CHECK(prorated("1000", "2026-04-28", "2026-05-01", "2026-04") == "100.00");  // 3/30
    CHECK(prorated("1000", "2026-04-01", "2026-04-28", "2026-04") == "900.00");  // 27/30
    CHECK(prorated("1000", "2026-01-11", "2026-02-01", "2026-01") == "677.42");  // 21/31 = 677.4193...
    CHECK(prorated("1000", "2026-01-01", "2026-01-11", "2026-01") == "322.58");  // 10/31 = 322.5806...
}

TEST_CASE("Settle proration: a whole month gives the bound itself") {
    CHECK(prorated("1234.56", "2026-01-01", "2026-02-01", "2026-01") == "1234.56");
    CHECK(prorated("1234.56", "2024-02-01", "2024-03-01", "2024-02") == "1234.56");
}

TEST_CASE("Settle proration: rounded once, half-to-even, to the minor unit") {
    CHECK(prorated("0.01", "2026-04-16", "2026-05-01", "2026-04") == "0.00");  // 0.005
    CHECK(prorated("0.03", "2026-04-16", "2026-05-01", "2026-04") == "0.02");  // 0.015
    CHECK(prorated("0.05", "2026-04-16", "2026-05-01", "2026-04") == "0.02");  // 0.025
    CHECK(prorated("5", "2026-04-16", "2026-05-01", "2026-04", "JPY") == "2");  // 2.5
    CHECK(prorated("7", "2026-04-16", "2026-05-01", "2026-04", "JPY") == "4");  // 3.5
    CHECK(prorated("1", "2026-04-30", "2026-05-01", "2026-04", "BHD") == "0.033");
}

TEST_CASE("Settle proration: clamp raises to the minimum, then lowers to the maximum") {
    rules::Rule rule = testing::flat_rule("r", "a", "b", "P", "0.1");
    rule.minimum = dec("300");
    rule.maximum = dec("600");
    const settle::Segment whole{nullptr, day("2026-04-01"), day("2026-05-01")};
    const settle::Segment part{nullptr, day("2026-04-28"), day("2026-05-01")};
    const Currency usd = currency("USD");
    auto clamp = [&](std::string_view share, const settle::Segment& segment) {
        return testing::minor(settle::clamp_to_prorated_bounds(dec(share), rule, segment, period("2026-04"), usd), usd);
    };
    CHECK(clamp("100", whole) == "300.00");
    CHECK(clamp("-100", whole) == "300.00");
    CHECK(clamp("450.5", whole) == "450.50");
    CHECK(clamp("700", whole) == "600.00");
    CHECK(clamp("0", part) == "30.00");
    CHECK(clamp("100", part) == "60.00");
    rules::Rule unbounded = testing::flat_rule("r", "a", "b", "P", "0.1");
    CHECK(settle::clamp_to_prorated_bounds(dec("-5.25"), unbounded, whole, period("2026-04"), usd).to_string() ==
          "-5.25");
}
