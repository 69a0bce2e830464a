#pragma once
// The year's files (docs/reports.md "Year to date and quarters"): ytd.csv, written by `report`
// beside statement.csv, and summary-YYYY.csv, written by `revshare summary`. Formatting only:
// the sums come from engine/settle/year_totals.hpp. Amounts are exact, with at least the
// currency's minor-unit digits (as statement.csv writes them); currencies are never added up
// together (the currency is part of every row's key).
#include "engine/settle/year_totals.hpp"

#include <string>
#include <vector>

namespace revshare::reports {

struct YearToDateInput {
    std::string contract_id;
    Period period;                                          // the report's period, the last of `periods`
    const std::vector<settle::PeriodStatement>& periods;    // contract year start .. period
    const settle::YearTotals& totals;                       // of `periods`
};

// period,contract,year_start,currency,kind,rule,payer,payee,owed,rows,lines,basis,share,periods,missing_periods
// One row per (currency, kind, rule, payer, payee, owed) of the year's statements to date.
[[nodiscard]] std::string year_to_date_as_csv(const YearToDateInput& input);

struct YearSummaryInput {
    std::string contract_id;
    const std::vector<settle::PeriodStatement>& periods;  // the 12 periods of the contract year
    const settle::YearTotals& totals;                     // of `periods`
};

// contract,currency,row,kind,rule,payer,payee,owed,<12 periods>,<4 quarters>,<year>: a `state`
// row (each period's run state; per quarter and year `complete` or the missing periods), a
// `share` row per statement-row key and a `net` row per pair (positive: payer pays payee).
[[nodiscard]] std::string year_summary_as_csv(const YearSummaryInput& input);

// "2026-02=closed;2026-03=draft"
[[nodiscard]] std::string period_states_text(const std::vector<settle::PeriodStatement>& periods);
// The missing periods, `;`-joined ("" when none).
[[nodiscard]] std::string missing_periods_text(const std::vector<settle::PeriodStatement>& periods, std::size_t first,
                                               std::size_t count);

}  // namespace revshare::reports
