#pragma once
// Rate: a share fraction in [0, 1] (contract rates, tier rates). Its own type so that a rate
// can never be added to money by mistake.
#include "engine/core/decimal.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace revshare {

class Rate {
public:
    // nullopt (and `error`) unless `value` is in [0, 1].
    [[nodiscard]] static std::optional<Rate> from_decimal(const Decimal& value, std::string* error = nullptr);
    [[nodiscard]] const Decimal& value() const { return value_; }
    friend bool operator==(const Rate& a, const Rate& b) { return a.value_ == b.value_; }

private:
    explicit Rate(Decimal value) : value_(std::move(value)) {}
    Decimal value_;
};

}  // namespace revshare
