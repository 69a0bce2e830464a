#pragma once
// The one pass over a period's lines behind the line-detail reports: it is the settlement's
// LineSource (it yields the period's current lines, in line_id order) and its LineMatchSink
// (it receives each line's matches before the settlement asks for the next line). So each
// line is read from the database once, and when the next one is asked for, the previous one
// is complete: its lines.csv rows are written, its cost added to its statement rows' sums and
// to the reconciliation of its file. The imports' other lines (other months, superseded
// scopes) are only counted for the reconciliation. Memory is bounded by the statement rows,
// import files, accounts and distinct texts, not by the lines.
//
// The lines are read on other threads (issue 7: reading SQLite rows was half the report's
// CPU), each through a connection of its own: the line ids are cut into pieces of
// `lines_per_batch` ids, reader k of n reads pieces k, k + n, ... one batch per piece, a fixed
// number of batches ahead (BatchPipeline), and this thread takes the batches from the readers
// in turn, so the lines arrive in line_id order. A reading thread also looks up the texts and
// formats each distinct text's lines.csv cell once. This thread settles, formats the rows
// and writes the file, so a write error is raised here as before, and a reading error is
// raised by next() or finish() after the lines before it. Reading through other connections
// is safe for the reason settle's split reading is (README "Performance"): lines are only
// appended, and the selection's import high-water mark bounds what is read.
#include "engine/core/batch_pipeline.hpp"
#include "runtime/report_file_writer.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/error.hpp"
#include "engine/settle/settle_inputs.hpp"
#include "reports/lines_csv.hpp"
#include "reports/reconciliation_csv.hpp"
#include "schema/line_detail_query.hpp"
#include "schema/period_lines.hpp"

#include <array>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
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

// Line ids per piece, and so at most lines per batch; 8 batches per reader are in flight
// (about 10 MB each).
constexpr std::size_t default_lines_per_batch = 4096;
// Reading threads: two, so that reading (SQLite decoding) is not the report's bottleneck on
// its own (README "Performance").
constexpr std::size_t default_line_readers = 2;

struct LineDetailPassOptions {
    schema::LineSelection selection;
    Day contract_start;                          // the first version's effective date
    std::size_t current_rows = 0;                // the stored run's current rows (row_index < this)
    reports::LinesCsvFormatter* formatter = nullptr;  // with lines_csv
    StreamingReportFile* lines_csv = nullptr;   // optional
    // Raised when the recomputation matches a line to a current row the run did not store.
    Error not_reproduced;
    std::size_t lines_per_batch = default_lines_per_batch;  // tests: tiny, to cross many batches
    std::size_t readers = default_line_readers;             // tests: 1 to 3, the same output
};

class LineDetailPass final : public settle::LineSource, public settle::LineMatchSink {
public:
    LineDetailPass(schema::Database& db, LineDetailPassOptions options);
    ~LineDetailPass() override;  // stops and joins the reading threads first
    LineDetailPass(const LineDetailPass&) = delete;
    LineDetailPass& operator=(const LineDetailPass&) = delete;

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
    // (billing account, billing currency) text ids; resolved to texts at the end.
    using AccountKey = std::pair<std::int64_t, std::int64_t>;
    // A line as the reading thread hands it over.
    struct ReadLine {
        schema::LineDetail detail;
        bool tax = false;  // in the selection, and its charge category is "Tax"
        // With lines_csv, for a line in the selection: its import_file cell, and its provider ..
        // cost_currency cells (text_cell each), pointing into the reading thread's caches.
        const std::string* import_file_cell = nullptr;
        std::array<const std::string*, reports::formatted_text_cells> text_cells{};
        const std::string* cost_currency = nullptr;  // the code
    };
    struct ReadBatch {
        std::vector<ReadLine> items;
        std::size_t count = 0;
        bool last = false;
        std::exception_ptr failure;
    };

    class Reader;  // a reading thread's connection, cursor and caches (line_detail_pass.cpp)
    // The next line in line_id order, from the readers' batches in turn; nullptr after the last.
    [[nodiscard]] const ReadLine* take();
    [[nodiscard]] const std::string& import_file_cell(std::int64_t import_id) const;  // on reading threads
    void complete_pending();
    void write_matches();
    [[nodiscard]] reports::LineFate fate_of(const ReadLine& line, bool matched) const;
    void count(const schema::LineDetail& line, reports::LineFate fate);

    LineDetailPassOptions options_;
    Day period_first_day_;  // the selection's period, [first, end)
    Day period_end_day_;
    std::vector<schema::ImportSummary> imports_;  // by import id
    std::vector<std::string> import_file_cells_;  // lines.csv's import_file cell, by position in imports_
    std::vector<std::unique_ptr<Reader>> readers_;  // their threads start at the first next()
    bool started_ = false;
    std::size_t turn_ = 0;                // the reader whose batch comes next
    std::vector<bool> finished_;          // by reader: its last batch was taken
    ReadBatch* batch_ = nullptr;          // the batch being taken, of readers_[turn_]
    std::size_t position_ = 0;            // in batch_
    const ReadLine* line_ = nullptr;  // the line the settlement is reading, while pending_
    bool pending_ = false;
    // The pending line's matches: their statement rows, and the converted cost and FX rate they
    // share (the settlement converts a line once).
    std::vector<std::size_t> matched_rows_;
    Decimal matched_cost_;
    std::optional<Decimal> matched_fx_rate_;
    std::vector<RowLineSum> row_sums_;
    std::map<std::int64_t, std::map<AccountKey, reports::AccountReconciliation>> accounts_;  // by import
    std::pair<std::int64_t, AccountKey> last_account_key_{};  // (import, key) of last_account_
    reports::AccountReconciliation* last_account_ = nullptr;
    std::map<std::int64_t, Decimal> revenue_by_provider_id_;
};

}  // namespace revshare::app
