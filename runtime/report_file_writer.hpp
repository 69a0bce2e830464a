#pragma once
// A report file too large to hold in memory (lines.csv: one row per matched line), written the
// way write_file_atomically writes a small one: under a temporary name in the same folder,
// flushed to disk, then renamed over the target by commit(). Destroyed without commit() (an
// exception unwinding), it removes the temporary and leaves any previous file in place.
//
// The bytes are written by a thread of its own (issue 7): the caller fills 1 MB buffers and
// hands each over, so formatting goes on while write() waits for the page cache and the disk.
// Memory stays bounded: four buffers are in flight, and the caller waits when all are. A write
// error is raised by the caller's next hand-over (appended(), append()) or by commit().
//
// Every 64 MB written, a third thread flushes what was written so far to the disk (fdatasync)
// while the writing goes on. Without it, a virtual disk with a write-back cache (this project's
// CI machine) takes the data into its cache and writes it to the medium only when commit()
// flushes: 1-2.6 s of the 10M-line report was that final wait (README "Performance"). A
// failed flush is a write error like any other.
#include <sys/types.h>

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace revshare::app {

struct StreamingReportFileOptions {
    off_t sync_bytes = off_t{64} << 20;  // flushed every this many bytes written
    int (*sync)(int fd) = nullptr;      // how: ::fdatasync when null (tests: a failing one)
};

class StreamingReportFile {
public:
    explicit StreamingReportFile(std::filesystem::path path, StreamingReportFileOptions options = {});
    ~StreamingReportFile();
    StreamingReportFile(const StreamingReportFile&) = delete;
    StreamingReportFile& operator=(const StreamingReportFile&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    void append(std::string_view text);
    // For appending rows in place, without a copy: append to buffer(), then call appended().
    [[nodiscard]] std::string& buffer() { return buffer_; }
    void appended();
    void commit();

private:
    void hand_over();  // gives buffer_ to the writing thread and takes an empty one
    void stop_writing();  // lets the writing thread write what it was given, and joins both threads
    void write_out();  // the writing thread
    void ask_to_sync();  // on the writing thread: every sync_bytes written
    void sync_out();     // the syncing thread
    void fail(std::string error);  // records the first failure (either thread); then nothing more is written
    std::filesystem::path path_;
    std::filesystem::path temporary_;
    int fd_ = -1;
    std::string buffer_;  // being filled by the caller
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::string> full_;   // handed over, to be written in order
    std::vector<std::string> empty_;  // written, for the caller to fill again
    bool stopping_ = false;
    std::string error_;  // the first failure to write or flush, for a person
    StreamingReportFileOptions options_;
    // The writing thread's:
    off_t size_ = 0;       // bytes written to fd_
    off_t sync_asked_ = 0;  // size_ when a flush was last asked for
    // Between the writing and the syncing thread (which the writing thread starts):
    std::mutex sync_mutex_;
    std::condition_variable sync_changed_;
    bool sync_wanted_ = false;
    bool sync_stopping_ = false;
    std::thread syncer_;
    std::thread writer_;  // last: started once everything above exists
};

}  // namespace revshare::app
