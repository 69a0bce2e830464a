// `revshare nightly --inbox DIR --out DIR [--contract ID]`: the unattended batch job. Imports
#include "schema/stored_values.hpp"
// every export in the inbox not imported before (oldest first, one transaction each), settles
// every open period whose inputs changed, writes their reports, and prints and stores a summary.
// One run at a time (runtime/nightly_lock.hpp). Every step is idempotent, so a run killed anywhere
// and run again ends exactly where an uninterrupted run ends: the database by its transactions,
// the report folder because reports missing or different from the stored run are rewritten.
#include "runtime/atomic_file.hpp"
#include "jobs/clock.hpp"
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "jobs/contracts.hpp"
#include "runtime/fault_injection.hpp"
#include "jobs/import_file.hpp"
#include "jobs/import_zip.hpp"
#include "jobs/nightly_files.hpp"
#include "jobs/quarantine_list.hpp"
#include "engine/core/diagnostic.hpp"
#include "runtime/nightly_lock.hpp"
#include "jobs/run_summary.hpp"
#include "jobs/period_states.hpp"
#include "jobs/settle_service.hpp"
#include "jobs/stop_request.hpp"
#include "engine/core/assert.hpp"
#include "reports/statement_csv.hpp"
#include "schema/close_store.hpp"
#include "schema/period_lines.hpp"
#include "schema/settlement_store.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

