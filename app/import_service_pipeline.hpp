#pragma once
// Importing on both cores: a thread reads, maps and encodes the export's rows (CSV, numbers,
// dates, text numbering: schema::LineEncoder) while the caller's thread stores them in SQLite. Rows arrive in file order, in
// batches that are handed back for reuse, so their strings keep their buffers and a row costs
// no allocation once warmed up. Memory is bounded: a fixed pool of batches circulates.
#include "engine/core/diagnostic.hpp"
#include "engine/core/usage_record.hpp"
#include "importers/export_reader.hpp"
#include "schema/line_encoding.hpp"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace revshare::app {

struct ImportRow {
    bool is_line = false;
    UsageRecord line;  // when is_line
    schema::EncodedLine encoded;  // when is_line: `line` as the line table stores it
    Diagnostic error;  // when not: the rejected row's diagnostic
};

struct RowBatch {
    std::vector<ImportRow> rows;  // the first `count` are filled
    std::size_t count = 0;
    // Texts first seen in this batch (schema::LineEncoder): the writer adds them before storing.
    std::vector<std::string> new_texts;
    std::int64_t rows_read = 0;         // the reader's counts after this batch, for progress
    std::uint64_t file_bytes_read = 0;
    bool last = false;
    std::exception_ptr failure;  // the reading thread's exception, on the last batch
};

class RowPipeline {
public:
    // Starts reading `reader` on a thread; the reader must not be used until next() returns nullptr.
    explicit RowPipeline(importers::ExportReader& reader);
    ~RowPipeline();  // stops the reading thread (after its current batch) and joins it
    RowPipeline(const RowPipeline&) = delete;
    RowPipeline& operator=(const RowPipeline&) = delete;

    // The next batch in file order, or nullptr when all were returned. Rethrows what the
    // reading thread threw (a read error of the file: the import fails as a whole).
    [[nodiscard]] RowBatch* next();
    // Gives back a batch returned by next(), once its rows are stored.
    void recycle(RowBatch* batch);

private:
    void read_all();
    [[nodiscard]] RowBatch* take_free();  // nullptr when stopping

    importers::ExportReader& reader_;
    schema::LineEncoder encoder_;  // used by the reading thread only
    std::vector<std::unique_ptr<RowBatch>> pool_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<RowBatch*> free_;
    std::deque<RowBatch*> full_;
    bool stopping_ = false;
    bool finished_ = false;  // the last batch was returned
    std::thread thread_;
};

}  // namespace revshare::app
