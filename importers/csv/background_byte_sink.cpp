#include "importers/csv/background_byte_sink.hpp"

#include "engine/core/assert.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <utility>

namespace revshare::importers {
namespace {

constexpr std::size_t spare_max = 16;  // chunks kept for reuse: 16 MB at most with 1 MB reads

// The copy is not on the import's critical path (the parser is) but competes with it for the
// two cores the import is built for. At a lower priority it runs in the parser's and writer's
// gaps, and the queue (32 MB by default) absorbs the lag; at equal priority the scheduler
// shares the cores evenly and the import took 8 % longer (bench/RESULTS.md, 2026-12-07).
// Linux gives each thread its own nice value; where it cannot be set, nothing changes.
void lower_this_threads_priority() {
    constexpr int lower_by = 10;
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
    if (current == -1 && errno != 0) return;
    (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), std::min(current + lower_by, 19));
}

}  // namespace

BackgroundByteSink::BackgroundByteSink(ByteSink& inner, std::size_t queued_bytes_max)
    : inner_(inner), queued_bytes_max_(queued_bytes_max), thread_([this] { run(); }) {
    ENGINE_ASSERT(queued_bytes_max_ > 0);
}

BackgroundByteSink::~BackgroundByteSink() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        queue_.clear();
        queued_bytes_ = 0;
    }
    changed_.notify_all();
    thread_.join();
}

void BackgroundByteSink::rethrow_error_locked() {
    if (error_) std::rethrow_exception(error_);
}

void BackgroundByteSink::write(std::string_view bytes) {
    if (bytes.empty()) return;
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return error_ || queued_bytes_ < queued_bytes_max_; });
    rethrow_error_locked();
    if (spare_.empty()) {
        queue_.emplace_back(bytes);
    } else {
        queue_.push_back(std::move(spare_.back()));
        spare_.pop_back();
        queue_.back().assign(bytes);
    }
    queued_bytes_ += bytes.size();
    lock.unlock();
    changed_.notify_all();
}

void BackgroundByteSink::finish() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return error_ || (queue_.empty() && !busy_); });
    rethrow_error_locked();
}

void BackgroundByteSink::run() {
    lower_this_threads_priority();
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        std::string chunk = std::move(queue_.front());
        queue_.pop_front();
        busy_ = true;
        lock.unlock();
        std::exception_ptr failed;
        try {
            inner_.write(chunk);
        } catch (...) {
            failed = std::current_exception();
        }
        lock.lock();
        busy_ = false;
        queued_bytes_ -= chunk.size();
        if (spare_.size() < spare_max) spare_.push_back(std::move(chunk));
        if (failed && !error_) error_ = failed;
        if (error_) {  // nothing more is written after a failure
            queue_.clear();
            queued_bytes_ = 0;
        }
        changed_.notify_all();
    }
}

}  // namespace revshare::importers
