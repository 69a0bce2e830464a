#include "importers/csv/background_byte_sink.hpp"

#include "engine/core/assert.hpp"

#include <utility>

namespace revshare::importers {

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
    queue_.emplace_back(bytes);
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
        if (failed && !error_) error_ = failed;
        if (error_) {  // nothing more is written after a failure
            queue_.clear();
            queued_bytes_ = 0;
        }
        changed_.notify_all();
    }
}

}  // namespace revshare::importers
