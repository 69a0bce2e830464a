#include "importers/csv/read_ahead_source.hpp"

#include "engine/core/assert.hpp"

#include <algorithm>
#include <cstring>

namespace revshare::importers {

ReadAheadSource::ReadAheadSource(std::unique_ptr<ByteSource> inner, ReadAheadOptions options)
    : inner_(std::move(inner)), buffers_(options.buffer_count) {
    ENGINE_ASSERT(inner_ != nullptr);
    ENGINE_ASSERT(options.buffer_count >= 2);
    ENGINE_ASSERT(options.buffer_bytes > 0);
    for (Buffer& buffer : buffers_) buffer.bytes.resize(options.buffer_bytes);
    thread_ = std::thread([this] { produce(); });
}

ReadAheadSource::~ReadAheadSource() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

std::size_t ReadAheadSource::read(char* buffer, std::size_t size) {
    while (true) {
        if (holding_) {
            const Buffer& current = buffers_[read_index_ % buffers_.size()];
            if (offset_ < current.size) {
                const std::size_t count = std::min(size, current.size - offset_);
                std::memcpy(buffer, current.bytes.data() + offset_, count);
                offset_ += count;
                return count;
            }
            // Fully read: give the buffer back to the thread.
            {
                const std::lock_guard lock(mutex_);
                holding_ = false;
                ++read_index_;
                --filled_;
            }
            changed_.notify_all();
        }
        if (!next_buffer()) return 0;
    }
}

bool ReadAheadSource::next_buffer() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return filled_ > 0 || producer_done_; });
    if (filled_ == 0) {
        if (error_) std::rethrow_exception(error_);
        return false;
    }
    holding_ = true;
    offset_ = 0;
    delivered_file_bytes_ = buffers_[read_index_ % buffers_.size()].file_bytes_read;
    return true;
}

void ReadAheadSource::produce() {
    while (true) {
        std::size_t index = 0;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || filled_ < buffers_.size(); });
            if (stopping_) return;
            index = write_index_ % buffers_.size();
        }
        // The buffer is the thread's alone until it is published below.
        std::exception_ptr error;
        const bool done = fill(buffers_[index], error);
        {
            const std::lock_guard lock(mutex_);
            if (buffers_[index].size > 0) {
                ++write_index_;
                ++filled_;
            }
            error_ = error;
            producer_done_ = done;
        }
        changed_.notify_all();
        if (done) return;
    }
}

bool ReadAheadSource::fill(Buffer& buffer, std::exception_ptr& error) {
    buffer.size = 0;
    bool done = false;
    try {
        while (buffer.size < buffer.bytes.size()) {
            const std::size_t count = inner_->read(buffer.bytes.data() + buffer.size, buffer.bytes.size() - buffer.size);
            if (count == 0) {
                done = true;
                break;
            }
            buffer.size += count;
        }
    } catch (...) {
        error = std::current_exception();
        done = true;
    }
    buffer.file_bytes_read = inner_->file_bytes_read();
    return done;
}

}  // namespace revshare::importers
