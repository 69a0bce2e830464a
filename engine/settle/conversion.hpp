#pragma once
// Conversion (contract.md step 3): a line's cost, in its BillingCurrency, into the contract
// currency with the FX table. Exact: cost × rate, no rounding. A missing rate is recorded,
// never skipped silently: the settlement stops and lists every missing (currency, date).
#include "engine/core/currency.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"
#include "engine/rules/text_dictionary.hpp"
#include "engine/settle/fx_table.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace revshare::settle {

struct MissingRate {
    std::string currency;  // the line's BillingCurrency (the FX base); the quote is the contract's
    Day date;              // the line's charge date

    friend auto operator<=>(const MissingRate&, const MissingRate&) = default;
};

struct ConvertedCost {
    Decimal cost;                  // in the contract currency
    std::optional<Decimal> fx_rate;  // nullopt when the line is already in the contract currency
};

class LineConverter {
public:
    LineConverter(const FxTable& fx, const Currency& contract_currency, const rules::TextDictionary& texts);

    // `cost` of a line charged on `line_day` in the currency whose text id is
    // `currency_text_id`; nullopt (and the rate recorded as missing) when no rate applies.
    [[nodiscard]] std::optional<ConvertedCost> convert(const Decimal& cost, std::int64_t currency_text_id,
                                                       Day line_day);

    // Every missing (currency, date) so far, sorted by currency then date, each once.
    [[nodiscard]] std::vector<MissingRate> missing_rates() const;

private:
    [[nodiscard]] bool is_contract_currency(std::int64_t currency_text_id);
    [[nodiscard]] const std::optional<Decimal>& rate_for(std::int64_t currency_text_id, Day line_day);

    const FxTable& fx_;
    const Currency& contract_currency_;
    const rules::TextDictionary& texts_;
    // Caches: millions of lines share a handful of (currency, day) pairs.
    std::map<std::int64_t, bool> is_contract_currency_by_text_id_;
    std::map<std::pair<std::int64_t, Day>, std::optional<Decimal>> rate_by_currency_day_;
    std::set<MissingRate> missing_;
};

}  // namespace revshare::settle
