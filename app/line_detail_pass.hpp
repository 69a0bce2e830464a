#pragma once
// The one pass over a period's lines behind the line-detail reports: it is the settlement's
// LineSource (it yields the period's current lines, in line_id order) and its LineMatchSink
// (it receives each line's matches before the settlement asks for the next line). So each
// line is read from the database once, and when the next one is asked for, the previous one
// is complete: its lines.csv rows are written, its cost added to its statement rows' sums and
// to the reconciliation of its file. The imports' other lines (other months, superseded
// scopes) are only counted for the reconciliation. Memory is bounded by the statement rows,
// import files, accounts and distinct texts, not by the lines.
#include "app/report_file_writer.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/error.hpp"
#include "engine/settle/settle_inputs.hpp"
#include "reports/lines_csv.hpp"
#include "reports/reconciliation_csv.hpp"
#include "schema/line_detail_query.hpp"
#include "schema/period_lines.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace revshare::app {

// The sum of one current statement row's lines.csv rows.
struct RowLineSum {
    Decimal lines_cost;    // sum of the matched lines' settlement-currency cost
    Decimal netted_share;  // sum of the final shares of its net_of rules (same segment)
    std::int64_t lines = 0;
    [[nodiscard]] Decimal basis() const { return lines_cost - netted_share; }
};

struct LineDetailPassOptions {
    schema::LineSelection selection;
    Day contract_start;                          // the first version's effective date
    std::size_t current_rows = 0;                // the stored run's current rows (row_index < this)
    reports::LinesCsvFormatter* formatter = nullptr;  // with lines_csv
    StreamingReportFile* lines_csv = nullptr;   // optional
    // Raised when the recomputation matches a line to a current row the run did not store.
    Error not_reproduced;
};

class LineDetailPass final : public settle::LineSource, public settle::LineMatchSink {
public:
    LineDetailPass(schema::Database& db, LineDetailPassOptions options);

    bool next(settle::LineInput& line) override;
    // The settlement's columns and those the detail shows and counts by.
    void read_only(const std::array<bool, text_column_count>& columns) override;
    void matched(std::int64_t line_id, std::size_t row_index, const Decimal& converted_cost,
                 const std::optional<Decimal>& fx_rate) override;

    // After the settlement: completes the last line and counts any line it did not read.
    void finish();

    [[nodiscard]] std::vector<RowLineSum>& row_sums() { return row_sums_; }
    // Matched revenue per provider: each matched line's settlement-currency cost, once.
    [[nodiscard]] std::map<std::string, Decimal> revenue_by_provider() const;
    // The reconciliation of every import the pass read, by import id.
    [[nodiscard]] std::vector<reports::FileReconciliation> reconciliations() const;

private:
    struct Match {
        std::size_t row_index = 0;
        Decimal settlement_cost;
        std::optional<Decimal> fx_rate;
    };
    // (billing account, billing currency) text ids; resolved to texts at the end.
    using AccountKey = std::pair<std::int64_t, std::int64_t>;

    void complete_pending();
    void write_matches();
    [[nodiscard]] reports::LineFate fate_of(const schema::LineDetail& line, bool matched) const;
    void count(const schema::LineDetail& line, reports::LineFate fate);
    [[nodiscard]] const std::string& file_name(std::int64_t import_id) const;

    LineDetailPassOptions options_;
    schema::StoredTextDictionary texts_;
    std::vector<schema::ImportSummary> imports_;  // by import id
    schema::LineDetailCursor cursor_;
    schema::LineDetail line_;      // the line the settlement is reading, while pending_
    bool pending_ = false;
    std::vector<Match> matches_;   // the pending line's
    std::string row_;              // one lines.csv row, reused
    std::vector<RowLineSum> row_sums_;
    std::map<std::int64_t, std::map<AccountKey, reports::AccountReconciliation>> accounts_;  // by import
    std::map<std::int64_t, Decimal> revenue_by_provider_id_;
};

}  // namespace revshare::app
