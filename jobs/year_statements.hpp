#pragma once
// The statements a span of a contract's periods contributes to ytd.csv and `revshare summary`:
// per period, the closed run when the period is closed (what the close froze), else the
// current run (a draft), else why there is none (engine/settle/year_totals.hpp).
#include "engine/rules/contract.hpp"
#include "engine/settle/year_totals.hpp"
#include "schema/database.hpp"
#include "schema/settlement_store.hpp"

#include <vector>

namespace revshare::app {

struct YearSpan {
    Period first;  // inclusive
    Period last;   // inclusive
};

// One PeriodStatement per period of `span`, in order. `own_run` (optional) is the run used for
// its own period (the one `report` is writing), whatever the period's state.
[[nodiscard]] std::vector<settle::PeriodStatement> load_period_statements(schema::Database& db,
                                                                        const rules::Contract& contract,
                                                                        const YearSpan& span,
                                                                        const schema::StoredRun* own_run);

// The contract year that starts in `year` (at its year_start_month): 12 periods.
[[nodiscard]] YearSpan contract_year_starting_in(const rules::Contract& contract, int year);

// `2026-01..2026-12`
[[nodiscard]] std::string span_text(const YearSpan& span);

}  // namespace revshare::app
