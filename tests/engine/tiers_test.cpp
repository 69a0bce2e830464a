#include "engine/settle/tiers.hpp"

#include "settle_test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare;
using revshare::testing::dec;
using revshare::testing::rate;

namespace {
std::vector<rules::Tier> three_tiers() {
    return {rules::Tier{dec("100"), rate("0.20")}, rules::Tier{dec("300"), rate("0.10")},
            rules::Tier{std::nullopt, rate("0.05")}};
}
std::string tiered(std::string_view basis) {
    return settle::compute_tiered_share_exact(three_tiers(), dec(basis)).to_string();
}
}  // namespace

TEST_CASE("Settle tiers: marginal rates, up_to inclusive") {
    CHECK(tiered("0") == "0");
    CHECK(tiered("50") == "10");
    CHECK(tiered("100") == "20");          // exactly on up_to: all of it in the first tier
    CHECK(tiered("100.01") == "20.001");   // the cent above it at the second tier's rate
    CHECK(tiered("300") == "40");          // 100 × 0.20 + 200 × 0.10
    CHECK(tiered("300.000001") == "40.00000005");
    CHECK(tiered("1000") == "75");         // 20 + 20 + 700 × 0.05
}

TEST_CASE("Settle tiers: a negative basis takes the first tier's rate as a whole") {
    CHECK(tiered("-50") == "-10");
    CHECK(tiered("-1000") == "-200");  // not spread over the tiers
    CHECK(tiered("-0.01") == "-0.002");
}

TEST_CASE("Settle tiers: a single open tier is a flat rate") {
    const std::vector<rules::Tier> flat{rules::Tier{std::nullopt, rate("0.25")}};
    CHECK(settle::compute_tiered_share_exact(flat, dec("123.45")).to_string() == "30.8625");
}

TEST_CASE("Settle tiers: compute_share_exact uses the rule's rate or its tiers") {
    rules::Rule flat = testing::flat_rule("r", "a", "b", "P", "0.2");
    CHECK(settle::compute_share_exact(flat, dec("0.625")).to_string() == "0.125");
    rules::Rule graduated = flat;
    graduated.rate.reset();
    graduated.tiers = three_tiers();
    CHECK(settle::compute_share_exact(graduated, dec("300")).to_string() == "40");
}
