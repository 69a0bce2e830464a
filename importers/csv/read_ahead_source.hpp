#pragma once
// ReadAheadSource: reads another ByteSource on a thread of its own, ahead of the reader, into
// a small fixed pool of buffers (memory stays flat whatever the file size). Used for gzip, so
// that decompression runs on one core while the CSV is parsed on the other.
//
// Everything the inner source delivered before an error is returned first; the error itself
// (the same exception) is then thrown by read(), and by every read after it. Destroying the
// source early (a refused import) stops the thread and joins it, within one buffer's work.
#include "importers/csv/byte_source.hpp"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace revshare::importers {

struct ReadAheadOptions {
    std::size_t buffer_count = 4;
    std::size_t buffer_bytes = 1 << 20;
};

class ReadAheadSource final : public ByteSource {
public:
    ReadAheadSource(std::unique_ptr<ByteSource> inner, ReadAheadOptions options);
    ~ReadAheadSource() override;
    ReadAheadSource(const ReadAheadSource&) = delete;
    ReadAheadSource& operator=(const ReadAheadSource&) = delete;

    std::size_t read(char* buffer, std::size_t size) override;
    // The inner source's count when the buffer being read was filled (so progress follows
    // what the reader has seen, not what the thread has decompressed ahead of it).
    [[nodiscard]] std::uint64_t file_bytes_read() const override { return delivered_file_bytes_; }

private:
    struct Buffer {
        std::vector<char> bytes;
        std::size_t size = 0;
        std::uint64_t file_bytes_read = 0;
    };

    void produce();  // the thread: fills buffers until the end, an error or stop
    // Fills `buffer` from the inner source; true when the inner source has nothing more.
    bool fill(Buffer& buffer, std::exception_ptr& error);
    bool next_buffer();  // waits for the next filled buffer; false at the end (or throws)

    std::unique_ptr<ByteSource> inner_;
    std::vector<Buffer> buffers_;  // a ring: filled in order by the thread, read in order

    std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t filled_ = 0;        // buffers filled and not yet released by the reader
    std::size_t write_index_ = 0;   // next buffer the thread fills (modulo the count)
    bool producer_done_ = false;    // the thread has published its last buffer
    bool stopping_ = false;         // the reader is gone: the thread stops
    std::exception_ptr error_;      // the inner source's error, after its bytes

    // The reader's side (only the reading thread touches these).
    std::size_t read_index_ = 0;
    bool holding_ = false;          // buffers_[read_index_ % count] is being read
    std::size_t offset_ = 0;
    std::uint64_t delivered_file_bytes_ = 0;

    std::thread thread_;  // last: started once everything above is constructed
};

}  // namespace revshare::importers
