#include "engine/settle/fx_table.hpp"

#include "settle_test_support.hpp"

#include <doctest/doctest.h>

using revshare::settle::FxRate;
using revshare::settle::FxTable;
using revshare::testing::day;
using revshare::testing::dec;

namespace {
std::string found(const FxTable& fx, std::string_view base, std::string_view quote, std::string_view line_day) {
    const auto rate = fx.find(base, quote, day(line_day));
    return rate ? rate->to_string() : "none";
}
}  // namespace

TEST_CASE("FX: a rate 7 days old is used, 8 days old is not") {
    const FxTable fx({FxRate{day("2026-04-01"), "EUR", "USD", dec("1.0825")}});
    CHECK(found(fx, "EUR", "USD", "2026-04-01") == "1.0825");  // same day
    CHECK(found(fx, "EUR", "USD", "2026-04-08") == "1.0825");  // 7 days old
    CHECK(found(fx, "EUR", "USD", "2026-04-09") == "none");    // 8 days old
}

TEST_CASE("FX: the latest rate on or before the line's day, never a later one") {
    const FxTable fx({
        FxRate{day("2026-03-30"), "EUR", "USD", dec("1.07")},
        FxRate{day("2026-04-02"), "EUR", "USD", dec("1.08")},
        FxRate{day("2026-04-05"), "EUR", "USD", dec("1.09")},
    });
    CHECK(found(fx, "EUR", "USD", "2026-03-29") == "none");  // only later-dated rates exist
    CHECK(found(fx, "EUR", "USD", "2026-04-01") == "1.07");
    CHECK(found(fx, "EUR", "USD", "2026-04-02") == "1.08");
    CHECK(found(fx, "EUR", "USD", "2026-04-04") == "1.08");
    CHECK(found(fx, "EUR", "USD", "2026-04-30") == "none");  // 25 days after the last rate
    // A stale latest rate is not replaced by an older one: older is staler still.
    CHECK(found(fx, "EUR", "USD", "2026-04-13") == "none");
    CHECK(found(fx, "EUR", "USD", "2026-04-12") == "1.09");
}

TEST_CASE("FX: an inverse rate is never used, nor another pair") {
    FxTable fx;
    fx.add(FxRate{day("2026-04-01"), "USD", "JPY", dec("151.25")});
    CHECK(found(fx, "JPY", "USD", "2026-04-01") == "none");
    CHECK(found(fx, "USD", "JPY", "2026-04-01") == "151.25");
    CHECK(found(fx, "USD", "EUR", "2026-04-01") == "none");
    CHECK(found(fx, "EUR", "USD", "2026-04-01") == "none");
}

TEST_CASE("FX: an identical repeated rate is ignored") {
    FxTable fx;
    fx.add(FxRate{day("2026-04-01"), "EUR", "USD", dec("1.08")});
    fx.add(FxRate{day("2026-04-01"), "EUR", "USD", dec("1.080")});
    CHECK(found(fx, "EUR", "USD", "2026-04-01") == "1.08");
}
