// `revshare close --period YYYY-MM [--contract ID] [--sign-key FILE]`: freezes a settled
// period. Its run's statement, net and journal never change again; the close records the
// statement's SHA-256, the import high-water mark and the contract text's hash, chained to the
// previous close, and with a key (--sign-key, else $REVSHARE_SIGN_KEY) signs that record.
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "jobs/close_signatures.hpp"
#include "jobs/contracts.hpp"
#include "runtime/fault_injection.hpp"
#include "jobs/clock.hpp"
#include "jobs/period_states.hpp"
#include "jobs/stale_run.hpp"
#include "engine/core/sha256.hpp"
#include "schema/close_store.hpp"
#include "schema/period_lines.hpp"

#include <SQLiteCpp/Transaction.h>

#include <cstdlib>
#include <iostream>

namespace revshare::app {
namespace {

void check_closable(const PeriodStates& states, const std::string& what, const Period& period) {
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
    if (allow_stale) {
        std::cerr << "revshare: warning: close: " << what << " is closed as settled although " << why << "; what it "
                  << "does not include is settled as adjustments in the earliest open period after it\n";
        return;
    }
    throw Error("close: " + what + " is stale: " + why + "; settle it again first (revshare settle --period " + period +
                "), or close it as settled with --allow-stale (what it does not include is then settled as adjustments "
                "in the earliest open period after it)");
}

// Closes one period of one contract in its own transaction; prints what it did.
void close_one(schema::Database& db, const schema::StoredContract& stored, const schema::StoredRun& run, bool allow_stale,
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
    std::cout << "closed " << close.contract_id << " " << close.period.to_string() << " (run " << close.run_id
              << ", statement sha256 " << close.statement_sha256 << ", chain sha256 " << close.chain_sha256
              << (key ? ", signed by key " + key->key_id() : std::string()) << ")\n";
}

// --sign-key FILE, else $REVSHARE_SIGN_KEY: read before anything is closed, so a bad key
// closes nothing.
std::optional<SigningKey> signing_key(Arguments& arguments) {
    if (const auto path = arguments.take_option("sign-key")) return read_signing_key(*path, "close: --sign-key");
    const char* env = std::getenv("REVSHARE_SIGN_KEY");
    if (env == nullptr || *env == '\0') return std::nullopt;
    return read_signing_key(env, "close: $REVSHARE_SIGN_KEY");
}

}  // namespace

int command_close(const GlobalOptions& options, Arguments& arguments) {
    const Period period = parse_period_option("close", arguments.take_required("period"));
    const auto contract_id = arguments.take_option("contract");
    const bool allow_stale = arguments.take_flag("allow-stale");
    const auto key = signing_key(arguments);
    (void)arguments.positionals();
    schema::Database db(options.db_path);
    int closed_or_already = 0;
    std::string counted_closed;  // a contract for which the period counts as closed (first one)
    for (const auto& stored : selected_contracts(db, contract_id, "close")) {
        if (const auto close = schema::load_period_close(db, stored.contract_id, period)) {
            std::cout << stored.contract_id << " " << period.to_string() << " is already closed (chain sha256 "
                      << close->chain_sha256 << "); nothing changed\n";
            ++closed_or_already;
            continue;
        }
        const PeriodStates states(db, parse_stored_contract(stored));
        if (states.counts_as_closed(period)) {
            if (contract_id || counted_closed.empty()) counted_closed = stored.contract_id;
            if (contract_id) check_closable(states, stored.contract_id + " " + period.to_string(), period);
            continue;
        }
        const auto run = schema::load_current_run(db, stored.contract_id, period);
        if (!run) {
            if (contract_id) {
                throw Error("close: " + stored.contract_id + " " + period.to_string() +
                            " was never settled; run revshare settle --period " + period.to_string() + " first");
            }
            continue;
        }
        close_one(db, stored, *run, allow_stale, key);
        ++closed_or_already;
    }
    if (closed_or_already == 0 && !counted_closed.empty()) {
        const auto stored = schema::load_current_contract(db, counted_closed);
        if (stored) check_closable(PeriodStates(db, parse_stored_contract(*stored)), counted_closed + " " + period.to_string(), period);
    }
    if (closed_or_already == 0) {
        throw Error("close: no contract has a settled " + period.to_string() + "; run revshare settle --period " +
                    period.to_string() + " first");
    }
    return 0;
}

}  // namespace revshare::app
