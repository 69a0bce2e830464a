// libFuzzer target: the Decimal parser (engine/core/decimal). The input is one or two numbers
// separated by a newline. Properties: parse never crashes; what parses prints canonically and
// parses back to the same value (plain and E-notation parsers alike); rounding, negation and
// exact arithmetic either give the value the algebra says or throw ArithmeticError, never a
// wrong number.
#include "engine/core/decimal.hpp"
#include "engine/core/error.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace revshare;

namespace {

void check_round_trip(const Decimal& value) {
    const std::string text = value.to_string();
    const auto again = Decimal::parse(text);
    fuzz::require(again.has_value(), "parse(to_string(x)) parses");
    fuzz::require(*again == value, "parse(to_string(x)) == x");
    const auto plain = Decimal::parse_plain(text);
    fuzz::require(plain.has_value() && *plain == value, "parse_plain(to_string(x)) == x");
    fuzz::require(again->to_string() == text, "to_string is canonical");
    // Padding can take a 39- or 40-digit value past the input limit; when it parses, it is equal.
    const auto padded = Decimal::parse(value.to_string_min_places(2));
    fuzz::require(!padded || *padded == value, "parse(to_string_min_places(2)) == x");
    fuzz::require((-(-value)) == value, "-(-x) == x");
    fuzz::require(value.sign() == (value.is_zero() ? 0 : (value.is_negative() ? -1 : 1)), "sign agrees");
}

void check_rounding(const Decimal& value) {
    try {
        const Decimal rounded = value.round(2, RoundingMode::half_even);
        fuzz::require(rounded.significant_scale() <= 2, "round(2) has at most 2 places");
        const Decimal error = value - rounded;
        const Decimal half_cent = *Decimal::parse_plain("0.005");
        fuzz::require(error <= half_cent && -error <= half_cent, "round(2) moves by at most half a cent");
        if (value.significant_scale() <= 2) fuzz::require(rounded == value, "round(2) keeps a 2-place value");
    } catch (const ArithmeticError&) {
    }
}

void check_pair(const Decimal& a, const Decimal& b) {
    try {
        const Decimal sum = a + b;
        fuzz::require(sum - b == a, "(a + b) - b == a");
        fuzz::require(sum == b + a, "a + b == b + a");
        const auto order = a <=> b;
        const int difference_sign = (a - b).sign();
        fuzz::require((order < 0) == (difference_sign < 0) && (order == 0) == (difference_sign == 0),
                      "a <=> b agrees with the sign of a - b");
    } catch (const ArithmeticError&) {
    }
    try {
        const Decimal product = a * b;
        fuzz::require(product == b * a, "a * b == b * a");
        fuzz::require(product.is_zero() == (a.is_zero() || b.is_zero()), "a * b is zero iff a or b is");
    } catch (const ArithmeticError&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto newline = input.find('\n');
    const std::string_view first = input.substr(0, newline);
    std::string error;
    const auto a = Decimal::parse(first, &error);
    fuzz::require(a.has_value() == error.empty(), "a parse error comes with a reason, success without one");
    const auto plain = Decimal::parse_plain(first);
    if (plain) fuzz::require(a.has_value() && *a == *plain, "what parse_plain accepts, parse accepts with the same value");
    if (!a) return 0;
    check_round_trip(*a);
    check_rounding(*a);
    if (newline == std::string_view::npos) return 0;
    const auto b = Decimal::parse(input.substr(newline + 1));
    if (!b) return 0;
    check_pair(*a, *b);
    return 0;
}
