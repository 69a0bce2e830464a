#pragma once
// Whether a stored run still settles what settling its period now would: `close` refuses a
// stale run unless asked, `report` warns that it is writing one.
#include "jobs/period_states.hpp"
#include "schema/contract_store.hpp"
#include "schema/settlement_store.hpp"

#include <string>
#include <vector>

namespace revshare::app {

struct StaleRun {
    std::vector<std::string> reasons;  // empty: up to date
    bool contract_text_changed = false;
    // What it starts from (cap totals, year totals, advance balances) changed: no adjustment
    // would ever post the difference (late data adjusts lines, not what earlier periods added up).
    bool totals_before_changed = false;
    [[nodiscard]] std::string why() const;  // the reasons, "; "-joined
};

// What changed since `run` was settled: its period's lines (imported or superseded), late data
// for a closed period before it (when it is the earliest open run, which posts late data), the
// contract text in force, the cap totals it starts from.
[[nodiscard]] StaleRun describe_staleness(schema::Database& db, const schema::StoredContract& stored,
                                          const PeriodStates& states, const schema::StoredRun& run);

// "2026-01, 2026-02" for messages.
[[nodiscard]] std::string period_list(const std::vector<Period>& periods);

}  // namespace revshare::app
