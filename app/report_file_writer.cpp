#include "app/report_file_writer.hpp"

#include "app/fault_injection.hpp"
#include "engine/core/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace revshare::app {
namespace {

constexpr std::size_t buffer_bytes_max = 1 << 20;  // bounded memory whatever the file's size
constexpr std::size_t buffers_in_flight = 4;
// Every this many bytes written, the disk is asked to start writing them (Linux): the write-back
// then runs while the rows are formatted, not all in commit()'s fsync (2.2 GB of lines.csv
// would otherwise wait in the page cache until then).
constexpr off_t write_back_bytes = off_t{64} << 20;

}  // namespace

StreamingReportFile::StreamingReportFile(std::filesystem::path path) : path_(std::move(path)) {
    std::filesystem::create_directories(path_.parent_path());
    temporary_ = path_.parent_path() / ("." + path_.filename().string() + ".tmp-" + std::to_string(::getpid()));
    fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd_ < 0) throw Error("cannot write " + temporary_.string() + ": " + std::strerror(errno));
    buffer_.reserve(buffer_bytes_max);
    for (std::size_t i = 0; i < buffers_in_flight; ++i) {
        empty_.emplace_back();
        empty_.back().reserve(buffer_bytes_max);
    }
    writer_ = std::thread([this] { write_out(); });
}

StreamingReportFile::~StreamingReportFile() {
    stop_writing();
    if (fd_ < 0) return;
    ::close(fd_);
    ::unlink(temporary_.c_str());
}

void StreamingReportFile::append(std::string_view text) {
    buffer_.append(text);
    appended();
}

void StreamingReportFile::appended() {
    if (buffer_.size() >= buffer_bytes_max) hand_over();
}

void StreamingReportFile::hand_over() {
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !empty_.empty() || !error_.empty(); });
        if (!error_.empty()) throw Error(error_);
        full_.push_back(std::move(buffer_));
        buffer_ = std::move(empty_.back());
        empty_.pop_back();
    }
    changed_.notify_all();
}

void StreamingReportFile::stop_writing() {
    if (!writer_.joinable()) return;
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    writer_.join();
}

void StreamingReportFile::write_out() {
    for (;;) {
        std::string chunk;
        bool failed = false;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || !full_.empty(); });
            if (full_.empty()) return;  // stopping, and everything handed over was written
            chunk = std::move(full_.front());
            full_.pop_front();
            failed = !error_.empty();
        }
        std::string error;
        std::size_t written = 0;
        while (!failed && written < chunk.size()) {
            const ssize_t count = ::write(fd_, chunk.data() + written, chunk.size() - written);
            if (count < 0) {
                error = "cannot write " + path_.string() + ": " + std::strerror(errno) + "; nothing was written";
                failed = true;
                break;
            }
            written += static_cast<std::size_t>(count);
        }
        size_ += static_cast<off_t>(written);
        if (size_ - written_back_ >= write_back_bytes) {
#if defined(__linux__)
            // Only a hint: a failure to write shows in commit()'s fsync, which waits for every byte.
            (void)::sync_file_range(fd_, written_back_, size_ - written_back_, SYNC_FILE_RANGE_WRITE);
#endif
            written_back_ = size_;
        }
        chunk.clear();
        {
            const std::lock_guard lock(mutex_);
            empty_.push_back(std::move(chunk));
            if (!error.empty() && error_.empty()) error_ = std::move(error);
        }
        changed_.notify_all();
    }
}

void StreamingReportFile::commit() {
    if (!buffer_.empty()) hand_over();
    stop_writing();
    const int fd = fd_;
    fd_ = -1;
    if (!error_.empty()) {  // the writing thread has finished: error_ is this thread's again
        ::close(fd);
        ::unlink(temporary_.c_str());
        throw Error(error_);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary_.c_str());
        throw Error("cannot write " + path_.string() + ": " + std::strerror(error) + "; nothing was written");
    }
    crash_point("atomic-write-rename");
    std::filesystem::rename(temporary_, path_);
}

}  // namespace revshare::app
