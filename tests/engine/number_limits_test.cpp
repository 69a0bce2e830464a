// The limits of limits.hpp where values enter (number_limits.hpp) and the dates every input
// is held to (period.hpp): at the limit accepted, past it a phrase that states the limit.
#include "engine/core/limits.hpp"
#include "engine/core/number_limits.hpp"
#include "engine/core/period.hpp"

#include <doctest/doctest.h>

using namespace revshare;

namespace {
Decimal d(std::string_view text) {
    auto value = Decimal::parse(text);
    REQUIRE(value.has_value());
    return *value;
}
}  // namespace

TEST_CASE("Number limits: a cost below 10^14 with at most 24 decimals") {
    CHECK(cost_limit_problem(d("99999999999999.999999999999999999999999")) == std::nullopt);
    CHECK(cost_limit_problem(d("-99999999999999")) == std::nullopt);
    CHECK(cost_limit_problem(d("0.000000007292255759239199")) == std::nullopt);  // an Azure EA cost
    CHECK(cost_limit_problem(d("1.5000000000000000000000000000")) == std::nullopt);  // trailing zeros
    CHECK(cost_limit_problem(d("1E14")) ==
          "beyond the limit for a cost: its magnitude must be below 10^14 (100000000000000)");
    CHECK(cost_limit_problem(d("-100000000000000000000")) ==
          "beyond the limit for a cost: its magnitude must be below 10^14 (100000000000000)");
    CHECK(cost_limit_problem(d("1E-25")) == "more than 24 decimal places, the limit for a cost");
    CHECK(cost_limit_problem(d("1E-59")) == "more than 24 decimal places, the limit for a cost");
}

TEST_CASE("Number limits: an FX rate below 10^7 with at most 12 decimals; a rate with at most 10") {
    CHECK(fx_rate_limit_problem(d("9999999.999999999999")) == std::nullopt);
    CHECK(fx_rate_limit_problem(d("10000000")) ==
          "beyond the limit for an FX rate: its magnitude must be below 10^7 (10000000)");
    CHECK(fx_rate_limit_problem(d("1E-13")) == "more than 12 decimal places, the limit for an FX rate");
    CHECK(rate_limit_problem(d("0.0000000001")) == std::nullopt);
    CHECK(rate_limit_problem(d("1")) == std::nullopt);
    CHECK(rate_limit_problem(d("0.00000000001")) == "more than 10 decimal places, the limit for a rate");
    CHECK(amount_limit_problem(d("99999999999999.9999")) == std::nullopt);
    CHECK(amount_limit_problem(d("100000000000000")) ==
          "beyond the limit for an amount: its magnitude must be below 10^14 (100000000000000)");
}

TEST_CASE("Dates: 1900-01-01 to 9998-12-31 in every date form, periods 1900-01 to 9998-12") {
    std::string why;
    CHECK(parse_instant("9998-12-31T23:59:59Z").has_value());
    CHECK(parse_instant("1900-01-01").has_value());
    for (const std::string_view text : {"9999-12-31", "9999-12-31T00:00:00Z", "12/31/9999", "0000-01-01", "1899-12-31"}) {
        CAPTURE(text);
        why.clear();
        CHECK_FALSE(parse_instant(text, &why).has_value());
        CHECK(why == "outside the dates revshare handles (1900-01-01 to 9998-12-31)");
    }
    why.clear();
    CHECK_FALSE(parse_instant("2026-02-30", &why).has_value());
    CHECK(why.empty());  // only a date out of range says why; the caller names any other failure
    CHECK_FALSE(parse_iso_date("9999-01-01", &why).has_value());
    CHECK(why == "outside the dates revshare handles (1900-01-01 to 9998-12-31)");
    CHECK(Period::parse("9998-12").has_value());
    CHECK(Period::parse("1900-01").has_value());
    for (const std::string_view text : {"9999-12", "0000-01", "1899-12"}) {
        CAPTURE(text);
        CHECK_FALSE(Period::parse(text, &why).has_value());
        CHECK(why == "outside the periods revshare handles (1900-01 to 9998-12)");
    }
    CHECK_FALSE(Period::parse("2026-13", &why).has_value());
    CHECK(why == "expected YYYY-MM (e.g. 2026-04)");
    // The last period's end and the first one's previous month are still 4-digit dates.
    CHECK(format_day(Period::parse("9998-12")->end_exclusive()) == "9999-01-01");
    CHECK(Period::parse("1900-01")->previous().to_string() == "1899-12");
}
