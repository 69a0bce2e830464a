#pragma once
// BackgroundByteSink: hands the bytes a DeliveredFile reads to another sink (the import's
// HashingSink and archive, which hash and compress them) on a thread of its own, so that the
// reading thread (the parser's own for a plain file) only reads and copies. The thread runs at
// a lower priority than the parser (see the .cpp). At most `queued_bytes_max` bytes wait;
// write() blocks beyond that. The first error of the inner sink is raised by the next write()
// or by finish().
#include "importers/csv/delivered_file.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace revshare::importers {

class BackgroundByteSink final : public ByteSink {
public:
    explicit BackgroundByteSink(ByteSink& inner, std::size_t queued_bytes_max = 32u << 20);
    ~BackgroundByteSink() override;  // stops the thread; bytes still queued are dropped
    BackgroundByteSink(const BackgroundByteSink&) = delete;
    BackgroundByteSink& operator=(const BackgroundByteSink&) = delete;

    void write(std::string_view bytes) override;
    // Waits until the inner sink has every byte written so far; raises its error, if any.
    void finish();

private:
    void run();
    void rethrow_error_locked();

    ByteSink& inner_;
    const std::size_t queued_bytes_max_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::string> queue_;
    // Chunks written, kept for the next write() to reuse (a fresh megabyte per chunk costs
    // page faults on the thread that reads); never more than the queue can hold.
    std::vector<std::string> spare_;
    std::size_t queued_bytes_ = 0;
    bool busy_ = false;      // the thread is writing a chunk it took off the queue
    bool stopping_ = false;
    std::exception_ptr error_;
    std::thread thread_;  // last: started once the members above exist
};

}  // namespace revshare::importers
