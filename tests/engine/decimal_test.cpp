#include "engine/core/decimal.hpp"
#include "engine/core/decimal_fast_path.hpp"
#include "engine/core/error.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <string>

using revshare::Decimal;
using revshare::RoundingMode;

namespace {
Decimal d(std::string_view text) {
    auto value = Decimal::parse(text);
    REQUIRE(value.has_value());
    return *value;
}
}  // namespace

TEST_CASE("Decimal parses the forms real exports contain") {
    CHECK(d("0.0000012345").to_string() == "0.0000012345");
    CHECK(d("-3.5").to_string() == "-3.5");
    CHECK(d("1.2E-7").to_string() == "0.00000012");
    CHECK(d("6.5e+02").to_string() == "650");
    CHECK(d("+4").to_string() == "4");
    CHECK(d("  12.50  ").to_string() == "12.5");
    CHECK(d("3.08E-6").to_string() == "0.00000308");
    CHECK(d("0.000000144000000000000000").to_string() == "0.000000144");
    CHECK(d(".5").to_string() == "0.5");
    CHECK(d("5.").to_string() == "5");
    CHECK(d("-0").to_string() == "0");
    CHECK(d("-0.000").to_string() == "0");
    CHECK(d("0.4838709677419368").to_string() == "0.4838709677419368");
}

TEST_CASE("Decimal keeps 30+ digit values exactly") {
    const Decimal big = d("123456789012345678901234567890.123456789");
    CHECK(big.to_string() == "123456789012345678901234567890.123456789");
    CHECK((big + d("0.000000001")).to_string() == "123456789012345678901234567890.12345679");
    CHECK((big * d("2")).to_string() == "246913578024691357802469135780.246913578");
}

TEST_CASE("Decimal refuses what it cannot hold exactly") {
    std::string error;
    CHECK_FALSE(Decimal::parse("", &error).has_value());
    CHECK(error == "expected a number");
    CHECK_FALSE(Decimal::parse("1,5", &error).has_value());
    CHECK(error == "unexpected character ','");
    CHECK_FALSE(Decimal::parse("abc", &error).has_value());
    CHECK_FALSE(Decimal::parse("1e", &error).has_value());
    CHECK(error == "expected digits after the exponent mark");
    CHECK_FALSE(Decimal::parse(std::string(400, '9'), &error).has_value());
    CHECK(error == "more than 40 significant digits");
    CHECK_FALSE(Decimal::parse("1e999", &error).has_value());
    CHECK(error == "exponent larger than 40");
    CHECK_FALSE(Decimal::parse("nan").has_value());
    CHECK_FALSE(Decimal::parse("inf").has_value());
}

TEST_CASE("Decimal plain parsing rejects exponents, plus signs and spaces") {
    CHECK(Decimal::parse_plain("0.20")->to_string() == "0.2");
    CHECK(Decimal::parse_plain("0.20")->scale() == 2);
    CHECK(Decimal::parse_plain("-10")->to_string() == "-10");
    CHECK_FALSE(Decimal::parse_plain("1e3").has_value());
    CHECK_FALSE(Decimal::parse_plain("+1").has_value());
    CHECK_FALSE(Decimal::parse_plain(" 1").has_value());
    CHECK_FALSE(Decimal::parse_plain(".5").has_value());
    CHECK_FALSE(Decimal::parse_plain("5.").has_value());
}

TEST_CASE("Decimal assign_plain: parse_plain's value and scale, in place; unchanged on what parse_plain refuses") {
    Decimal value = d("7");
    for (const char* text : {"0.20", "-10", "39.9836243986", "0", "-0.000000000000000001", "999999999999999999",
                             "1234567890.1234567890123", "-98765432109876543210.5"}) {
        REQUIRE(value.assign_plain(text));
        const Decimal parsed = *Decimal::parse_plain(text);
        CHECK(value == parsed);
        CHECK(value.scale() == parsed.scale());
        CHECK(value.to_string() == parsed.to_string());
    }
    CHECK(value.to_string() == "-98765432109876543210.5");  // more than 18 digits: the general path
    for (const char* text : {"1e3", "+1", " 1", ".5", "5.", "", "-", "1..2"}) {
        CHECK_FALSE(value.assign_plain(text));
        CHECK(value.to_string() == "-98765432109876543210.5");
    }
}

