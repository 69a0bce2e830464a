#pragma once
// The limits of limits.hpp applied to a value where it enters (an export's cost, an FX file's
// rate, a contract's amount or rate): what is wrong with it, as a phrase naming the limit for
// a message, or nullopt when it is within. Settlement's arithmetic is exact and its stored
// amounts fit an int64 only for values within these limits (limits.hpp says why).
#include "engine/core/decimal.hpp"

#include <optional>
#include <string>

namespace revshare {

// A cost of an export line: |cost| < 10^14, at most 24 decimals.
[[nodiscard]] std::optional<std::string> cost_limit_problem(const Decimal& cost);
// A contract amount (minimum, maximum, cap, up_to) and any amount settlement stores.
[[nodiscard]] std::optional<std::string> amount_limit_problem(const Decimal& amount);
// An FX rate: 0 < rate < 10^7, at most 12 decimals (the sign is checked by the caller).
[[nodiscard]] std::optional<std::string> fx_rate_limit_problem(const Decimal& rate);
// A share or tier rate (in [0, 1], checked by Rate): at most 10 decimals.
[[nodiscard]] std::optional<std::string> rate_limit_problem(const Decimal& rate);

}  // namespace revshare
