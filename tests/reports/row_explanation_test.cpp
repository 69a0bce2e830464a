// statement.html's "why" cell: the explanation columns and the contract's terms in words.
#include "reports/row_explanation.hpp"
#include "tests/engine/settle_test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare;
using revshare::testing::contract;
using revshare::testing::day;
using revshare::testing::dec;
using revshare::testing::flat_rule;
using revshare::testing::period;
using revshare::testing::version;

namespace {

settle::StatementRow row_of(const rules::Rule& rule, settle::RowKind kind, std::string_view start, std::string_view end) {
    return settle::StatementRow{.kind = kind,
                                .for_period = period("2026-04"),
                                .version_id = "v2",
                                .rule_id = rule.id,
                                .payer = rule.payer,
                                .payee = rule.payee,
                                .segment_start = day(start),
                                .segment_end = day(end),
                                .basis = {},
                                .share = {},
                                .lines = 0};
}

}  // namespace

TEST_CASE("explain_row: a prorated maximum, a cap used up, a minimum, a memo rule, late data") {
    rules::Rule capped = flat_rule("msft-share", "openai", "microsoft", "AWS", "0.20");
    capped.maximum = dec("150000");
    capped.minimum = dec("3000");
    capped.cap_group = "msft-lifetime";
    rules::Rule fee = flat_rule("store-fee", "openai", "aws", "AWS", "0.03");
    fee.owed = false;
    const rules::Contract terms =
        contract("USD", {version("v2", "2026-04-28", {capped, fee})}, {rules::CapGroup{"msft-lifetime", dec("92000")}});

    auto maximum = row_of(capped, settle::RowKind::current, "2026-04-28", "2026-05-01");
    maximum.share_before_limits = dec("17881.50");
    maximum.limited_by.maximum = true;
    maximum.cap_remaining = dec("77000.00");
    CHECK(reports::explain_row(maximum, terms) ==
          "rate gives 17881.50; lowered to the maximum 150000.00 prorated to 3/30 of 2026-04; cap msft-lifetime: 77000.00 left");

    auto used_up = maximum;
    used_up.limited_by = {};
    used_up.limited_by.cap = true;
    used_up.share_before_limits = dec("1000000.00");
    used_up.cap_remaining = dec("0.00");
    CHECK(reports::explain_row(used_up, terms) == "rate gives 1000000.00; cut by cap msft-lifetime: 0.00 left");

    auto minimum = row_of(capped, settle::RowKind::current, "2026-04-01", "2026-05-01");
    minimum.share_before_limits = dec("12.00");
    minimum.limited_by.minimum = true;
    minimum.cap_remaining = dec("88000.00");
    CHECK(reports::explain_row(minimum, terms) ==
          "rate gives 12.00; raised to the minimum 3000.00; cap msft-lifetime: 88000.00 left");

    auto memo = row_of(fee, settle::RowKind::current, "2026-04-28", "2026-05-01");
    memo.owed = false;
    memo.share_before_limits = dec("9.00");
    CHECK(reports::explain_row(memo, terms) == "memo: owed by no one (it reduces the basis of the rules net of it)");

    auto late = row_of(capped, settle::RowKind::adjustment, "2026-04-28", "2026-05-01");
    late.for_period = period("2026-02");
    CHECK(reports::explain_row(late, terms) == "late data for closed 2026-02");
}
