#include "importers/currency_check.hpp"

#include "engine/core/currency.hpp"

namespace revshare::importers {

bool CurrencyCheck::check(FieldReader& reader, std::optional<std::size_t> position, const UsageRecord& line) {
    bool has_cost = false;
    for (const auto& cost : line.cost) has_cost = has_cost || cost.has_value();
    const std::string& code = line.get(TextColumn::BillingCurrency);
    if (!has_cost || (!code.empty() && code == last_valid_)) return true;
    if (Currency::from_code(code)) {
        last_valid_ = code;
        return true;
    }
    const std::string message = code.empty() ? std::string("the row has a cost but no currency code")
                                              : "'" + code.substr(0, 60) + "' is not an ISO 4217 currency code";
    return reader.fail(DiagnosticCode::bad_currency, position, message,
                       "expected a three-letter ISO 4217 code such as USD, EUR or JPY");
}

}  // namespace revshare::importers
