#pragma once
// FxTable: the imported FX rates (`revshare fx import`), and the one lookup settlement makes
// (contract.md step 3). A rate means 1 `base` = `rate` `quote`.
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace revshare::settle {

struct FxRate {
    Day date;
    std::string base;   // ISO 4217
    std::string quote;  // ISO 4217
    Decimal rate;       // > 0
};

class FxTable {
public:
    // A rate older than this many days is stale: 7 days old is used, 8 is not.
    static constexpr int age_days_max = 7;

    FxTable() = default;
    explicit FxTable(const std::vector<FxRate>& rates);

    // Adds a rate. The FX import refuses a second, different rate for one (date, base, quote);
    // here that is a programmer error. An identical repeat is ignored.
    void add(const FxRate& rate);

    // The rate to convert `base` into `quote` for a line charged on `line_day`: the latest
    // dated on or before `line_day`, at most age_days_max days old. Never a rate dated after
    // the line, never the inverse pair (dividing is not exact).
    [[nodiscard]] std::optional<Decimal> find(std::string_view base, std::string_view quote, Day line_day) const;

private:
    // (base, quote) -> date -> rate. Ordered by date so the lookup is one upper_bound.
    std::map<std::pair<std::string, std::string>, std::map<Day, Decimal>> rates_;
};

}  // namespace revshare::settle
