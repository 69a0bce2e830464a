#pragma once
// Closing a settled period (contract.md "Closing a period"): the checks that it may be closed
// (earlier periods closed, not counting as closed, the run not stale), then the close record,
// chained to the previous close and, with a key, signed; stored in one transaction.
#include "engine/core/period.hpp"
#include "engine/core/signature.hpp"
#include "jobs/period_states.hpp"
#include "schema/close_store.hpp"
#include "schema/contract_store.hpp"
#include "schema/database.hpp"
#include "schema/settlement_store.hpp"

#include <optional>
#include <string>

namespace revshare::app {

// Throws revshare::Error when `period` cannot be closed now: an earlier period with data is
// open, or a later close makes it count as closed. `what` names it ("ID YYYY-MM").
void check_closable(const PeriodStates& states, const std::string& what, const Period& period);

// Closes `run`'s period. A stale run is refused unless `allow_stale` (never when the contract
// text changed); `key`, when given, signs the close record. Returns the stored close.
schema::PeriodClose close_period(schema::Database& db, const schema::StoredContract& stored, const schema::StoredRun& run,
                                 bool allow_stale, const std::optional<SigningKey>& key);

}  // namespace revshare::app
