#include "jobs/close_period.hpp"

#include "engine/core/error.hpp"
#include "engine/core/sha256.hpp"
#include "jobs/clock.hpp"
#include "jobs/close_signatures.hpp"
#include "jobs/contracts.hpp"
#include "jobs/period_reports.hpp"
#include "jobs/stale_run.hpp"
#include "runtime/fault_injection.hpp"
#include "schema/period_lines.hpp"

#include <SQLiteCpp/Transaction.h>

#include <iostream>

namespace revshare::app {
namespace {

}  // namespace

void check_closable(const PeriodStates& states, const std::string& what, const Period& period) {
    if (states.is_retired(period)) {
        throw Error("close: cannot close " + what + ": the contract is retired from " + states.retired_from()->to_string() +
                    " (revshare contract retire): no month from then on is settled or closed");
    }
    const auto open = states.open_periods_with_data(period);
    if (!open.empty()) {
        throw Error("close: cannot close " + what + ": earlier period" + (open.size() == 1 ? " " : "s ") +
                    period_list(open) + (open.size() == 1 ? " is" : " are") +
                    " not closed; close periods in order (revshare close --period " + open.front().to_string() + ")");
    }
    if (states.counts_as_closed(period)) {
        throw Error("close: cannot close " + what + ": the later period " + states.last_closed()->to_string() +
                    " is already closed, so " + period.to_string() +
                    " counts as closed; its data is settled as adjustments in the earliest open period");
    }
}

namespace {

// A stale run is closed only when asked: what it does not include would post as adjustments.
void check_not_stale(schema::Database& db, const schema::StoredContract& stored, const PeriodStates& states,
                     const schema::StoredRun& run, bool allow_stale) {
    const StaleRun stale = describe_staleness(db, stored, states, run);
    if (stale.reasons.empty()) return;
    const std::string why = stale.why();
    const std::string period = run.header.period.to_string();
    const std::string what = stored.contract_id + " " + period + " (run " + std::to_string(run.header.run_id) + ")";
    if (stale.contract_text_changed) {
        // The text in force may cut or rate the period differently: closing the run under the
        // older text would freeze terms the stored contract no longer has.
        throw Error("close: " + what + " is stale: " + why + "; settle it again first (revshare settle --period " + period +
                    "); --allow-stale never closes a run under a contract text that is no longer in force");
    }
    if (stale.totals_before_changed) {
        // Late data posts the difference in a period's lines; nothing would ever post what a
        // change in the totals it starts from (a cap, a year-to-date basis) makes it owe.
        throw Error("close: " + what + " is stale: " + why + "; settle it again first (revshare settle --period " + period +
                    "); --allow-stale never closes a run whose starting totals changed: no adjustment would post the "
                    "difference");
    }
    if (allow_stale) {
        std::cerr << "revshare: warning: close: " << what << " is closed as settled although " << why << "; what it "
                  << "does not include is settled as adjustments in the earliest open period after it\n";
        return;
    }
    throw Error("close: " + what + " is stale: " + why + "; settle it again first (revshare settle --period " + period +
                "), or close it as settled with --allow-stale (what it does not include is then settled as adjustments "
                "in the earliest open period after it)");
}

}  // namespace

schema::PeriodClose close_period(schema::Database& db, const schema::StoredContract& stored, const schema::StoredRun& run, bool allow_stale,
               const std::optional<SigningKey>& key) {
    SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    const PeriodStates states(db, parse_stored_contract(stored));
    check_closable(states, stored.contract_id + " " + run.header.period.to_string(), run.header.period);
    check_not_stale(db, stored, states, run, allow_stale);
    const auto text = schema::load_contract_text(db, run.header.contract_text_id);
    if (!text || Sha256::of(stored_statement_csv(run)) != run.header.statement_sha256) {
        throw Error("internal invariant failed: close " + stored.contract_id + " " + run.header.period.to_string() +
                        ": the stored statement rows of run " + std::to_string(run.header.run_id) +
                        " no longer hash to its statement_sha256; run revshare verify",
                    ExitCode::locked_or_invariant);
    }
    const auto closes = schema::load_period_closes(db, stored.contract_id);
    schema::PeriodClose close{.contract_id = stored.contract_id,
                              .period = run.header.period,
                              .run_id = run.header.run_id,
                              .statement_sha256 = run.header.statement_sha256,
                              .import_high_water = run.header.import_high_water,
                              .contract_sha256 = text->sha256,
                              .previous_chain_sha256 = closes.empty() ? "" : closes.back().chain_sha256,
                              .chain_sha256 = "",
                              .closed_at = utc_now_text()};
    close.chain_sha256 = schema::compute_chain_sha256(close);
    schema::store_period_close(db, close);
    if (key) schema::store_close_signature(db, sign_close(*key, close));
    crash_point("close-commit");  // kill tests (tests/hardening/kill_test.cpp)
    transaction.commit();
    return close;
}

}  // namespace revshare::app
