#pragma once
// BatchPipeline: a producer thread fills batches while the caller's thread consumes them, in
// order. A fixed pool of batches circulates (memory stays flat; a batch's buffers are reused),
// so the producer runs at most `batches` ahead. Used to put the import's parsing, gzip
// inflating (importers/csv/read_ahead_source.*), and settle's and the report's SQLite reading
// on the second core.
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
#include <utility>
#include <vector>

namespace revshare {

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

// The item at `index` of a batch's `items`, made when a batch first reaches it and reused after:
// a pool sized for a million rows costs a small input no more than its own rows (zeroing 8 MB of
// rows that a 20-row delivery never uses was a fifth of a small import's time).
template <typename Item>
Item& item_at(std::vector<Item>& items, std::size_t index) {
    ENGINE_ASSERT(index <= items.size());
    if (index == items.size()) items.emplace_back();
    return items[index];
}

// The items of a BatchPipeline's batches, one at a time and in order: `Batch` also has
// `std::vector<Item> items` (its capacity reserved here: `fill` sets at most items.capacity()
// items, through item_at) and `std::size_t count` (how many `fill` set). The producer starts on
// the first take(). Items stay in their batch (their buffers are reused).
template <typename Batch>
class BatchItems {
public:
    using Item = typename decltype(Batch::items)::value_type;

    BatchItems(std::size_t batches, std::size_t items_per_batch, std::function<void(Batch&)> fill)
        : batches_(batches), items_per_batch_(items_per_batch), fill_(std::move(fill)) {
        ENGINE_ASSERT(items_per_batch_ > 0);
    }

    // The next item, valid until the following take(); nullptr after the last one, when the
    // producer has finished (joined). Rethrows what `fill` threw, after the items before it.
    [[nodiscard]] Item* take() {
        if (done_) return nullptr;
        if (!pipeline_) {
            pipeline_ = std::make_unique<BatchPipeline<Batch>>(
                batches_, [this](Batch& batch) { batch.items.reserve(items_per_batch_); }, fill_);
        }
        while (current_ == nullptr || position_ == current_->count) {
            if (current_ != nullptr) {
                const bool last = current_->last;
                pipeline_->recycle(current_);
                current_ = nullptr;
                if (last) {
                    done_ = true;
                    pipeline_.reset();
                    return nullptr;
                }
            }
            try {
                current_ = pipeline_->next();
            } catch (...) {
                done_ = true;  // the producer stopped: nothing follows its error
                throw;
            }
            position_ = 0;
        }
        return &current_->items[position_++];
    }

    // Whether the producer is running: from the first take() until the last item was taken.
    [[nodiscard]] bool running() const { return pipeline_ != nullptr; }

private:
    std::size_t batches_;
    std::size_t items_per_batch_;
    std::function<void(Batch&)> fill_;
    std::unique_ptr<BatchPipeline<Batch>> pipeline_;
    Batch* current_ = nullptr;
    std::size_t position_ = 0;
    bool done_ = false;
};

}  // namespace revshare
