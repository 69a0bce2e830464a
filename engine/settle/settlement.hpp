#pragma once
// compute_settlement: one contract, one period, as a pure function from values to values
// (shared/spec/contract.md, "How a period is settled", steps 1–9). No database, no I/O, no
// clock; the same inputs give the same Settlement, row for row.
//
//   lines --(step 1: period, step 2: segment)--> matched per rule --(3: convert)--> totals
//   totals --(4 basis, 5 share, 6 min/max, 7 cap; row by row)--> statement rows
//   rows --(8)--> net;  rows --(9)--> journal, asserted to sum to zero
#include "engine/core/currency.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"
#include "engine/settle/conversion.hpp"
#include "engine/settle/journal.hpp"
#include "engine/settle/netting.hpp"
#include "engine/settle/settle_inputs.hpp"
#include "engine/settle/statement.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace revshare::settle {

struct Settlement {
    std::string contract_id;
    Period period;
    Currency currency;
    std::vector<StatementRow> rows;     // segment start, then rule file order
    std::vector<NetRow> net;            // from_party, then to_party
    std::vector<JournalEntry> journal;  // two entries per row; sums to exactly zero
    // Lifetime share total per cap group after this period: every cap group of the contract,
    // plus any other group listed in SettleInputs::cap_totals_before.
    std::map<std::string, Decimal> cap_totals_after;
    // Per ProviderName, the settlement-currency cost of the lines a current row matched, each
    // line once (however many rules matched it): statement.html's revenue chart.
    std::map<std::string, Decimal> matched_revenue_by_provider;
};

// Either a settlement, or the FX rates it lacks (then nothing may be stored).
struct SettleOutcome {
    std::optional<Settlement> settlement;  // empty iff missing_rates is not
    std::vector<MissingRate> missing_rates;  // sorted by currency then date, unique
};

// Throws ArithmeticError when an exact value outgrows Decimal (the caller names the input).
[[nodiscard]] SettleOutcome compute_settlement(const SettleInputs& inputs);

}  // namespace revshare::settle
