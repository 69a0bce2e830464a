#pragma once
// Importing on both cores: a thread reads and maps the export's rows (CSV, numbers, dates)
// while the caller's thread encodes and stores them in SQLite (schema::ImportWriter). Rows
// arrive in file order, in batches that are handed back for reuse, so their strings keep
// their buffers and a row costs no allocation once warmed up. Memory is bounded: a fixed pool
// of batches circulates.
//
// Issue 7: the split is by measured CPU. With the narrow `line` table (migration 0007) the
// storing thread had half the reading thread's work, so the text numbering and cost
// formatting (schema::LineEncoder) moved back to it: about 3.4 s and 2.8 s of CPU per
// million CUR rows instead of 2.0 s and 4.2 s.
#include "engine/core/batch_pipeline.hpp"
#include "engine/core/diagnostic.hpp"
#include "engine/core/usage_record.hpp"
#include "importers/export_reader.hpp"
#include "schema/line_encoding.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

namespace revshare::app {

struct ImportRow {
    bool is_line = false;
    UsageRecord line;  // when is_line
    schema::EncodedLine encoded;  // when is_line: room for ImportWriter::store_line's encoding
    Diagnostic error;  // when not: the rejected row's diagnostic
};

struct RowBatch {
    std::vector<ImportRow> rows;  // the first `count` are filled
    std::size_t count = 0;
    std::int64_t rows_read = 0;         // the reader's counts after this batch, for progress
    std::uint64_t file_bytes_read = 0;
    bool last = false;
    std::exception_ptr failure;  // the reading thread's exception, on the last batch (BatchPipeline)
};

class RowPipeline {
public:
    // Starts reading `reader` on a thread; the reader must not be used until next() returns nullptr.
    explicit RowPipeline(importers::ExportReader& reader);

    // The next batch in file order, or nullptr when all were returned. Rethrows what the
    // reading thread threw (a read error of the file: the import fails as a whole).
    [[nodiscard]] RowBatch* next() { return pipeline_.next(); }
    // Gives back a batch returned by next(), once its rows are stored.
    void recycle(RowBatch* batch) { pipeline_.recycle(batch); }

private:
    void fill(RowBatch& batch);  // on the reading thread

    importers::ExportReader& reader_;
    BatchPipeline<RowBatch> pipeline_;  // last: its thread uses the members above
};

}  // namespace revshare::app