TEST_CASE("Decimal rounds half to even, symmetrically") {
    CHECK(d("0.125").round(2, RoundingMode::half_even).to_string() == "0.12");
    CHECK(d("0.135").round(2, RoundingMode::half_even).to_string() == "0.14");
    CHECK(d("-0.125").round(2, RoundingMode::half_even).to_string() == "-0.12");
    CHECK(d("-0.135").round(2, RoundingMode::half_even).to_string() == "-0.14");
    CHECK(d("0.1251").round(2, RoundingMode::half_even).to_string() == "0.13");
    CHECK(d("2.5").round(0, RoundingMode::half_even).to_string() == "2");
    CHECK(d("3.5").round(0, RoundingMode::half_even).to_string() == "4");
    CHECK(d("-0.004").round(2, RoundingMode::half_even).to_string() == "0");
    CHECK(d("-0.005").round(2, RoundingMode::half_even).to_string_min_places(2) == "0.00");
    CHECK(d("1.5").round(3, RoundingMode::half_even).to_string() == "1.5");
}

TEST_CASE("Decimal prints with a minimum number of places") {
    CHECK(d("100").to_string_min_places(2) == "100.00");
    CHECK(d("142.3663").to_string_min_places(2) == "142.3663");
    CHECK(d("0.00000012").to_string_min_places(2) == "0.00000012");
    CHECK(d("103").to_string_min_places(0) == "103");
    CHECK(d("-0.5").to_string_min_places(2) == "-0.50");
    CHECK(d("-0").to_string_min_places(2) == "0.00");
}

TEST_CASE("Decimal arithmetic is exact") {
    CHECK((d("0.1") + d("0.2")) == d("0.3"));
    CHECK((d("0.1") + d("0.2")).to_string() == "0.3");
    CHECK((d("1.10") - d("1.1")).is_zero());
    CHECK((d("0.0000012345") * d("0.15")).to_string() == "0.000000185175");
    CHECK(d("1.50") == d("1.5"));
    CHECK(d("-2") < d("-1.999"));
    CHECK(d("10").mul_div_round(28 - 27, 30, 2, RoundingMode::half_even).to_string() == "0.33");
    CHECK(d("1000000").mul_div_round(3, 30, 2, RoundingMode::half_even).to_string() == "100000");
    CHECK(d("0.05").mul_div_round(1, 2, 2, RoundingMode::half_even).to_string() == "0.02");
}

TEST_CASE("Decimal overflow is an error, never a wrap") {
    const Decimal huge = d("9999999999999999999999999999999999999999");  // 40 digits
    CHECK_THROWS_AS((void)(huge * huge), revshare::ArithmeticError);     // 80 digits: too many
    const Decimal wide = d("99999999999999999999999999999999999999");  // 38 digits
    CHECK((wide * wide).to_string() == "9999999999999999999999999999999999999800000000000000000000000000000000000001");
    CHECK_THROWS_AS((void)(wide * wide * d("100")), revshare::ArithmeticError);
    CHECK_THROWS_AS((void)(d("0.0000000000000000000000000000001") * d("0.0000000000000000000000000000001") *
                           d("0.1")),
                    revshare::ArithmeticError);
}

TEST_CASE("Decimal converts to scaled integers only when exact") {
    CHECK(d("12.34").to_scaled_int64(2) == 1234);
    CHECK(d("-0.5").to_scaled_int64(2) == -50);
    CHECK_FALSE(d("0.001").to_scaled_int64(2).has_value());
    CHECK_FALSE(d("99999999999999999999").to_scaled_int64(0).has_value());
}

