#include "runtime/import_service_pipeline.hpp"

namespace revshare::app {
namespace {
constexpr std::size_t batches = 8;
constexpr std::size_t rows_per_batch = 512;  // 8 × 512 rows of about 2 KB: a few MB in flight
}  // namespace

RowPipeline::RowPipeline(importers::ExportReader& reader)
    : reader_(reader),
      pipeline_(
          batches, [](RowBatch& batch) { batch.rows.reserve(rows_per_batch); },
          [this](RowBatch& batch) { fill(batch); }) {}

void RowPipeline::fill(RowBatch& batch) {
    batch.count = 0;
    while (batch.count < rows_per_batch) {
        ImportRow& row = item_at(batch.rows, batch.count);  // made when first needed (a small file makes few)
        const auto status = reader_.next(row.line, row.error);
        if (status == importers::ExportReader::Status::end) {
            batch.last = true;
            break;
        }
        row.is_line = status == importers::ExportReader::Status::line;
        ++batch.count;
    }
    // For progress. (When reading throws, the batch carries the failure instead.)
    batch.rows_read = reader_.rows_read();
    batch.file_bytes_read = reader_.file_bytes_read();
}

}  // namespace revshare::app
