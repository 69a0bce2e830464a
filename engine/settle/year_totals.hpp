#pragma once
// A contract year's statements added up: per statement-row key (currency, kind, rule, payer,
// payee, owed) and per pair of parties, for each period, each quarter (three periods) and the
// whole span. Pure and exact (Decimal sums, no rounding): what ytd.csv and `revshare summary`
// write. Rows count in the period whose statement holds them, so an adjustment row counts in
// the period that posted it, whatever its for_period (the statements are what was paid).
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"
#include "engine/settle/statement.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::settle {

// Which statement a period of the year contributes: its closed run (closed), its current run
// when open (draft), none because it comes before a close and was never settled (it counts as
// closed with no rows: closed-no-run), none because it was not settled (missing), none because
// no version of the contract is in force yet (before-contract).
enum class PeriodRunState : std::uint8_t { closed, draft, closed_no_run, missing, before_contract };
[[nodiscard]] std::string_view period_run_state_name(PeriodRunState state);
// Whether a period in this state has nothing more to settle (everything but `missing`).
[[nodiscard]] bool period_run_state_complete(PeriodRunState state);

struct PeriodStatement {
    Period period;
    PeriodRunState state = PeriodRunState::missing;
    std::string currency;            // the run's; empty without a run
    std::vector<StatementRow> rows;  // the run's statement rows, empty without a run
    std::vector<NetRow> net;         // the run's net rows (net.csv), empty without a run
};

struct YearRowKey {
    std::string currency;
    RowKind kind = RowKind::current;
    std::string rule_id;
    std::string payer;
    std::string payee;
    bool owed = true;
    friend bool operator==(const YearRowKey&, const YearRowKey&) = default;
    friend std::strong_ordering operator<=>(const YearRowKey& a, const YearRowKey& b);
};

// A pair of parties: `first` pays `second` a positive amount, the reverse a negative one. The
// party that pays over the whole span comes first (the party keys' order when it nets to zero).
struct YearPairKey {
    std::string currency;
    std::string first;
    std::string second;
    friend bool operator==(const YearPairKey&, const YearPairKey&) = default;
    friend std::strong_ordering operator<=>(const YearPairKey&, const YearPairKey&) = default;
};

struct RowTotals {
    std::int64_t lines = 0;
    Decimal basis;
    Decimal share;
    std::int64_t rows = 0;  // statement rows added up
    friend bool operator==(const RowTotals&, const RowTotals&) = default;
};

// nullopt: no statement row (or net row) with this key in that period or span.
struct YearRow {
    YearRowKey key;
    std::vector<std::optional<RowTotals>> by_period;   // one per period given
    std::vector<std::optional<RowTotals>> by_quarter;  // one per three periods given
    std::optional<RowTotals> total;                    // every period given
};

struct YearNetRow {
    YearPairKey key;
    std::vector<std::optional<Decimal>> by_period;
    std::vector<std::optional<Decimal>> by_quarter;
    std::optional<Decimal> total;
};

struct YearTotals {
    std::vector<YearRow> rows;     // in key order
    std::vector<YearNetRow> net;   // in key order
};

// Adds up `periods` (consecutive, in order). Quarters are periods [0,3), [3,6), ... of the list.
// Asserts that the quarters add up to the total (a pair check of the two sums).
[[nodiscard]] YearTotals compute_year_totals(const std::vector<PeriodStatement>& periods);

}  // namespace revshare::settle
