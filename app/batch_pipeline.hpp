#pragma once
// BatchPipeline: a producer thread fills batches while the caller's thread consumes them, in
// order. A fixed pool of batches circulates (memory stays flat; a batch's buffers are reused),
// so the producer runs at most `batches` ahead. Used to put the import's parsing and settle's
// SQLite reading on the second core.
//
// `Batch` needs `bool last` (set by `fill` on the final batch) and `std::exception_ptr failure`
// (set here when `fill` throws; next() rethrows it after the batches before it).
#include "engine/core/assert.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace revshare::app {

template <typename Batch>
class BatchPipeline {
public:
    // `fill` runs on the producer thread, once per batch, until it sets `last`; `prepare`
    // shapes each pooled batch once (e.g. sizes its vectors).
    BatchPipeline(std::size_t batches, const std::function<void(Batch&)>& prepare, std::function<void(Batch&)> fill)
        : fill_(std::move(fill)) {
        ENGINE_ASSERT(batches > 0);
        for (std::size_t i = 0; i < batches; ++i) {
            pool_.push_back(std::make_unique<Batch>());
            prepare(*pool_.back());
            free_.push_back(pool_.back().get());
        }
        thread_ = std::thread([this] { produce(); });
    }

    // Stops the producer (after its current batch) and joins it.
    ~BatchPipeline() {
        {
            const std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        changed_.notify_all();
        if (thread_.joinable()) thread_.join();
    }
    BatchPipeline(const BatchPipeline&) = delete;
    BatchPipeline& operator=(const BatchPipeline&) = delete;

    // The next batch, or nullptr after the last one was returned. When the last batch is
    // returned the producer has finished (joined): what it used is the caller's again. Rethrows
    // what `fill` threw, once the batches before it were returned.
    [[nodiscard]] Batch* next() {
        if (finished_) return nullptr;
        Batch* batch = nullptr;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return !full_.empty(); });
            batch = full_.front();
            full_.pop_front();
        }
        if (batch->last) {
            finished_ = true;
            thread_.join();
            if (batch->failure) std::rethrow_exception(batch->failure);
        }
        return batch;
    }

    // Gives back a batch returned by next() once it was consumed.
    void recycle(Batch* batch) {
        ENGINE_ASSERT(batch != nullptr);
        {
            const std::lock_guard lock(mutex_);
            free_.push_back(batch);
        }
        changed_.notify_all();
    }

private:
    void produce() {
        for (;;) {
            Batch* batch = nullptr;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [this] { return stopping_ || !free_.empty(); });
                if (stopping_) return;
                batch = free_.front();
                free_.pop_front();
            }
            batch->last = false;
            batch->failure = nullptr;
            try {
                fill_(*batch);
            } catch (...) {
                batch->failure = std::current_exception();
                batch->last = true;
            }
            const bool last = batch->last;
            {
                const std::lock_guard lock(mutex_);
                full_.push_back(batch);
            }
            changed_.notify_all();
            if (last) return;
        }
    }

    std::function<void(Batch&)> fill_;
    std::vector<std::unique_ptr<Batch>> pool_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Batch*> free_;
    std::deque<Batch*> full_;
    bool stopping_ = false;
    bool finished_ = false;
    std::thread thread_;  // last: started once everything above exists
};

}  // namespace revshare::app
