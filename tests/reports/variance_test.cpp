// variance.csv: the percent change, its rounding, and rows matched across a mid-month amendment.
#include "reports/row_comparison.hpp"
#include "tests/reports/report_test_support.hpp"

using namespace revshare::testing;
using namespace revshare::testing::reports;
using revshare::Decimal;

namespace {

std::string percent(const std::string& change, const std::string& before) {
    const auto value = revshare::reports::percent_change(decimal(change), decimal(before));
    return value ? value->to_string_min_places(2) : "(none)";
}

}  // namespace

TEST_CASE("percent_change: change / |previous| × 100, half-to-even to 2 places; none when previous is zero") {
    CHECK(percent("1", "3") == "33.33");
    CHECK(percent("2", "3") == "66.67");
    CHECK(percent("-2", "3") == "-66.67");
    CHECK(percent("1", "800") == "0.12");   // 0.125: a tie, to even
    CHECK(percent("3", "800") == "0.38");   // 0.375: a tie, to even
    CHECK(percent("-1", "800") == "-0.12");  // symmetric
    CHECK(percent("1", "-8") == "12.50");   // against |previous|: an increase stays positive
    CHECK(percent("0", "5") == "0.00");
    CHECK(percent("5", "0") == "(none)");
    CHECK(percent("0.000000000000000000000000000001", "0.000000000000000000000000000003") == "33.33");
    CHECK(percent("12345678901234567890.123456789", "0.0000000000000000000000000000007") ==
          "1763668414462081127160493827000000000000000000000000.00");
}

TEST_CASE("variance.csv 2026-05: the 2023 rules end, the amendment's rules compare with April's 28-30 segment") {
    ScratchDir dir;
    load_and_settle(dir);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-05 --out out", dir.path()).exit_code == 0);
    const auto rows = parse_csv(read_file(dir / "out/openai-microsoft/2026-05/variance.csv"));
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].at("rule") == "aws-distribution-fee");
    CHECK(rows[0].at("status") == "both");
    CHECK(rows[0].at("previous_basis") == "30494.827533375");
    CHECK(rows[1].at("rule") == "msft-share-all-clouds");
    CHECK(rows[1].at("previous_share") == "15000.00");
    // 15000.00 -> 105000.00 on a basis 5.5 times April's: April's maximum and May's cap explain it.
    CHECK(rows[1].at("previous_limited_by") == "maximum");
    CHECK(rows[1].at("limited_by") == "cap");
    CHECK(rows[1].at("cap_remaining") == "0.00");
    CHECK(rows[0].at("limited_by") == "");
    CHECK(rows[2].at("rule") == "msft-share-of-openai");
    CHECK(rows[2].at("status") == "ended");
    CHECK(rows[2].at("share") == "0.00");
    CHECK(rows[2].at("previous_share") == "19875.97");
    CHECK(rows[2].at("share_change") == "-19875.97");
    CHECK(rows[2].at("share_change_percent") == "-100.00");
    CHECK(rows[3].at("rule") == "openai-share-of-azure-openai");
    check_golden(read_file(dir / "out/openai-microsoft/2026-05/variance.csv"), "2026-05/variance.csv");
}
