#include "jobs/journal_export.hpp"

#include "jobs/contracts.hpp"
#include "jobs/period_reports.hpp"
#include "jobs/period_states.hpp"
#include "jobs/stale_run.hpp"
#include "runtime/atomic_file.hpp"

#include "engine/core/error.hpp"
#include "engine/rules/ledger_account.hpp"
#include "schema/close_store.hpp"

#include <SQLiteCpp/Transaction.h>

namespace revshare::app {
namespace {

// The error for a named contract that has no run for the period (as `report` words it).
[[noreturn]] void refuse_unsettled(const std::string& contract_id, const Period& period, const PeriodStates& states) {
    if (states.counts_as_closed(period)) {
        throw Error("journal: " + contract_id + " " + period.to_string() + " comes before the closed period " +
                    states.last_closed()->to_string() +
                    " and was never settled: it counts as closed with no rows of its own; its late data is in the "
                    "adjustment rows (for_period " + period.to_string() + ") of later periods' journals");
    }
    throw Error("journal: " + contract_id + " " + period.to_string() + " was never settled; run revshare settle --period " +
                period.to_string() + " first");
}

// Every party's account, or an Error naming the parties that would share one.
std::map<std::string, std::string> accounts_of(const rules::Contract& contract) {
    const rules::LedgerAccounts accounts = rules::compute_ledger_accounts(contract);
    if (!accounts.clashes.empty()) {
        const rules::AccountClash& clash = accounts.clashes.front();
        throw Error("journal: contract " + contract.id + ": parties \"" + clash.first_party + "\" and \"" +
                    clash.second_party + "\" would both post to " + clash.account +
                    "; give one of them an account of its own in the contract's [accounts] table (docs/contracts.md) "
                    "and add the text again (revshare contract add)");
    }
    return accounts.by_party;
}

// The run's rows name parties of the text in force (a newer text may have dropped one).
void check_parties_known(const schema::StoredRun& run, const rules::Contract& contract) {
    for (const settle::StatementRow& row : run.rows) {
        for (const std::string* party : {&row.payer, &row.payee}) {
            if (contract.find_party(*party) != nullptr) continue;
            throw Error("journal: " + contract.id + " " + run.header.period.to_string() + " (run " +
                        std::to_string(run.header.run_id) + ") names party \"" + *party +
                        "\", which the contract's text in force no longer has, so it has no account; settle the period "
                        "again, or add the party back");
        }
    }
}

reports::JournalRun journal_run(const schema::StoredRun& run, const schema::StoredContract& stored,
                                const rules::Contract& contract, bool closed) {
    const auto currency = Currency::from_code(run.header.currency);
    if (!currency) {
        throw Error("internal invariant failed: run " + std::to_string(run.header.run_id) + " has the unknown currency " +
                        run.header.currency + "; run revshare verify",
                    ExitCode::locked_or_invariant);
    }
    reports::check_balanced(stored_statement_view(run, *currency));  // a pair check, as every report makes
    check_parties_known(run, contract);
    reports::JournalRun out{.contract_id = run.header.contract_id,
                            .period = run.header.period,
                            .currency = *currency,
                            .run_id = run.header.run_id,
                            .closed = closed,
                            .statement_sha256 = run.header.statement_sha256,
                            .accounts_text_sha256 = stored.sha256,
                            .rows = run.rows,
                            .accounts = accounts_of(contract),
                            .party_names = {}};
    for (const rules::Party& party : contract.parties) out.party_names[party.key] = party.display_name;
    return out;
}

}  // namespace

JournalExport export_journal(schema::Database& db, const JournalRequest& request) {
    SQLite::Transaction snapshot(db.sql());  // one consistent read; rolled back when it ends
    JournalExport out;
    std::vector<reports::JournalRun> runs;
    for (const auto& stored : selected_contracts(db, request.contract_id, "journal")) {
        const rules::Contract contract = parse_stored_contract(stored);
        const PeriodStates states(db, contract);
        const auto close = schema::load_period_close(db, stored.contract_id, request.period);
        const auto run = close ? schema::load_run(db, close->run_id)
                               : schema::load_current_run(db, stored.contract_id, request.period);
        if (!run) {
            if (request.contract_id) refuse_unsettled(stored.contract_id, request.period, states);
            continue;
        }
        if (!close) {
            const StaleRun stale = describe_staleness(db, stored, states, *run);
            if (!stale.reasons.empty()) {
                out.warnings.push_back("journal: " + stored.contract_id + " " + request.period.to_string() + " (run " +
                                       std::to_string(run->header.run_id) + ") is stale: " + stale.why() +
                                       "; revshare settle --period " + request.period.to_string() + " brings it up to date");
            }
        }
        runs.push_back(journal_run(*run, stored, contract, close.has_value()));
        out.contracts.push_back(stored.contract_id);
    }
    if (runs.empty()) {
        throw Error("journal: no contract has a settled " + request.period.to_string() + "; run revshare settle --period " +
                    request.period.to_string() + " first");
    }
    out.text = reports::journal_export_text(runs, request.period, request.format);
    for (const auto& run : runs) out.transactions += reports::journal_transactions(run).size();
    return out;
}

void write_journal_file(const std::filesystem::path& path, const std::string& text) {
    try {
        write_file_atomically(std::filesystem::absolute(path), text);
    } catch (const std::filesystem::filesystem_error& error) {  // a parent folder that cannot be made
        throw Error("journal: cannot write " + path.string() + ": " + error.code().message() + "; nothing was written");
    } catch (const Error& error) {
        throw Error("journal: " + std::string(error.what()));
    }
}

}  // namespace revshare::app
