#include "engine/settle/caps.hpp"

#include "settle_test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare;
using revshare::testing::dec;

TEST_CASE("Settle caps: positive shares take the headroom, clawbacks free it") {
    const auto c = testing::contract("USD", {}, {rules::CapGroup{"g", dec("100")}, rules::CapGroup{"h", dec("5")}});
    settle::CapLedger caps(c, {{"g", dec("90")}});
    CHECK(caps.take("g", dec("8")).to_string() == "8");     // 98
    CHECK(caps.take("g", dec("5")).to_string() == "2");     // cut to what is left: 100
    CHECK(caps.take("g", dec("3")).to_string() == "0");     // nothing left
    CHECK(caps.take("g", dec("0")).to_string() == "0");
    CHECK(caps.take("g", dec("-10")).to_string() == "-10");  // paid as it is: 90
    CHECK(caps.take("g", dec("15")).to_string() == "10");   // the freed headroom: 100
    CHECK(caps.totals().at("g").to_string() == "100");
    CHECK(caps.totals().at("h").to_string() == "0");  // groups not listed start at zero
}

TEST_CASE("Settle caps: a total already past the cap leaves no headroom, never a negative share") {
    const auto c = testing::contract("USD", {}, {rules::CapGroup{"g", dec("100")}});
    settle::CapLedger caps(c, {{"g", dec("120")}});
    CHECK(caps.take("g", dec("5")).to_string() == "0");
    CHECK(caps.totals().at("g").to_string() == "120");
    CHECK(caps.take("g", dec("-30")).to_string() == "-30");
    CHECK(caps.take("g", dec("25")).to_string() == "10");
    CHECK(caps.totals().at("g").to_string() == "100");
}

TEST_CASE("Settle caps: a zero cap pays nothing positive") {
    const auto c = testing::contract("USD", {}, {rules::CapGroup{"g", dec("0")}});
    settle::CapLedger caps(c, {});
    CHECK(caps.take("g", dec("0.01")).to_string() == "0");
    CHECK(caps.take("g", dec("-0.01")).to_string() == "-0.01");
    CHECK(caps.totals().at("g").to_string() == "-0.01");
}
