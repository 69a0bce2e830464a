// `revshare close --period YYYY-MM [--contract ID]`: freezes a settled period. Its run's
// statement, net and journal never change again; the close records the statement's SHA-256,
// the import high-water mark and the contract text's hash, chained to the previous close.
#include "app/command_support.hpp"
#include "app/commands.hpp"
#include "app/contracts.hpp"
#include "app/fault_injection.hpp"
#include "app/clock.hpp"
#include "engine/core/sha256.hpp"
#include "schema/close_store.hpp"
#include "schema/period_lines.hpp"

#include <SQLiteCpp/Transaction.h>

#include <iostream>
#include <set>

namespace revshare::app {
namespace {

// Earlier periods of the contract with a run or with data (from its first version's month on)
// that are not closed: they must be closed first, in order.
std::vector<Period> open_earlier_periods(schema::Database& db, const schema::StoredContract& stored, const Period& period) {
    const rules::Contract contract = parse_stored_contract(stored);
    const Period first = Period::containing(Instant(contract.versions.front().effective_from));
    std::set<Period> earlier;
    for (const auto& with_lines : schema::load_periods_with_lines(db)) {
        if (with_lines >= first && with_lines < period) earlier.insert(with_lines);
    }
    for (const auto& header : schema::load_current_run_headers(db, stored.contract_id)) {
        if (header.period < period) earlier.insert(header.period);
    }
    for (const auto& close : schema::load_period_closes(db, stored.contract_id)) earlier.erase(close.period);
    return {earlier.begin(), earlier.end()};
}

std::string period_list(const std::vector<Period>& periods) {
    std::string text;
    for (const auto& period : periods) text += (text.empty() ? "" : ", ") + period.to_string();
    return text;
}

void check_closable(schema::Database& db, const schema::StoredContract& stored, const Period& period) {
    const std::string what = stored.contract_id + " " + period.to_string();
    const auto open = open_earlier_periods(db, stored, period);
    if (!open.empty()) {
        throw Error("close: cannot close " + what + ": earlier period" + (open.size() == 1 ? " " : "s ") +
                    period_list(open) + (open.size() == 1 ? " is" : " are") +
                    " not closed; close periods in order (revshare close --period " + open.front().to_string() + ")");
    }
    const auto closes = schema::load_period_closes(db, stored.contract_id);
    if (!closes.empty() && closes.back().period > period) {
        throw Error("close: cannot close " + what + ": the later period " + closes.back().period.to_string() +
                    " is already closed; the data of " + period.to_string() +
                    " is settled as adjustments in the earliest open period");
    }
}

// Closes one period of one contract in its own transaction; prints what it did.
void close_one(schema::Database& db, const schema::StoredContract& stored, const schema::StoredRun& run) {
    SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    check_closable(db, stored, run.header.period);
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
    crash_point("close-commit");  // kill tests (tests/hardening/kill_test.cpp)
    transaction.commit();
    std::cout << "closed " << close.contract_id << " " << close.period.to_string() << " (run " << close.run_id
              << ", statement sha256 " << close.statement_sha256 << ", chain sha256 " << close.chain_sha256 << ")\n";
}

}  // namespace

int command_close(const GlobalOptions& options, Arguments& arguments) {
    const Period period = parse_period_option("close", arguments.take_required("period"));
    const auto contract_id = arguments.take_option("contract");
    (void)arguments.positionals();
    schema::Database db(options.db_path);
    int closed_or_already = 0;
    for (const auto& stored : selected_contracts(db, contract_id, "close")) {
        if (const auto close = schema::load_period_close(db, stored.contract_id, period)) {
            std::cout << stored.contract_id << " " << period.to_string() << " is already closed (chain sha256 "
                      << close->chain_sha256 << "); nothing changed\n";
            ++closed_or_already;
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
        close_one(db, stored, *run);
        ++closed_or_already;
    }
    if (closed_or_already == 0) {
        throw Error("close: no contract has a settled " + period.to_string() + "; run revshare settle --period " +
                    period.to_string() + " first");
    }
    return 0;
}

}  // namespace revshare::app
