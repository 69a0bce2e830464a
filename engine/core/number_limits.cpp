#include "engine/core/number_limits.hpp"

#include "engine/core/limits.hpp"

namespace revshare {
namespace {

// 10^digits as a Decimal; digits <= 18 fits an int64.
Decimal power_of_ten(int digits) {
    std::int64_t value = 1;
    for (int i = 0; i < digits; ++i) value *= 10;
    return Decimal::from_integer(value);
}

std::optional<std::string> digits_problem(const Decimal& value, int integer_digits_max, int decimals_max,
                                          const std::string& what) {
    static_assert(limits::amount_integer_digits_max <= 18 && limits::fx_rate_integer_digits_max <= 18);
    if (!value.magnitude_below_power_of_ten(integer_digits_max)) {
        return "beyond the limit for " + what + ": its magnitude must be below 10^" +
               std::to_string(integer_digits_max) + " (" + power_of_ten(integer_digits_max).to_string() + ")";
    }
    // The carried scale first: a cheap bound on the significant one.
    if (value.scale() > decimals_max && value.significant_scale() > decimals_max) {
        return "more than " + std::to_string(decimals_max) + " decimal places, the limit for " + what;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> cost_limit_problem(const Decimal& cost) {
    return digits_problem(cost, limits::amount_integer_digits_max, limits::cost_decimals_max, "a cost");
}

std::optional<std::string> amount_limit_problem(const Decimal& amount) {
    // Contract amounts have at most the currency's minor-unit digits (checked by the parser).
    return digits_problem(amount, limits::amount_integer_digits_max, limits::decimal_scale_max, "an amount");
}

std::optional<std::string> fx_rate_limit_problem(const Decimal& rate) {
    return digits_problem(rate, limits::fx_rate_integer_digits_max, limits::fx_rate_decimals_max, "an FX rate");
}

std::optional<std::string> rate_limit_problem(const Decimal& rate) {
    return digits_problem(rate, 1, limits::rate_decimals_max, "a rate");
}

}  // namespace revshare
