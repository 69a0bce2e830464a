#pragma once
// Settling a contract through a period (contract.md "When periods are settled"): earlier open
// periods whose inputs changed are settled again first, in period order, then the target.
// Each period is computed by the pure engine and stored in its own transaction.
#include "engine/settle/settlement.hpp"
#include "jobs/stop_request.hpp"
#include "schema/contract_store.hpp"
#include "schema/database.hpp"
#include "schema/settlement_store.hpp"

#include <string>
#include <vector>

namespace revshare::app {

struct PeriodOutcome {
    Period period;
    bool settled = false;          // a new run was stored
    bool unchanged = false;        // inputs identical to the stored run: left alone
    std::int64_t run_id = 0;
    std::vector<settle::MissingRate> missing_rates;  // non-empty: stopped here, nothing stored
};

struct ContractOutcome {
    std::string contract_id;
    std::vector<PeriodOutcome> periods;
    // A signal stopped it between two periods: `periods` were settled; the caller reports them
    // and throws this.
    std::optional<Interrupted> interrupted;
    [[nodiscard]] bool stopped_by_missing_rates() const;
};

struct SettleRequest {
    Period target;
    bool settle_target_even_if_unchanged = true;  // `settle` always replaces; `nightly` does not
    bool allow_empty = true;  // false: refuse a target with nothing to settle (`settle` without --allow-empty)
};

// Whether a version of the contract is in force on some day of `period` (settle refuses a
// period before the first version's month).
[[nodiscard]] bool has_version_in_force(const rules::Contract& contract, const Period& period);

// Refuses (Error, exit 3, naming the first problem) to settle anything while the inputs were
// tampered with in a way only a scan of a small table shows: an import row gone under its lines,
// the FX table no longer giving its seals, a supersession edited. `command` names the caller.
void refuse_tampered_inputs(schema::Database& db, const std::string& command);

// Settles the open periods with data before `request.target` whose inputs changed, then the
// target. Refuses (Error, exit 2) a target that counts as closed or has no version in force.
[[nodiscard]] ContractOutcome settle_contract_through(schema::Database& db, const schema::StoredContract& stored,
                                                      const SettleRequest& request);

// Everything a run reads, hashed: contract text, the scopes of current lines, the FX table,
// the cap totals it starts from and, for the earliest open period, the late-data state of the
// closed periods before it (their closed runs and the scopes of their current lines).
struct RunInputs {
    std::string fingerprint;
    std::vector<std::int64_t> import_ids;
    std::int64_t import_high_water = 0;
    std::int64_t fx_high_water = 0;
    std::map<std::string, Decimal> cap_totals_before;
    settle::CarriedTotals carried;  // year totals and recouped amounts from the earlier periods
    std::vector<schema::AdjustedPeriod> adjusted_periods;  // closed periods whose late data the run posts
};
// `earliest_open`: every earlier period of the contract with data or a run is closed, so this
// period carries the adjustments for late data of the closed ones (adjustments.hpp).
[[nodiscard]] RunInputs describe_run_inputs(schema::Database& db, const schema::StoredContract& stored,
                                            const rules::Contract& contract, const Period& period, bool earliest_open);

// "EUR 2026-04-04, EUR 2026-04-05" for messages.
[[nodiscard]] std::string missing_rates_text(const std::vector<settle::MissingRate>& missing);

}  // namespace revshare::app
