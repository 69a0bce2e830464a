#include "engine/settle/fx_table.hpp"

#include "engine/core/assert.hpp"

#include <iterator>

namespace revshare::settle {

FxTable::FxTable(const std::vector<FxRate>& rates) {
    for (const FxRate& rate : rates) add(rate);
}

void FxTable::add(const FxRate& rate) {
    ENGINE_ASSERT(rate.rate.sign() > 0);
    auto& by_date = rates_[{rate.base, rate.quote}];
    const auto [found, inserted] = by_date.try_emplace(rate.date, rate.rate);
    ENGINE_ASSERT(inserted || found->second == rate.rate);
}

std::optional<Decimal> FxTable::find(std::string_view base, std::string_view quote, Day line_day) const {
    const auto pair = rates_.find(std::pair<std::string, std::string>(base, quote));
    if (pair == rates_.end()) return std::nullopt;
    const std::map<Day, Decimal>& by_date = pair->second;
    // The first rate dated after the line; the one before it is the latest on or before.
    auto after = by_date.upper_bound(line_day);
    if (after == by_date.begin()) return std::nullopt;
    const auto& [rate_day, rate] = *std::prev(after);
    ENGINE_ASSERT(rate_day <= line_day);
    if (line_day - rate_day > date::days(age_days_max)) return std::nullopt;
    return rate;
}

}  // namespace revshare::settle
