#pragma once
// Settlement runs in the database: statement rows, net rows, journal, cap totals and the
// imports a run read. Storing refuses an unbalanced journal (exit 3: an invariant failed).
#include "engine/settle/carried_totals.hpp"
#include "engine/settle/settlement.hpp"
#include "schema/database.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace revshare::schema {

struct RunHeader {
    std::int64_t run_id = 0;
    std::string contract_id;
    Period period{date::year(2000) / date::January};
    std::int64_t contract_text_id = 0;
    std::string currency;
    std::string inputs_sha256;
    std::int64_t import_high_water = 0;
    std::string statement_sha256;
    std::string settled_at;
    std::optional<std::int64_t> fx_high_water;  // largest fx_rate rowid read; nullopt: every rate (old runs)
    // The layout of statement.csv its statement_sha256 is of (reports::StatementColumns): 16
    // columns, or 12 for runs stored before migration 0015.
    int statement_columns = 16;
};

// A closed period whose late data the run recomputed (contract.md "Closed periods and late data").
// A period before the contract's last close that was never settled counts as closed with no
// rows: it has no closed run (nullopt).
struct AdjustedPeriod {
    Period for_period;
    std::optional<std::int64_t> closed_run_id;
};

struct StoredRun {
    RunHeader header;
    std::vector<settle::StatementRow> rows;
    std::vector<settle::NetRow> net;
    std::vector<settle::JournalEntry> journal;
    std::map<std::string, Decimal> cap_totals_after;
    std::map<std::string, Decimal> cap_totals_before;  // what the run started from, adjustments included
    settle::CarriedTotals carried_before;  // the year totals and recouped amounts it started from
    std::vector<AdjustedPeriod> adjusted_periods;
};

// Stores `run` as the current run of its (contract, period), replacing the previous one.
// Call inside a transaction. Returns the new run id.
std::int64_t store_run(Database& db, const StoredRun& run, const std::vector<std::int64_t>& import_ids);

// Makes the given current runs no longer current, replaced by `replaced_by` (a run of another
// period: the earliest open run, which posts their periods' lines as late data). Call inside a
// transaction.
void retire_runs_out_of_order(Database& db, const std::vector<std::int64_t>& run_ids, std::int64_t replaced_by);

[[nodiscard]] std::optional<StoredRun> load_run(Database& db, std::int64_t run_id);
[[nodiscard]] std::optional<StoredRun> load_current_run(Database& db, const std::string& contract_id, const Period& period);
// Headers of the current runs of a contract, in period order.
[[nodiscard]] std::vector<RunHeader> load_current_run_headers(Database& db, const std::string& contract_id);
// The statement rows the current runs of the contract's periods before `period` posted, in
// period order (what settle::carried_into derives a run's CarriedTotals from).
[[nodiscard]] std::vector<settle::PostedRow> load_rows_posted_before(Database& db, const std::string& contract_id,
                                                                    const Period& period);

// Cap totals after the latest current run of a period before `period` (empty: none).
[[nodiscard]] std::map<std::string, Decimal> load_cap_totals_before(Database& db, const std::string& contract_id,
                                                                    const Period& period);

}  // namespace revshare::schema
