#pragma once
// `contract retire ID [--from YYYY-MM]` and `contract remove ID` (docs/commands.md, "Retiring
// and removing a contract"). Retiring stops every month from `from` on being settled or closed;
// nothing is deleted and the closed periods stay verifiable and replayable. Removing deletes a
// contract that has no closed period, with its runs. Each is one row of contract_change
// (schema/contract_change_store.hpp), chained by hash and named by the audit log.
#include "engine/core/period.hpp"
#include "schema/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace revshare::app {

struct RetireOutcome {
    Period from{date::year(2000) / date::January};
    bool stored = false;                   // false: already retired from exactly this month
    std::optional<Period> earlier_from;    // the retirement this one moved earlier
    std::vector<Period> draft_periods;     // open runs from `from` on, left as they were
};

// Retires the contract from `from`, by default the month after its last closed period (the
// month of its first version when none is closed). Refused (Error, exit 2): an unknown
// contract, a month that is closed or counts as closed, a month later than a retirement
// already recorded (a retirement only moves earlier).
[[nodiscard]] RetireOutcome retire_contract(schema::Database& db, const std::string& contract_id,
                                            const std::optional<Period>& from);

struct RemoveOutcome {
    std::vector<std::string> text_sha256s;  // the texts deleted, oldest first
    std::vector<std::string> run_periods;   // the runs deleted (their periods, by run id)
};

// Deletes the contract's texts and runs. Refused (Error, exit 2): an unknown contract, and a
// contract with a closed period (the message names them: retire it instead).
[[nodiscard]] RemoveOutcome remove_contract(schema::Database& db, const std::string& contract_id);

// Whether the contract is retired in `period` (settle and close leave it out when no --contract
// names it).
[[nodiscard]] bool is_retired_in(schema::Database& db, const std::string& contract_id, const Period& period);
// The month the contract is retired from (nullopt: not retired), for `contract list` and `show`.
[[nodiscard]] std::optional<Period> contract_retired_from(schema::Database& db, const std::string& contract_id);

}  // namespace revshare::app