namespace revshare::app {
namespace {

namespace fs = std::filesystem;

struct NightlyOptions {
    fs::path inbox;
    fs::path out;
    std::optional<std::string> contract_id;
};

bool is_inside(const fs::path& path, const fs::path& folder) {
    const auto relative = fs::weakly_canonical(path).lexically_relative(fs::weakly_canonical(folder));
    return !relative.empty() && *relative.begin() != "..";
}

NightlyOptions parse_nightly_options(const GlobalOptions& options, Arguments& arguments) {
    NightlyOptions nightly;
    nightly.inbox = arguments.take_required("inbox");
    nightly.out = out_folder_option("nightly", arguments);
    nightly.contract_id = arguments.take_option("contract");
    if (!arguments.positionals().empty()) throw UsageError("nightly: takes no file names (it reads --inbox DIR)");
    if (!fs::is_directory(nightly.inbox)) throw UsageError("nightly: --inbox " + nightly.inbox.string() + " is not a folder");
    if (is_inside(nightly.out, nightly.inbox)) {
        throw UsageError("nightly: --out " + nightly.out.string() + " is inside --inbox " + nightly.inbox.string() +
                         "; the reports would be read as exports the next night");
    }
    // The archive beside the database holds every imported file again, gzip-compressed: in the
    // inbox, each would be imported a second time under a new SHA-256.
    const fs::path archive = schema::archive_dir_for(options.db_path);
    if (is_inside(archive, nightly.inbox)) {
        throw UsageError("nightly: the database " + options.db_path.string() + " and its archive are inside --inbox " +
                         nightly.inbox.string() + "; the archived files would be imported again");
    }
    return nightly;
}

// A file's failure: the message starts with the file name unless it names it already (as the
// byte source's messages do); escaped, as a file name is input.
void report_file_error(const InboxFile& file, const std::string& message) {
    const std::string name = file.path.string();
    std::cerr << "revshare: error: " << printable(message.rfind(name + ": ", 0) == 0 ? message : name + ": " + message)
              << "\n";
}

NightlyFileResult file_result(const std::string& file, const ImportFileOutcome& outcome) {
    return NightlyFileResult{.file = file,
                             .status = outcome.status,
                             .import_id = outcome.import_id,
                             .rows_read = outcome.rows_read,
                             .lines = outcome.lines,
                             .quarantined = outcome.quarantined,
                             .superseded_imports = outcome.superseded_imports};
}

void log_file_result(const std::string& shown, const NightlyFileResult& result) {
    if (result.status == ImportFileOutcome::Status::refused) spdlog::warn("nightly: refused {}", printable(shown));
    if (result.quarantined > 0) spdlog::warn("nightly: {}: {} rows quarantined", printable(shown), result.quarantined);
}

// A zip: one result per CSV member (`<file>:<member>`), its other members skipped; one refused
// result for the file when the zip is refused whole.
void import_inbox_zip(schema::Database& db, const InboxFile& file, const GlobalOptions& options, RunSummary& summary) {
    const ZipImportOutcome outcome = import_zip(db, file.path.string(), std::nullopt, options.quiet);
    const std::string zip_shown = file.path.string();
    if (outcome.refused) {
        summary.files.push_back(NightlyFileResult{.file = file.relative});
        log_file_result(zip_shown, summary.files.back());
    }
    for (const auto& member : outcome.members) {
        summary.files.push_back(file_result(file.relative + ":" + member.member, member.outcome));
        log_file_result(zip_shown + ":" + member.member, summary.files.back());
    }
    for (const auto& skipped : outcome.skipped) {
        // `<path as opened>:<member>` -> `<relative>:<member>`
        summary.skipped.push_back(SkippedFile{file.relative + skipped.file.substr(zip_shown.size()), skipped.reason});
    }
}

void import_inbox_file(schema::Database& db, const InboxFile& file, const GlobalOptions& options, RunSummary& summary) {
    try {
        if (is_zip_delivery(file.path.string())) return import_inbox_zip(db, file, options, summary);
        summary.files.push_back(file_result(file.relative, import_one(db, file.path.string(), std::nullopt, options.quiet)));
    } catch (const Error& e) {
        report_file_error(file, e.what());
        summary.files.push_back(NightlyFileResult{.file = file.relative});
    } catch (const fs::filesystem_error& e) {
        report_file_error(file, e.what());
        summary.files.push_back(NightlyFileResult{.file = file.relative});
    }
    log_file_result(file.path.string(), summary.files.back());
}

void import_inbox(schema::Database& db, const fs::path& inbox, const GlobalOptions& options, RunSummary& summary) {
    const InboxListing listing = list_inbox(inbox);
    spdlog::info("nightly: {} export files in {} ({} other files left alone)", listing.files.size(), inbox.string(),
                 listing.skipped.size());
    summary.skipped = listing.skipped;
    for (const auto& file : listing.files) {
        stop_point("nightly-import");
        import_inbox_file(db, file, options, summary);
        crash_point("nightly-after-import");
    }
    std::stable_sort(summary.skipped.begin(), summary.skipped.end(),
                     [](const SkippedFile& a, const SkippedFile& b) { return a.file < b.file; });
}

// The latest open period that has current lines (from the contract's first month on) or a
// current run: settling it settles every earlier open period whose inputs changed. With none,
// the month after the last close when late data arrived for a closed period (it posts it).
std::optional<Period> latest_open_period(schema::Database& db, const rules::Contract& contract) {
    const PeriodStates states(db, contract);
    const auto open = states.open_periods_with_data(std::nullopt);
    if (!open.empty()) return open.back();
    // A contract retired right after its last close settles no month, late data or not.
    if (states.has_late_data() && !states.is_retired(states.last_closed()->next())) return states.last_closed()->next();
    return std::nullopt;
}

// The file's bytes; empty when it does not exist (a report is never empty: it has a header).
std::string read_if_exists(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// Whether `out` already holds exactly the reports of `run` (write_period_reports' layout).
bool reports_match(const fs::path& out, const schema::StoredRun& run) {
    const auto currency = Currency::from_code(run.header.currency);
    if (!currency) return false;
    const reports::StatementView view = app::stored_statement_view(run, *currency);
    const auto dir = out / run.header.contract_id / run.header.period.to_string();
    return read_if_exists(dir / "statement.csv") == reports::statement_as_csv(view) &&
           read_if_exists(dir / "net.csv") == reports::net_as_csv(view);
}

SettledPeriod settled_period(const schema::StoredRun& run) {
    const Currency currency =
        schema::stored_currency(run.header.currency, "settlement_run.currency of run " + std::to_string(run.header.run_id));
    SettledPeriod settled{
        .contract_id = run.header.contract_id, .period = run.header.period, .run_id = run.header.run_id, .net = {}, .adjustments = {}};
    std::map<std::string, std::int64_t> adjusted;
    for (const auto& row : run.rows) {
        if (row.kind == settle::RowKind::adjustment) ++adjusted[row.for_period.to_string()];
    }
    settled.adjustments.assign(adjusted.begin(), adjusted.end());
    for (const auto& row : run.net) {
        settled.net.push_back(NetAmount{row.from_party, row.to_party, run.header.currency,
                                        row.amount.to_string_min_places(currency.minor_units())});
    }
    return settled;
}

std::string report_name(const std::string& contract_id, const Period& period) {
    return contract_id + "/" + period.to_string();
}

void record_missing_rates(const std::string& contract_id, const PeriodOutcome& step, RunSummary& summary) {
    const std::string missing = missing_rates_text(step.missing_rates);
    std::cerr << "revshare: error: nightly " << contract_id << " " << step.period.to_string()
              << ": missing FX rates into the contract currency for: " << missing
              << "\nhint: import them with revshare fx import FILE (a rate may be at most 7 days older than the line); "
                 "nothing was stored for this period or later ones, the next run settles them\n";
    spdlog::error("nightly: {} {}: missing FX rates for {}", contract_id, step.period.to_string(), missing);
    summary.stopped.push_back(StoppedContract{contract_id, step.period.to_string(),
                                              "missing FX rates into the contract currency for: " + missing, 2});
}

// Settles the contract through its latest open period and writes the reports of every period
// it settled. Returns the periods whose reports were written.
std::set<Period> settle_contract(schema::Database& db, const schema::StoredContract& stored, const fs::path& out,
                                 RunSummary& summary) {
    const rules::Contract contract = parse_stored_contract(stored);
    std::set<Period> written;
    const auto target = latest_open_period(db, contract);
    if (!target) return written;
    const ContractOutcome outcome = settle_contract_through(db, stored, SettleRequest{*target, false});
    crash_point("nightly-after-settle");
    std::vector<schema::StoredRun> settled;
    for (const auto& step : outcome.periods) {
        if (!step.missing_rates.empty()) record_missing_rates(contract.id, step, summary);
        if (!step.settled) continue;
        auto run = schema::load_current_run(db, contract.id, step.period);
        ENGINE_ASSERT(run.has_value());
        ENGINE_ASSERT(run->header.run_id == step.run_id);
        summary.settled.push_back(settled_period(*run));
        settled.push_back(std::move(*run));
    }
    // Stopped, here or below: the periods settled (and stored) are listed; the next run writes
    // the reports this one did not.
    if (outcome.interrupted) throw *outcome.interrupted;
    for (const auto& run : settled) {
        stop_point("nightly-report");
        const auto written_dir = write_period_reports(db, out, run, nullptr);
        crash_point("nightly-report-written");
        spdlog::info("nightly: wrote the reports of {} {} in {}", contract.id, run.header.period.to_string(),
                     written_dir.string());
        summary.reports_written.push_back(report_name(contract.id, run.header.period));
        written.insert(run.header.period);
    }
    return written;
}

// Rewrites the reports of open periods that this run did not settle when the files are
// missing or differ from the stored run: what a run killed after settling did not write.
void repair_reports(schema::Database& db, const std::string& contract_id, const fs::path& out,
                    const std::set<Period>& written, RunSummary& summary) {
    const auto stored = schema::load_current_contract(db, contract_id);
    if (!stored) return;
    const PeriodStates states(db, parse_stored_contract(*stored));
    for (const auto& header : schema::load_current_run_headers(db, contract_id)) {
        // A retired month's run is a draft left as it was: nightly no longer writes its reports.
        if (states.counts_as_closed(header.period) || states.is_retired(header.period) || written.contains(header.period)) {
            continue;
        }
        const auto run = schema::load_current_run(db, contract_id, header.period);
        if (!run || reports_match(out, *run)) continue;
        stop_point("nightly-report");
        write_period_reports(db, out, *run, nullptr);
        crash_point("nightly-report-written");
        spdlog::info("nightly: rewrote the reports of {} {} (missing or different)", contract_id, header.period.to_string());
        summary.reports_repaired.push_back(report_name(contract_id, header.period));
    }
}

void settle_and_report(schema::Database& db, const schema::StoredContract& stored, const fs::path& out,
                       RunSummary& summary) {
    try {
        const std::set<Period> written = settle_contract(db, stored, out, summary);
        repair_reports(db, stored.contract_id, out, written, summary);
    } catch (const Error& e) {
        std::cerr << "revshare: error: nightly " << stored.contract_id << ": " << printable(e.what()) << "\n";
        spdlog::error("nightly: {}: {}", stored.contract_id, printable(e.what()));
        summary.stopped.push_back(StoppedContract{stored.contract_id, "", e.what(), static_cast<int>(e.exit_code())});
    }
}

}  // namespace

int command_nightly(const GlobalOptions& options, Arguments& arguments) {
    const NightlyOptions nightly = parse_nightly_options(options, arguments);
    const NightlyLock lock(options.db_path, utc_now_text());
    schema::Database db(options.db_path);
    const auto contracts = selected_contracts(db, nightly.contract_id, "nightly");
    spdlog::info("nightly: started (process {}), inbox {}, out {}", ::getpid(), nightly.inbox.string(), nightly.out.string());
    if (const auto removed = remove_abandoned_temporaries(nightly.out); removed > 0) {
        spdlog::info("nightly: removed {} temporary files left in {} by a killed run", removed, nightly.out.string());
    }
    remove_abandoned_archive_temporaries(db);
    RunSummary summary;
    summary.contract = nightly.contract_id;
    summary.started_at = utc_now_text();
    const auto started = std::chrono::steady_clock::now();
    try {
        import_inbox(db, nightly.inbox, options, summary);
        for (const auto& stored : contracts) {
            stop_point("nightly-settle");
            settle_and_report(db, stored, nightly.out, summary);
        }
    } catch (const Interrupted& stop) {
        summary.interrupted = Interruption{signal_name(stop.signal()), stop.point(), stop.exit_code()};
        spdlog::warn("nightly: {}: stopping; the step under way was rolled back", stop.what());
    }
    // Read only: counted after an interruption too, from what the run committed.
    summary.quarantined_unresolved = count_unresolved_quarantine(db);
    summary.duration_ms = elapsed_ms(started);
    crash_point("nightly-summary");
    write_file_atomically(nightly.out / "run-summary.json", summary_as_json(summary, utc_now_text()));
    std::cout << summary_as_text(summary, nightly.out.string());
    spdlog::info("nightly: {}, exit {}: {} files imported, {} rows quarantined, {} periods settled",
                 summary.interrupted ? "interrupted" : "finished", summary.exit_code(), summary.count_files(ImportFileOutcome::Status::imported),
                 summary.rows_quarantined(), summary.settled.size());
    return summary.exit_code();
}

}  // namespace revshare::app
