#include "app/prefetch_line_source.hpp"

#include <utility>

namespace revshare::app {
namespace {
constexpr std::size_t batches = 8;
constexpr std::size_t lines_per_batch = 4096;  // 8 × 4096 lines of about 200 bytes in flight
}  // namespace

void PrefetchLineSource::fill(Batch& batch) {
    batch.count = 0;
    while (batch.count < batch.lines.size()) {
        if (!inner_.next(batch.lines[batch.count])) {
            batch.last = true;
            return;
        }
        ++batch.count;
    }
}

bool PrefetchLineSource::next(settle::LineInput& line) {
    if (done_) return false;
    if (!pipeline_) {
        pipeline_ = std::make_unique<BatchPipeline<Batch>>(
            batches, [](Batch& batch) { batch.lines.resize(lines_per_batch); }, [this](Batch& batch) { fill(batch); });
    }
    while (current_ == nullptr || position_ == current_->count) {
        if (current_ != nullptr) {
            const bool last = current_->last;
            pipeline_->recycle(current_);
            current_ = nullptr;
            if (last) {
                done_ = true;
                pipeline_.reset();  // joined already: the inner source is the caller's again
                return false;
            }
        }
        current_ = pipeline_->next();  // rethrows the reading thread's error
        position_ = 0;
    }
    std::swap(line, current_->lines[position_++]);  // keeps both buffers alive for reuse
    return true;
}

bool ParallelPeriodLineSource::next(settle::LineInput& line) {
    if (!halves_[0]) {
        connection_ = schema::open_line_reader(db_);
        second_half_ = whole_.split(*connection_);
        halves_[0] = std::make_unique<PrefetchLineSource>(whole_);
        halves_[1] = std::make_unique<PrefetchLineSource>(*second_half_);
    }
    // Taking a line from each half in turn keeps both reading threads busy.
    for (int tries = 0; tries < 2; ++tries) {
        const std::size_t half = turn_;
        turn_ = 1 - turn_;
        if (done_[half]) continue;
        if (halves_[half]->next(line)) return true;
        done_[half] = true;
    }
    return false;
}

}  // namespace revshare::app