// Decimal::parse reads cells of at most 18 digits through an int64 fast path
// (decimal_fast_path.cpp); padding a number with 19 fractional zeros sends the same value
// through the exact general path. Both must agree on value, scale-free text and printing.
TEST_CASE("Decimal fast path agrees with the general path on random numbers (seeded)") {
    const std::uint32_t seed = revshare::testing::test_seed(20260426U);
    std::mt19937_64 random(seed);
    auto pick = [&](int n) { return static_cast<int>(random() % static_cast<std::uint64_t>(n)); };
    auto digits = [&](int n) {
        std::string text;
        for (int i = 0; i < n; ++i) text.push_back(static_cast<char>('0' + pick(10)));
        return text;
    };
    for (int round = 0; round < 20000; ++round) {
        const std::string sign = pick(3) == 0 ? "-" : "";
        const std::string integer = digits(1 + pick(8));                     // with the fraction: at most
        const std::string fraction = pick(4) == 0 ? "" : digits(1 + pick(10));  // 18 digits, the fast path
        const std::string exponent = pick(4) == 0 ? std::string(pick(2) == 0 ? "E" : "e") + (pick(2) == 0 ? "-" : "+") + std::to_string(pick(25)) : "";
        const std::string text = sign + integer + (fraction.empty() ? "" : "." + fraction) + exponent;
        const std::string padded = sign + integer + "." + fraction + std::string(19, '0') + exponent;
        CAPTURE(text);
        const auto fast = Decimal::parse(text);
        const auto general = Decimal::parse(padded);
        REQUIRE(fast.has_value());
        REQUIRE(general.has_value());
        CHECK(*fast == *general);
        CHECK(fast->to_string() == general->to_string());
        CHECK(fast->to_string_min_places(2) == general->to_string_min_places(2));
        if (exponent.empty()) {
            const auto plain = Decimal::parse_plain(text);
            REQUIRE(plain.has_value());
            CHECK(*plain == *fast);
        }
    }
}

TEST_CASE("Decimal prints int64-sized values like the general path") {
    CHECK(d("0").to_string_min_places(2) == "0.00");
    CHECK(d("-7").to_string_min_places(2) == "-7.00");
    CHECK(d("0.005").to_string() == "0.005");
    CHECK(d("-0.0050").to_string_min_places(2) == "-0.005");
    CHECK(d("123.45").to_string_min_places(1) == "123.45");
    CHECK(d("9223372036854775807").to_string() == "9223372036854775807");    // INT64_MAX: general path
    CHECK(d("-9223372036854775808").to_string() == "-9223372036854775808");  // INT64_MIN: general path
    CHECK(d("999999999999999999").to_string_min_places(3) == "999999999999999999.000");
    CHECK(d("1E+18").to_string() == "1000000000000000000");
    CHECK(d("1.5E-59").to_string() == "0." + std::string(58, '0') + "15");
}

// operator+= adds in an int64 when both mantissas and the sum fit one (decimal_fast_path::
// add_small); otherwise it takes the 256-bit path. Same value, same scale, either way.
TEST_CASE("Decimal sums in an int64 when they fit and exactly when they do not") {
    Decimal sum = d("9223372036854775806");
    sum += d("1");
    CHECK(sum.to_string() == "9223372036854775807");  // INT64_MAX, still the fast path
    sum += d("1");
    CHECK(sum.to_string() == "9223372036854775808");  // past it: the general path
    Decimal negative = d("-9223372036854775807");
    negative += d("-1");                               // INT64_MIN is left to the general path
    CHECK(negative.to_string() == "-9223372036854775808");
    Decimal raised = d("922337203685477581");  // × 10 at scale 1 overflows an int64
    raised += d("0.1");
    CHECK(raised.to_string() == "922337203685477581.1");
    CHECK(raised.scale() == 1);
    Decimal mixed = d("1.5");
    mixed += d("0.25");
    CHECK(mixed.to_string() == "1.75");
    CHECK(mixed.scale() == 2);
    Decimal zero = d("0.10");
    zero += d("-0.1");
    CHECK(zero.is_zero());
    CHECK(zero.scale() == 2);  // as a + b gives it
    CHECK((d("0.10") + d("-0.1")).scale() == 2);
    CHECK((d("5") - d("7.25")).to_string() == "-2.25");
}

