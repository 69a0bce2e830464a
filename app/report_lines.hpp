#pragma once
// The line detail behind a stored run (issue 6): the run is recomputed from its inputs as they
// stood (as `replay` does: the import and FX high-water marks, the stored contract text, the
// cap totals it started from, its adjustments), the engine's (line, row) matches are spooled
// to a temporary file in line_id order, and one ordered pass over the lines of the imports
// that touch the period merges with them. Memory stays bounded by the number of statement
// rows and import files, whatever the number of lines.
//
// Out of that pass come lines.csv (streamed), the reconciliation of every import file, and the
// sum of each current row's lines (minus its net_of shares), which must equal its basis.
#include "app/report_file_writer.hpp"
#include "engine/core/decimal.hpp"
#include "reports/reconciliation_csv.hpp"
#include "schema/database.hpp"
#include "schema/settlement_store.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <map>
#include <string>
#include <vector>

namespace revshare::app {

// The sum of one current statement row's lines.csv rows.
struct RowLineSum {
    Decimal lines_cost;    // sum of the matched lines' settlement-currency cost
    Decimal netted_share;  // sum of the final shares of its net_of rules (same segment)
    std::int64_t lines = 0;
    [[nodiscard]] Decimal basis() const { return lines_cost - netted_share; }
};

struct RunLineDetail {
    std::string recomputed_statement_csv;  // compare with stored_statement_csv(run)
    std::vector<RowLineSum> row_sums;      // one per current row, in statement order
    std::vector<reports::FileReconciliation> files;
    // Matched revenue per provider: each matched line's settlement-currency cost, once.
    std::map<std::string, Decimal> revenue_by_provider;
};

// Recomputes `run` and merges its matches with the lines. `lines_csv` (optional) receives
// lines.csv. Netted shares are read from the stored rows (what the statement says). The
// matches are spooled in `spool_folder` (the report's folder: its disk), else in /tmp.
// Throws Error (exit 3) when the run cannot be recomputed (its contract text or FX rates
// are gone), Error (exit 2) when the spool cannot be written.
[[nodiscard]] RunLineDetail compute_run_line_detail(schema::Database& db, const schema::StoredRun& run,
                                                    StreamingReportFile* lines_csv,
                                                    const std::optional<std::filesystem::path>& spool_folder = std::nullopt);

// "" when every current row's basis and line count equal its lines; otherwise one message per
// row naming the run, the row and both amounts.
[[nodiscard]] std::vector<std::string> basis_mismatches(const schema::StoredRun& run, const RunLineDetail& detail);

}  // namespace revshare::app
