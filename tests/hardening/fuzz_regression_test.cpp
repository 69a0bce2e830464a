// Inputs the fuzz targets (tests/fuzz) found, kept as regression tests with their exact input
// and the exact outcome expected (issue 8).
#include "engine/core/decimal.hpp"
#include "engine/core/diagnostic.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace revshare;

TEST_CASE("Fuzz regression: an exponent that takes a value past 40 digits is refused, never accepted or thrown") {
    // fuzz_decimal, input "1e40\n1e-40": 1E40 parsed to a 41-digit value whose text did not
    // parse back (a stored line could not be loaded: an assertion failure while settling).
    std::string error;
    CHECK_FALSE(Decimal::parse("1e40", &error).has_value());
    CHECK(error == "more than 40 digits once the exponent is applied");
    // 40 nines times 10^40 overflowed the 256-bit mantissa with an uncaught std::overflow_error.
    error.clear();
    CHECK_FALSE(Decimal::parse(std::string(40, '9') + "E40", &error).has_value());
    CHECK(error == "more than 40 digits once the exponent is applied");
    // At the limit: 40 digits written out, and its text parses back (the property that failed).
    const auto largest = Decimal::parse("1E39");
    REQUIRE(largest.has_value());
    CHECK(largest->to_string() == "1" + std::string(39, '0'));
    CHECK(Decimal::parse_plain(largest->to_string()) == largest);
    const auto mixed = Decimal::parse("1.5E39");
    REQUIRE(mixed.has_value());
    CHECK(mixed->to_string() == "15" + std::string(38, '0'));
    // An exponent inside the fraction appends nothing: 1.2345E2 is 123.45.
    CHECK(Decimal::parse("1.2345E2")->to_string() == "123.45");
    // A zero with a large exponent is zero, whatever the exponent.
    CHECK(Decimal::parse("0E40")->to_string() == "0");
}

TEST_CASE("Hostile text in a diagnostic is escaped for the terminal; UTF-8 text is shown as it is") {
    Diagnostic diagnostic;
    diagnostic.location = SourceLocation{"f.csv", 2, 0};
    diagnostic.code = DiagnosticCode::invalid_utf8;
    diagnostic.message = "bad '\x1b]0;owned\x07'";
    diagnostic.raw_line = std::string("Gr\xC3\xBC\xC3\x9F" "e,\x00,\xC3\x28,\xED\xA0\x80,\xF4\x90\x80\x80,\t\x7F", 24);
    CHECK(diagnostic.render() ==
          "f.csv:2: error[invalid-utf8]: bad '\\x1B]0;owned\\x07'\n"
          "    Grüße,\\x00,\\xC3(,\\xED\\xA0\\x80,\\xF4\\x90\\x80\\x80,\\x09\\x7F");
}
