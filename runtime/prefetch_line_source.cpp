#include "runtime/prefetch_line_source.hpp"

#include <utility>

namespace revshare::app {
namespace {
constexpr std::size_t batches = 8;
constexpr std::size_t lines_per_batch = 4096;  // 8 × 4096 lines of about 200 bytes in flight
}  // namespace

PrefetchLineSource::PrefetchLineSource(settle::LineSource& inner)
    : inner_(inner), lines_(batches, lines_per_batch, [this](Batch& batch) { fill(batch); }) {}

void PrefetchLineSource::fill(Batch& batch) {
    batch.count = 0;
    while (batch.count < batch.items.capacity()) {
        if (!inner_.next(item_at(batch.items, batch.count))) {
            batch.last = true;
            return;
        }
        ++batch.count;
    }
}

bool PrefetchLineSource::next(settle::LineInput& line) {
    // After the last line the reading thread is joined: the inner source is the caller's again.
    settle::LineInput* read = lines_.take();  // rethrows the reading thread's error
    if (read == nullptr) return false;
    std::swap(line, *read);  // keeps both buffers alive for reuse
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
