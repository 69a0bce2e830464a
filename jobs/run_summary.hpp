#pragma once
// What one `nightly` run did, for people (the summary on stdout) and for machines
// (`run-summary.json` in --out), and the exit code it earns (README "Running it every night").
#include "jobs/import_file.hpp"
#include "jobs/skipped_file.hpp"
#include "engine/core/period.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace revshare::app {

struct NightlyFileResult {
    std::string file;  // relative to the inbox, '/'-separated; a zip's CSV member `<zip>:<member>`
    ImportFileOutcome::Status status = ImportFileOutcome::Status::refused;
    std::int64_t import_id = 0;  // the new import, or the earlier one with the same content
    std::int64_t rows_read = 0;
    std::int64_t lines = 0;
    std::int64_t quarantined = 0;
    std::int64_t superseded_imports = 0;  // earlier imports whose scopes this one superseded
};

struct NetAmount {
    std::string from_party;
    std::string to_party;
    std::string currency;
    std::string amount;  // exact, with the currency's minor-unit digits (as in net.csv)
};

struct SettledPeriod {
    std::string contract_id;
    Period period;
    std::int64_t run_id = 0;
    std::vector<NetAmount> net;  // empty: every pair nets to zero
    // The closed periods whose late data this run posted: adjustment rows per period.
    std::vector<std::pair<std::string, std::int64_t>> adjustments;
};

// A contract whose settlement stopped: at a period with missing FX rates (exit 2), or on an
// error (its exit code). Its periods before `period` were settled and reported.
struct StoppedContract {
    std::string contract_id;
    std::string period;  // YYYY-MM, or empty when the error is not about one period
    std::string reason;
    int exit_code = 2;
};

// A run that SIGTERM or SIGINT stopped at a safe point (jobs/stop_request.hpp): what the
// summary lists was done and is kept; the step under way was rolled back whole.
struct Interruption {
    std::string signal;  // "SIGTERM", "SIGINT"
    std::string point;   // the safe point it stopped at ("import-batch", "nightly-settle", ...)
    int exit_code = 143;  // 128 + the signal's number
};

struct RunSummary {
    std::optional<std::string> contract;  // --contract, or every contract
    std::vector<NightlyFileResult> files;
    std::vector<SkippedFile> skipped;  // inbox files and zip members left alone, by name (not refused ones)
    std::vector<SettledPeriod> settled;
    std::vector<StoppedContract> stopped;
    std::vector<std::string> reports_written;   // "<contract>/<period>", settled by this run
    std::vector<std::string> reports_repaired;  // not settled by this run, files were missing or different
    // Every import's quarantined rows still unresolved after the run, this run's and earlier ones'
    // (schema/quarantine_store.hpp says when a row is resolved).
    std::int64_t quarantined_unresolved = 0;
    std::optional<Interruption> interrupted;
    std::string started_at;        // jobs/clock.hpp
    std::int64_t duration_ms = 0;  // 0 under REVSHARE_NOW

    [[nodiscard]] std::int64_t count_files(ImportFileOutcome::Status status) const;
    [[nodiscard]] std::int64_t rows_quarantined() const;
    // 0 all done; 1 done, but rows were quarantined or a file refused; 2 (or 3) a contract
    // stopped: the highest exit code of the stopped contracts; 143 or 130 when a signal stopped
    // the run (whatever else happened: the run did not finish).
    [[nodiscard]] int exit_code() const;
};

// The block printed on stdout at the end of a run; `out_dir` as given on the command line.
[[nodiscard]] std::string summary_as_text(const RunSummary& summary, const std::string& out_dir);
// run-summary.json: keys in a fixed order, amounts as exact decimal strings, one wall-clock
// value (`finished_at`, from jobs/clock.hpp, so REVSHARE_NOW fixes it).
[[nodiscard]] std::string summary_as_json(const RunSummary& summary, const std::string& finished_at);

}  // namespace revshare::app
