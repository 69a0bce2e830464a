#pragma once
// CurrencyCheck: a row with any cost needs an ISO 4217 BillingCurrency; a row without a cost
// may leave it empty. Shared by every mapper. A file is nearly always in one currency, so the
// last valid code is remembered rather than searching the ISO 4217 table on every row (that
// search was a sixth of the import time).
#include "engine/core/usage_record.hpp"
#include "importers/field_reader.hpp"

#include <optional>
#include <string>

namespace revshare::importers {

class CurrencyCheck {
public:
    // True when `line` may be stored; otherwise a bad_currency diagnostic on `position`.
    bool check(FieldReader& reader, std::optional<std::size_t> position, const UsageRecord& line);

private:
    std::string last_valid_;
};

}  // namespace revshare::importers