TEST_CASE("Decimal += and + agree on random sums (seeded)") {
    const std::uint32_t seed = revshare::testing::test_seed(20261126U);
    std::mt19937_64 random(seed);
    auto pick = [&](int n) { return static_cast<int>(random() % static_cast<std::uint64_t>(n)); };
    auto number = [&] {
        std::string text = pick(3) == 0 ? "-" : "";
        const int integer_digits = 1 + pick(19);
        for (int i = 0; i < integer_digits; ++i) text.push_back(static_cast<char>('0' + pick(10)));
        if (pick(3) != 0) {
            text.push_back('.');
            const int fraction_digits = 1 + pick(12);
            for (int i = 0; i < fraction_digits; ++i) text.push_back(static_cast<char>('0' + pick(10)));
        }
        return d(text);
    };
    for (int round = 0; round < 20000; ++round) {
        const Decimal a = number();
        const Decimal b = number();
        CAPTURE(a.to_string());
        CAPTURE(b.to_string());
        // The general path: the same values with a 20-digit fraction (over 18 digits), then back to the scale.
        const Decimal wide = d(a.to_string_min_places(20)) + d(b.to_string_min_places(20));
        Decimal sum = a;
        sum += b;
        CHECK(sum == wide);
        CHECK(sum == a + b);
        CHECK(sum.scale() == std::max(a.scale(), b.scale()));
        CHECK((a - b) == (a + (-b)));
        CHECK(sum.to_string() == wide.to_string());
    }
}

// lines.csv prints a stored cost (its canonical text) with its currency's minimum places
// without parsing it: the same text to_string_min_places gives.
TEST_CASE("A canonical text padded to the minimum places is what to_string_min_places prints") {
    auto padded = [](std::string_view canonical, int places) {
        std::string out = "x";
        revshare::decimal_fast_path::append_canonical_min_places(out, canonical, places);
        return out.substr(1);
    };
    CHECK(padded("0", 2) == "0.00");
    CHECK(padded("-7", 2) == "-7.00");
    CHECK(padded("-0.5", 2) == "-0.50");
    CHECK(padded("142.3663", 2) == "142.3663");
    CHECK(padded("103", 0) == "103");
    CHECK(padded("1.5", 3) == "1.500");
    std::mt19937_64 random(20261126U);
    for (int round = 0; round < 20000; ++round) {
        std::string text = random() % 3 == 0 ? "-" : "";
        text += std::to_string(random() % 1000000);
        if (random() % 2 == 0) text += "." + std::to_string(random() % 100000000);
        if (random() % 5 == 0) text += "E-" + std::to_string(random() % 30);
        const Decimal value = d(text);
        const int places = static_cast<int>(random() % 5);
        CAPTURE(text);
        CHECK(padded(value.to_string(), places) == value.to_string_min_places(places));
    }
}

// 1E-40 against a 40-digit number needs 80 digits to align: the order is still defined. (`fx
// import` compared a stored rate of 1E-40 with a new one and said "decimal overflow".)
TEST_CASE("Decimal comparison is defined where aligning the scales would overflow") {
    const Decimal tiny = d("1E-40");
    const Decimal huge = d(std::string(40, '9'));
    CHECK(tiny < huge);
    CHECK(huge > tiny);
    CHECK_FALSE(tiny == huge);
    CHECK(-tiny > -huge);
    CHECK(-huge < -tiny);
    CHECK(-huge < tiny);
    CHECK(Decimal() < huge);
    CHECK(Decimal() > -huge);
    CHECK(d("0.0000000000000000000000000000000000000000000000000000000001") < huge);
}

TEST_CASE("Decimal magnitude_below_power_of_ten: int64 and 256-bit mantissas, every scale") {
    CHECK(d("99999999999999.99").magnitude_below_power_of_ten(14));
    CHECK_FALSE(d("100000000000000").magnitude_below_power_of_ten(14));
    CHECK_FALSE(d("-100000000000000.00").magnitude_below_power_of_ten(14));
    CHECK(d("-99999999999999.999999999999999999999999").magnitude_below_power_of_ten(14));  // 256-bit mantissa
    CHECK_FALSE(d("-100000000000000.000000000000000000000001").magnitude_below_power_of_ten(14));
    CHECK(d("0").magnitude_below_power_of_ten(0));
    CHECK_FALSE(d("1").magnitude_below_power_of_ten(0));
    CHECK(d("0.999").magnitude_below_power_of_ten(0));
    CHECK(d(std::string(40, '9')).magnitude_below_power_of_ten(40));
    CHECK_FALSE(d(std::string(40, '9')).magnitude_below_power_of_ten(39));
    CHECK(d("1E-40").magnitude_below_power_of_ten(70));  // exponent past the powers table
}
