// `revshare close --period YYYY-MM [--contract ID] [--sign-key FILE]`: freezes a settled
// period. Its run's statement, net and journal never change again; the close records the
// statement's SHA-256, the import high-water mark and the contract text's hash, chained to the
// previous close, and with a key (--sign-key, else $REVSHARE_SIGN_KEY) signs that record.
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "jobs/close_period.hpp"
#include "jobs/close_signatures.hpp"
#include "jobs/contracts.hpp"
#include "jobs/period_states.hpp"
#include "schema/close_store.hpp"

#include <cstdlib>
#include <iostream>

namespace revshare::app {
namespace {

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
    std::string counted_closed;  // a contract for which the period counts as closed or is retired (first one)
    for (const auto& stored : selected_contracts(db, contract_id, "close")) {
        if (const auto close = schema::load_period_close(db, stored.contract_id, period)) {
            std::cout << stored.contract_id << " " << period.to_string() << " is already closed (chain sha256 "
                      << close->chain_sha256 << "); nothing changed"
                      << (key ? " (a close is signed only when it is made: --sign-key does not sign it now)" : "")
                      << "\n";
            ++closed_or_already;
            continue;
        }
        const PeriodStates states(db, parse_stored_contract(stored));
        if (states.is_retired(period)) {  // a draft of a retired month is never closed: check_closable says so
            if (contract_id || counted_closed.empty()) counted_closed = stored.contract_id;
            if (contract_id) check_closable(states, stored.contract_id + " " + period.to_string(), period);
            continue;
        }
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
        const schema::PeriodClose close = close_period(db, stored, *run, allow_stale, key);
        std::cout << "closed " << close.contract_id << " " << close.period.to_string() << " (run " << close.run_id
                  << ", statement sha256 " << close.statement_sha256 << ", chain sha256 " << close.chain_sha256
                  << (key ? ", signed by key " + key->key_id() : std::string()) << ")\n";
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
