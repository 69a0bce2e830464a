// `revshare verify`: checks every invariant of the database and lists what is wrong (exit 1),
// or prints what it verified (exit 0). Never writes.
#include "engine/core/diagnostic.hpp"
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "jobs/late_data_check.hpp"
#include "jobs/archived_copy.hpp"
#include "jobs/nightly_files.hpp"
#include "jobs/close_signatures.hpp"
#include "jobs/delivered_lines_check.hpp"
#include "jobs/verify_stored_facts.hpp"
#include "jobs/report_lines.hpp"
#include "engine/core/currency.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/sha256.hpp"
#include "schema/close_store.hpp"
#include "schema/fx_store.hpp"
#include "schema/scope_checks.hpp"
#include "schema/integrity_store.hpp"

#include <SQLiteCpp/Transaction.h>

#include <iostream>
#include <set>

namespace revshare::app {
namespace {

using Problems = std::vector<std::string>;

std::string closed_name(const schema::PeriodClose& close) {
    return "closed " + close.contract_id + " " + close.period.to_string();
}

// One close: its link to the previous one, its own chain hash, and its statement's hash.
void check_close(schema::Database& db, const schema::PeriodClose& close, const std::string& previous_chain,
                 const std::set<std::int64_t>& unbalanced, Problems& problems) {
    if (close.previous_chain_sha256 != previous_chain) {
        problems.push_back(closed_name(close) + ": previous_chain_sha256 is " + close.previous_chain_sha256 +
                           ", the previous close's chain_sha256 is " + previous_chain + " (the chain is broken)");
    }
    if (schema::compute_chain_sha256(close) != close.chain_sha256) {
        problems.push_back(closed_name(close) + ": chain_sha256 " + close.chain_sha256 + " does not match its fields (" +
                           schema::compute_chain_sha256(close) + ")");
    }
    if (unbalanced.count(close.run_id) != 0) return;  // reported with the journals; cannot be rendered
    std::optional<schema::StoredRun> run;
    std::string sha;
    try {
        run = schema::load_run(db, close.run_id);
        if (!run) {
            problems.push_back(closed_name(close) + ": its run " + std::to_string(close.run_id) + " is missing");
            return;
        }
        sha = Sha256::of(stored_statement_csv(*run));
    } catch (const Error& error) {  // stored values or invariants a changed database broke
        problems.push_back(closed_name(close) + ": run " + std::to_string(close.run_id) + ": " + error.what());
        return;
    }
    if (sha != close.statement_sha256) {
        problems.push_back(closed_name(close) + ": the stored statement rows of run " + std::to_string(close.run_id) +
                           " hash to " + sha + ", not to the recorded statement_sha256 " + close.statement_sha256 +
                           " (a closed statement was changed; revshare replay --period " + close.period.to_string() +
                           " shows the rows)");
    }
    if (run->header.statement_sha256 != close.statement_sha256) {
        problems.push_back(closed_name(close) + ": the run recorded statement_sha256 " + run->header.statement_sha256 +
                           ", the close " + close.statement_sha256);
    }
}

std::size_t check_chain(schema::Database& db, const std::set<std::int64_t>& unbalanced, Problems& problems) {
    const auto closes = schema::load_period_closes(db, "");
    for (std::size_t i = 0; i < closes.size(); ++i) {
        const bool first_of_contract = i == 0 || closes[i - 1].contract_id != closes[i].contract_id;
        check_close(db, closes[i], first_of_contract ? "" : closes[i - 1].chain_sha256, unbalanced, problems);
    }
    return closes.size();
}

std::set<std::int64_t> check_journals(schema::Database& db, Problems& problems) {
    std::set<std::int64_t> unbalanced;
    for (const auto& sum : schema::load_unbalanced_journals(db)) {
        unbalanced.insert(sum.run_id);
        problems.push_back("run " + std::to_string(sum.run_id) + " (" + sum.contract_id + " " + sum.period +
                           "): the journal sums to " + std::to_string(sum.sum_minor) + " minor units, not zero");
    }
    return unbalanced;
}

void check_amounts(const std::vector<schema::StoredAmount>& amounts, const std::string& what, Problems& problems) {
    for (const auto& amount : amounts) {
        const auto currency = Currency::from_code(amount.currency);
        const auto value = Decimal::parse_plain(amount.amount);
        const auto minor = currency && value ? value->to_scaled_int64(currency->minor_units()) : std::nullopt;
        if (!minor || *minor != amount.amount_minor) {
            problems.push_back("run " + std::to_string(amount.run_id) + " " + what + " " + std::to_string(amount.number) +
                               ": the amount text " + amount.amount + " " + amount.currency + " is not its " +
                               std::to_string(amount.amount_minor) + " minor units");
        }
    }
}

std::size_t check_imports(schema::Database& db, Problems& problems) {
    const auto found = schema::load_import_counts(db);
    for (const auto& rows : found.missing) {
        problems.push_back("import " + std::to_string(rows.import_id) + " is gone, yet " + std::to_string(rows.lines) +
                           " lines, " + std::to_string(rows.scopes) + " scopes and " + std::to_string(rows.quarantined) +
                           " quarantined rows name it: its import row was deleted, and its lines would be settled with "
                           "no delivery behind them");
    }
    const auto& counts = found.imports;
    for (const auto& import : counts) {
        const std::string name = "import " + std::to_string(import.import_id) + " (" + import.file_name + ")";
        if (import.rows_read != import.rows_imported + import.rows_quarantined) {
            problems.push_back(name + ": rows_read " + std::to_string(import.rows_read) + " is not rows_imported " +
                               std::to_string(import.rows_imported) + " + rows_quarantined " +
                               std::to_string(import.rows_quarantined));
        }
        if (import.rows_already_known == 0 && import.lines_stored != import.rows_imported) {
            problems.push_back(name + ": " + std::to_string(import.lines_stored) + " lines stored, rows_imported says " +
                               std::to_string(import.rows_imported));
        } else if (import.lines_stored != import.rows_imported - import.rows_already_known) {
            // A seller feed's rows that repeated a known version store no line (formats.md S4).
            problems.push_back(name + ": " + std::to_string(import.lines_stored) + " lines stored, rows_imported " +
                               std::to_string(import.rows_imported) + " less rows_already_known " +
                               std::to_string(import.rows_already_known) + " says " +
                               std::to_string(import.rows_imported - import.rows_already_known));
        }
        if (import.lines_misreferenced != 0) {
            problems.push_back(name + ": " + std::to_string(import.lines_misreferenced) +
                               " lines name a scope or dimensions row that is not the import's");
        }
        if (import.quarantine_stored != import.rows_quarantined) {
            problems.push_back(name + ": " + std::to_string(import.quarantine_stored) +
                               " quarantined rows stored, rows_quarantined says " + std::to_string(import.rows_quarantined));
        }
    }
    return counts.size();
}

// Every current run's statement rows against their lines (issue 8 invariant): the run is
// recomputed as replay does and each row's basis must be the sum of its lines minus its
// net_of shares, its `lines` the number of lines matched.
std::size_t check_bases(schema::Database& db, const std::set<std::int64_t>& unbalanced, Problems& problems) {
    std::size_t checked = 0;
    for (const auto run_id : schema::load_current_run_ids(db)) {
        if (unbalanced.count(run_id) != 0) continue;  // reported with the journals
        std::optional<schema::StoredRun> run;
        try {
            run = schema::load_run(db, run_id);
        } catch (const Error& error) {
            problems.push_back("run " + std::to_string(run_id) + ": " + error.what());
            continue;
        }
        if (!run) continue;
        try {
            const auto detail = compute_run_line_detail(db, *run, nullptr);
            for (auto& problem : basis_mismatches(*run, detail)) problems.push_back(std::move(problem));
        } catch (const Error& error) {
            problems.push_back("run " + std::to_string(run_id) + " (" + run->header.contract_id + " " +
                               run->header.period.to_string() + "): its lines cannot be listed: " + error.what());
        }
        ++checked;
    }
    return checked;
}

// Temporaries a killed import left in the archive: not a problem (no import refers to them; the
// next import removes them), but listed, so that a person knows where the space went.
void print_abandoned_temporaries(const schema::Database& db) {
    const auto left = abandoned_temporaries(db.archive_dir());
    if (left.empty()) return;
    std::cout << "note: " << left.size() << " temporary " << (left.size() == 1 ? "file" : "files")
              << " left in the archive by a killed import (the next import removes them):\n";
    for (const auto& path : left) std::cout << "  " << printable(path.string()) << "\n";
}

}  // namespace

int command_verify(const GlobalOptions& options, Arguments& arguments) {
    // --chain-head may be given once per head kept (one per contract, say).
    const std::vector<std::string> heads = arguments.take_options("chain-head");
    // --public-key likewise, once per key that signed closes (an old and a new key).
    std::vector<PublicKey> keys;
    for (const auto& path : arguments.take_options("public-key")) {
        keys.push_back(read_public_key(path, "verify: --public-key"));
    }
    // --deep: every import's stored lines against its archived delivery read again.
    const bool deep = arguments.take_flag("deep");
    (void)arguments.positionals();
    for (const auto& head : heads) {
        if (head.size() != 64 || head.find_first_not_of("0123456789abcdef") != std::string::npos) {
            throw UsageError("verify: --chain-head '" + head + "': expected a chain sha256 (64 lowercase hex digits), as "
                             "close printed it");
        }
    }
    schema::Database db(options.db_path);
    db.make_query_only();
    SQLite::Transaction snapshot(db.sql());
    Problems problems;
    // The archives are the bulk of verify's reading: re-hashed on a thread of their own meanwhile.
    auto archives = archived_copy_problems_behind(db);
    const auto unbalanced = check_journals(db, problems);
    check_amounts(schema::load_statement_shares(db), "statement row", problems);
    check_amounts(schema::load_journal_amounts(db), "journal entry", problems);
    const std::size_t imports = check_imports(db, problems);
    const std::size_t closes = check_chain(db, unbalanced, problems);
    const std::size_t bases = check_bases(db, unbalanced, problems);
    for (auto& problem : late_data_coverage_problems(db)) problems.push_back(std::move(problem));
    for (auto& problem : stored_fact_problems(db)) problems.push_back(std::move(problem));
    for (auto& problem : archives.get()) problems.push_back(std::move(problem));
    for (auto& problem : chain_head_problems(db, heads)) problems.push_back(std::move(problem));
    for (auto& problem : close_signature_problems(db, keys)) problems.push_back(std::move(problem));
    for (auto& problem : schema::fx_seal_problems(db)) problems.push_back(std::move(problem));
    for (auto& problem : schema::supersession_problems(db)) problems.push_back(std::move(problem));
    if (deep) {
        for (auto& problem : schema::scope_period_problems(db)) problems.push_back(std::move(problem));
        for (auto& problem : delivered_line_problems(db)) problems.push_back(std::move(problem));
    }
    if (!problems.empty()) {
        std::cout << "verify: " << problems.size() << (problems.size() == 1 ? " problem" : " problems") << ":\n";
        // A problem may quote stored input (file names, the database's own text): escaped.
        for (const auto& problem : problems) std::cout << "  " << printable(problem) << "\n";
        print_abandoned_temporaries(db);
        return 1;
    }
    std::cout << "verified: " << imports << " imports, " << schema::count_rows(db, "settlement_run") << " runs, "
              << closes << " closed periods; every journal sums to zero and follows from its statement rows, every share matches its minor units, "
              << "import row counts add up, the closed statements hash to their records and the chain links, "
              << "every closed period's late data is posted by the earliest open run alone, the contract texts hash "
              << "to their records, every net follows from its statement rows, every close the audit log saw is there, "
              << "every archived copy holds the bytes its import hashed, the audit log's chain links"
              << (heads.empty() ? "" : heads.size() == 1 ? ", the chain head given is here" : ", the chain heads given are here")
              << (keys.empty() ? "" : ", every close signature holds under the public key given and each contract's latest close is signed")
              << (schema::count_rows(db, "contract_change") == 0
                      ? ""
                      : ", the contract retirements and removals chain and are all the audit log saw")
              << ", the FX rates are the ones fx import sealed, every scope delivered again later is superseded, by a later import"
              << (deep ? ", every scope period holds the lines it says and every import's stored lines and quarantined rows are "
                      "what its archived delivery gives" : "")
              << "; "
              << "the statement bases of " << bases << " current runs equal their lines\n";
    print_abandoned_temporaries(db);
    return 0;
}

}  // namespace revshare::app
