#include "engine/core/money.hpp"
#include "engine/core/period.hpp"

#include <doctest/doctest.h>

#include <concepts>

using namespace revshare;

namespace {
// Must-not-compile checks (STYLE.md section 8): money never mixes with floating point or rates.
template <class A, class B>
concept Addable = requires(A a, B b) { a + b; };
static_assert(!Addable<Money, double>);
static_assert(!Addable<Money, Rate>);
static_assert(!Addable<Money, Decimal>);
static_assert(!std::constructible_from<Money, double>);
static_assert(!std::constructible_from<Decimal, double>);
static_assert(!std::constructible_from<Decimal, float>);
static_assert(Addable<Money, Money>);

Money money(std::string_view amount, std::string_view code) {
    return Money(*Decimal::parse(amount), *Currency::from_code(code));
}
}  // namespace

TEST_CASE("Currency: ISO 4217 codes and their minor units") {
    CHECK(Currency::from_code("USD")->minor_units() == 2);
    CHECK(Currency::from_code("EUR")->minor_units() == 2);
    CHECK(Currency::from_code("JPY")->minor_units() == 0);
    CHECK(Currency::from_code("BHD")->minor_units() == 3);
    CHECK(Currency::from_code("CLF")->minor_units() == 4);
    CHECK_FALSE(Currency::from_code("usd").has_value());
    CHECK_FALSE(Currency::from_code("XYZ").has_value());
    CHECK_FALSE(Currency::from_code("").has_value());
}

TEST_CASE("Money: rounds once to the currency's minor units, half to even") {
    CHECK(money("0.125", "USD").round_to_minor_units(RoundingMode::half_even).to_minor_units_string() == "0.12");
    CHECK(money("0.135", "USD").round_to_minor_units(RoundingMode::half_even).to_minor_units_string() == "0.14");
    CHECK(money("102.5", "JPY").round_to_minor_units(RoundingMode::half_even).to_minor_units_string() == "102");
    CHECK(money("103.5", "JPY").round_to_minor_units(RoundingMode::half_even).to_minor_units_string() == "104");
    CHECK(money("1.0005", "BHD").round_to_minor_units(RoundingMode::half_even).to_minor_units_string() == "1.000");
    CHECK(money("-1.0015", "BHD").round_to_minor_units(RoundingMode::half_even).to_minor_units_string() == "-1.002");
    CHECK(money("-0.001", "USD").round_to_minor_units(RoundingMode::half_even).to_minor_units_string() == "0.00");
    CHECK(money("7", "USD").to_minor_units_string() == "7.00");
}

TEST_CASE("Money: exact products with a rate, same-currency sums") {
    const Money revenue = money("30494.827533375", "USD");
    const Rate fee = *Rate::from_decimal(*Decimal::parse("0.15"));
    const Money exact = revenue * fee;
    CHECK(exact.amount().to_string() == "4574.22413000625");
    CHECK(exact.round_to_minor_units(RoundingMode::half_even).to_minor_units_string() == "4574.22");
    CHECK((money("0.1", "EUR") + money("0.2", "EUR")).amount().to_string() == "0.3");
    CHECK(money("1.10", "EUR").is_in_minor_units());
    CHECK_FALSE(money("1.105", "EUR").is_in_minor_units());
}

TEST_CASE("Rate: only values in [0, 1]") {
    std::string error;
    CHECK(Rate::from_decimal(*Decimal::parse("0"), &error).has_value());
    CHECK(Rate::from_decimal(*Decimal::parse("1"), &error).has_value());
    CHECK_FALSE(Rate::from_decimal(*Decimal::parse("1.5"), &error).has_value());
    CHECK(error == "a rate must be between 0 and 1, got 1.5");
    CHECK_FALSE(Rate::from_decimal(*Decimal::parse("-0.01"), &error).has_value());
}

TEST_CASE("Period: calendar months in UTC, half-open") {
    const Period february = *Period::parse("2026-02");
    CHECK(february.days() == 28);
    CHECK(Period::parse("2028-02")->days() == 29);
    CHECK(Period::parse("2026-04")->days() == 30);
    CHECK(Period::parse("2026-05")->days() == 31);
    CHECK(february.next().to_string() == "2026-03");
    CHECK(Period::parse("2026-01")->previous().to_string() == "2025-12");
    CHECK(format_day(february.end_exclusive()) == "2026-03-01");
    CHECK_FALSE(Period::parse("2026-13").has_value());
    CHECK_FALSE(Period::parse("2026-1").has_value());
    CHECK(Period::containing(*parse_instant("2026-04-30T23:59:59Z")).to_string() == "2026-04");
}

TEST_CASE("Dates: every form of the exports, and impossible dates refused") {
    CHECK(format_instant(*parse_instant("2026-04-28T00:00:00Z")) == "2026-04-28T00:00:00Z");
    CHECK(format_instant(*parse_instant("2026-04-28T00:00:00.000Z")) == "2026-04-28T00:00:00Z");
    CHECK(format_instant(*parse_instant("2026-04-28T13:05Z")) == "2026-04-28T13:05:00Z");
    CHECK(format_instant(*parse_instant("2026-04-28 13:05:09.000")) == "2026-04-28T13:05:09Z");
    CHECK(format_instant(*parse_instant("2026-04-28")) == "2026-04-28T00:00:00Z");
    CHECK(format_instant(*parse_instant("04/28/2026")) == "2026-04-28T00:00:00Z");
    CHECK(format_instant(*parse_instant("4/8/2026")) == "2026-04-08T00:00:00Z");
    CHECK_FALSE(parse_instant("2026-02-30").has_value());
    CHECK_FALSE(parse_instant("13/45/2026").has_value());
    CHECK_FALSE(parse_instant("2026-04-28T24:00:00Z").has_value());
    CHECK_FALSE(parse_instant("2026-04-28T10:00:00.5Z").has_value());  // a fraction would move the line
    CHECK_FALSE(parse_instant("28.04.2026").has_value());
    CHECK(parse_instant("2028-02-29").has_value());
    CHECK_FALSE(parse_instant("2026-02-29").has_value());
}
