#include "importers/csv/read_ahead_source.hpp"

#include "engine/core/assert.hpp"

#include <algorithm>
#include <cstring>

namespace revshare::importers {
namespace {

// Checked before the thread that reads it starts.
std::unique_ptr<ByteSource> present(std::unique_ptr<ByteSource> inner) {
    ENGINE_ASSERT(inner != nullptr);
    return inner;
}

}  // namespace

ReadAheadSource::ReadAheadSource(std::unique_ptr<ByteSource> inner, ReadAheadOptions options)
    : inner_(present(std::move(inner))),
      buffers_(
          options.buffer_count,
          [&options](Buffer& buffer) {
              ENGINE_ASSERT(options.buffer_bytes > 0);
              buffer.bytes.resize(options.buffer_bytes);
          },
          [this](Buffer& buffer) { fill(buffer); }) {
    ENGINE_ASSERT(options.buffer_count >= 2);
}

std::size_t ReadAheadSource::read(char* buffer, std::size_t size) {
    for (;;) {
        if (current_ != nullptr) {
            if (offset_ < current_->size) {
                const std::size_t count = std::min(size, current_->size - offset_);
                std::memcpy(buffer, current_->bytes.data() + offset_, count);
                offset_ += count;
                return count;
            }
            // Fully read: give the buffer back to the thread.
            finished_ = current_->last;
            error_ = current_->error;
            buffers_.recycle(current_);
            current_ = nullptr;
        }
        if (finished_) {
            if (error_) std::rethrow_exception(error_);
            return 0;
        }
        current_ = buffers_.next();
        ENGINE_ASSERT(current_ != nullptr);  // the last buffer ends the reading above
        offset_ = 0;
        delivered_file_bytes_ = current_->file_bytes_read;
    }
}

void ReadAheadSource::fill(Buffer& buffer) {
    buffer.size = 0;
    buffer.error = nullptr;
    try {
        while (buffer.size < buffer.bytes.size()) {
            const std::size_t count = inner_->read(buffer.bytes.data() + buffer.size, buffer.bytes.size() - buffer.size);
            if (count == 0) {
                buffer.last = true;
                break;
            }
            buffer.size += count;
        }
    } catch (...) {
        // The bytes read before the error are delivered first; the error is thrown after them.
        buffer.error = std::current_exception();
        buffer.last = true;
    }
    buffer.file_bytes_read = inner_->file_bytes_read();
}

}  // namespace revshare::importers
