#include "app/import_service_pipeline.hpp"

#include "engine/core/assert.hpp"

namespace revshare::app {
namespace {
constexpr std::size_t batches = 8;
constexpr std::size_t rows_per_batch = 512;  // 8 × 512 rows of about 2 KB: a few MB in flight
}  // namespace

RowPipeline::RowPipeline(importers::ExportReader& reader) : reader_(reader) {
    for (std::size_t i = 0; i < batches; ++i) {
        pool_.push_back(std::make_unique<RowBatch>());
        pool_.back()->rows.resize(rows_per_batch);
        free_.push_back(pool_.back().get());
    }
    thread_ = std::thread([this] { read_all(); });
}

RowPipeline::~RowPipeline() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
}

RowBatch* RowPipeline::take_free() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return stopping_ || !free_.empty(); });
    if (stopping_) return nullptr;
    RowBatch* batch = free_.front();
    free_.pop_front();
    return batch;
}

void RowPipeline::read_all() {
    for (;;) {
        RowBatch* batch = take_free();
        if (batch == nullptr) return;
        batch->count = 0;
        batch->last = false;
        batch->failure = nullptr;
        batch->new_texts.clear();
        try {
            while (batch->count < batch->rows.size()) {
                ImportRow& row = batch->rows[batch->count];
                const auto status = reader_.next(row.line, row.error);
                if (status == importers::ExportReader::Status::end) {
                    batch->last = true;
                    break;
                }
                row.is_line = status == importers::ExportReader::Status::line;
                if (row.is_line) encoder_.encode(row.line, row.encoded, batch->new_texts);
                ++batch->count;
            }
        } catch (...) {
            batch->failure = std::current_exception();
            batch->last = true;
        }
        batch->rows_read = reader_.rows_read();
        batch->file_bytes_read = reader_.file_bytes_read();
        const bool last = batch->last;
        {
            const std::lock_guard lock(mutex_);
            full_.push_back(batch);
        }
        changed_.notify_all();
        if (last) return;
    }
}

RowBatch* RowPipeline::next() {
    if (finished_) return nullptr;
    RowBatch* batch = nullptr;
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !full_.empty(); });
        batch = full_.front();
        full_.pop_front();
    }
    if (batch->last) {
        finished_ = true;
        thread_.join();  // the reader is the caller's again
        if (batch->failure) std::rethrow_exception(batch->failure);
    }
    return batch;
}

void RowPipeline::recycle(RowBatch* batch) {
    ENGINE_ASSERT(batch != nullptr);
    {
        const std::lock_guard lock(mutex_);
        free_.push_back(batch);
    }
    changed_.notify_all();
}

}  // namespace revshare::app
