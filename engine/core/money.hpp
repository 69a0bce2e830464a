#pragma once
// Money = Decimal + Currency. Same-currency arithmetic only: mixing currencies is a
// programmer error (group by currency first). No construction from floating point.
#include "engine/core/currency.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/rate.hpp"

namespace revshare {

class Money {
public:
    Money(Decimal amount, Currency currency) : amount_(std::move(amount)), currency_(std::move(currency)) {}
    [[nodiscard]] static Money zero(const Currency& currency) { return Money(Decimal(), currency); }

    [[nodiscard]] const Decimal& amount() const { return amount_; }
    [[nodiscard]] const Currency& currency() const { return currency_; }

    // Half-to-even to the currency's minor unit: the only rounding of money (contract.md step 5).
    [[nodiscard]] Money round_to_minor_units(RoundingMode mode) const;
    // True when the amount has no more decimals than the minor unit allows.
    [[nodiscard]] bool is_in_minor_units() const { return amount_.significant_scale() <= currency_.minor_units(); }
    // `-1234.56`: exactly the minor-unit digits. Asserts the amount is already rounded.
    [[nodiscard]] std::string to_minor_units_string() const;

    [[nodiscard]] Money operator-() const { return Money(-amount_, currency_); }
    friend Money operator+(const Money& a, const Money& b);
    friend Money operator-(const Money& a, const Money& b);
    // Exact product; turning it into a payable amount needs round_to_minor_units.
    friend Money operator*(const Money& money, const Rate& rate);
    Money& operator+=(const Money& other) { return *this = *this + other; }
    Money& operator-=(const Money& other) { return *this = *this - other; }

    friend bool operator==(const Money& a, const Money& b);
    friend std::strong_ordering operator<=>(const Money& a, const Money& b);

private:
    Decimal amount_;
    Currency currency_;
};

}  // namespace revshare
