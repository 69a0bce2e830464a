#include "engine/core/money.hpp"

#include "engine/core/assert.hpp"

namespace revshare {

Money Money::round_to_minor_units(RoundingMode mode) const {
    return Money(amount_.round(currency_.minor_units(), mode), currency_);
}

std::string Money::to_minor_units_string() const {
    ENGINE_ASSERT(is_in_minor_units());
    return amount_.to_string_min_places(currency_.minor_units());
}

Money operator+(const Money& a, const Money& b) {
    ENGINE_ASSERT(a.currency_ == b.currency_);
    return Money(a.amount_ + b.amount_, a.currency_);
}

Money operator-(const Money& a, const Money& b) {
    ENGINE_ASSERT(a.currency_ == b.currency_);
    return Money(a.amount_ - b.amount_, a.currency_);
}

Money operator*(const Money& money, const Rate& rate) { return Money(money.amount_ * rate.value(), money.currency_); }

bool operator==(const Money& a, const Money& b) {
    ENGINE_ASSERT(a.currency_ == b.currency_);
    return a.amount_ == b.amount_;
}

std::strong_ordering operator<=>(const Money& a, const Money& b) {
    ENGINE_ASSERT(a.currency_ == b.currency_);
    return a.amount_ <=> b.amount_;
}

}  // namespace revshare
