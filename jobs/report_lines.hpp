#pragma once
// The line detail behind a stored run (issue 6): the run is recomputed from its inputs as they
// stood (as `replay` does: the import and FX high-water marks, the stored contract text, the
// cap totals it started from, its adjustments), and the recomputation reads its lines through
// LineDetailPass, which writes each line's detail as soon as the engine has matched it: one
// read of each line serves the recomputation and the detail. Memory stays bounded by the
// number of statement rows, import files and distinct texts, whatever the number of lines.
//
// Out of that pass come lines.csv (streamed), the reconciliation of every import file, and the
// sum of each current row's lines (minus its net_of shares), which must equal its basis.
#include "runtime/line_detail_pass.hpp"
#include "runtime/report_file_writer.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/error.hpp"
#include "reports/reconciliation_csv.hpp"
#include "schema/database.hpp"
#include "schema/settlement_store.hpp"

#include <map>
#include <string>
#include <vector>

namespace revshare::app {

struct RunLineDetail {
    std::string recomputed_statement_csv;  // compare with stored_statement_csv(run)
    std::vector<RowLineSum> row_sums;      // one per current row, in statement order
    std::vector<reports::FileReconciliation> files;
    // Matched revenue per provider: each matched line's settlement-currency cost, once.
    std::map<std::string, Decimal> revenue_by_provider;
};

// Recomputes `run` and reads its lines once. `lines_csv` (optional) receives lines.csv, whose
// statement-row cells are the stored run's (the caller commits it only when the recomputed
// statement is the stored one). Netted shares are read from the stored rows (what the
// statement says). Throws Error (exit 3) when the run cannot be recomputed (its contract text
// or FX rates are gone) or matches a line to a row it did not store. `lines_per_batch` and
// `readers`: how many line ids a reading thread hands over at a time, and how many threads
// read (LineDetailPass; the output is the same).
[[nodiscard]] RunLineDetail compute_run_line_detail(schema::Database& db, const schema::StoredRun& run,
                                                    StreamingReportFile* lines_csv,
                                                    std::size_t lines_per_batch = default_lines_per_batch,
                                                    std::size_t readers = default_line_readers);

// The error a run whose recomputation is not its stored statement raises: its line detail
// would explain numbers the statement does not have.
[[nodiscard]] Error not_reproduced_error(const schema::StoredRun& run);

// "" when every current row's basis and line count equal its lines; otherwise one message per
// row naming the run, the row and both amounts.
[[nodiscard]] std::vector<std::string> basis_mismatches(const schema::StoredRun& run, const RunLineDetail& detail);

}  // namespace revshare::app
