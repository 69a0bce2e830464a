#pragma once
// ReadAheadSource: reads another ByteSource on a thread of its own, ahead of the reader, into
// a small fixed pool of buffers (memory stays flat whatever the file size). Used for gzip, so
// that decompression runs on one core while the CSV is parsed on the other.
//
// Everything the inner source delivered before an error is returned first; the error itself
// (the same exception) is then thrown by read(), and by every read after it. Destroying the
// source early (a refused import) stops the thread and joins it, within one buffer's work.
#include "engine/core/batch_pipeline.hpp"
#include "importers/csv/byte_source.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <vector>

namespace revshare::importers {

struct ReadAheadOptions {
    std::size_t buffer_count = 4;
    std::size_t buffer_bytes = 1 << 20;
};

class ReadAheadSource final : public ByteSource {
public:
    ReadAheadSource(std::unique_ptr<ByteSource> inner, ReadAheadOptions options);

    std::size_t read(char* buffer, std::size_t size) override;
    // The inner source's count when the buffer being read was filled (so progress follows
    // what the reader has seen, not what the thread has decompressed ahead of it).
    [[nodiscard]] std::uint64_t file_bytes_read() const override { return delivered_file_bytes_; }

private:
    struct Buffer {
        std::vector<char> bytes;
        std::size_t size = 0;
        std::uint64_t file_bytes_read = 0;
        std::exception_ptr error;  // the inner source's, after this buffer's bytes
        bool last = false;
        std::exception_ptr failure;  // BatchPipeline's: unused, fill() keeps the bytes before an error
    };

    void fill(Buffer& buffer);  // on the thread: until full, the end or an error

    std::unique_ptr<ByteSource> inner_;
    // The reader's side.
    Buffer* current_ = nullptr;
    std::size_t offset_ = 0;
    bool finished_ = false;
    std::exception_ptr error_;  // thrown by every read once the bytes before it were read
    std::uint64_t delivered_file_bytes_ = 0;
    BatchPipeline<Buffer> buffers_;  // last: its thread uses inner_; destroyed (stopped) first
};

}  // namespace revshare::importers
