#include "engine/settle/conversion.hpp"

namespace revshare::settle {

LineConverter::LineConverter(const FxTable& fx, const Currency& contract_currency, const rules::TextDictionary& texts)
    : fx_(fx), contract_currency_(contract_currency), texts_(texts) {}

bool LineConverter::is_contract_currency(std::int64_t currency_text_id) {
    const auto cached = is_contract_currency_by_text_id_.find(currency_text_id);
    if (cached != is_contract_currency_by_text_id_.end()) return cached->second;
    const bool same = texts_.text(currency_text_id) == contract_currency_.code();
    is_contract_currency_by_text_id_.emplace(currency_text_id, same);
    return same;
}

const std::optional<Decimal>& LineConverter::rate_for(std::int64_t currency_text_id, Day line_day) {
    const auto key = std::make_pair(currency_text_id, line_day);
    const auto cached = rate_by_currency_day_.find(key);
    if (cached != rate_by_currency_day_.end()) return cached->second;
    const std::string& currency = texts_.text(currency_text_id);
    auto rate = fx_.find(currency, contract_currency_.code(), line_day);
    // An empty or unknown BillingCurrency finds no rate either, so such a line is reported
    // as missing a rate rather than assumed to be in the contract currency.
    if (!rate) missing_.insert(MissingRate{currency, line_day});
    return rate_by_currency_day_.emplace(key, std::move(rate)).first->second;
}

std::optional<ConvertedCost> LineConverter::convert(const Decimal& cost, std::int64_t currency_text_id,
                                                    Day line_day) {
    if (is_contract_currency(currency_text_id)) return ConvertedCost{cost, std::nullopt};
    const std::optional<Decimal>& rate = rate_for(currency_text_id, line_day);
    if (!rate) return std::nullopt;
    // Range: cost has at most 40 significant digits and 60 decimals, the rate likewise; an
    // overflow of the 76-digit mantissa throws ArithmeticError, which propagates.
    return ConvertedCost{cost * *rate, rate};
}

std::vector<MissingRate> LineConverter::missing_rates() const { return {missing_.begin(), missing_.end()}; }

}  // namespace revshare::settle
