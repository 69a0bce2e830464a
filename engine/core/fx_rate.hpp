#pragma once
// FxRate: one exchange rate, 1 `base` = `rate` `quote` on `date` (cli.md `fx import`).
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"

#include <string>

namespace revshare {

struct FxRate {
    Day date;
    std::string base;   // ISO 4217
    std::string quote;  // ISO 4217
    Decimal rate;       // > 0, exact
};

}  // namespace revshare
