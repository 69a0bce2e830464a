#include "engine/core/rate.hpp"

namespace revshare {

std::optional<Rate> Rate::from_decimal(const Decimal& value, std::string* error) {
    if (value < Decimal() || value > Decimal::from_integer(1)) {
        if (error != nullptr) *error = "a rate must be between 0 and 1, got " + value.to_string();
        return std::nullopt;
    }
    return Rate(value);
}

}  // namespace revshare
