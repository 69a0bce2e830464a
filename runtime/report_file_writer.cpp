#include "runtime/report_file_writer.hpp"

#include "runtime/atomic_file.hpp"
#include "runtime/fault_injection.hpp"
#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <system_error>
#include <utility>

namespace revshare::app {
namespace {

constexpr std::size_t buffer_bytes_max = 1 << 20;  // bounded memory whatever the file's size
constexpr std::size_t buffers_in_flight = 4;

std::string write_error(const std::filesystem::path& path, int error) {
    return "cannot write " + path.string() + ": " + std::strerror(error) + "; nothing was written";
}

}  // namespace

StreamingReportFile::StreamingReportFile(std::filesystem::path path, StreamingReportFileOptions options)
    : path_(std::move(path)), options_(options) {
    ENGINE_ASSERT(options_.sync_bytes > 0);
    if (options_.sync == nullptr) options_.sync = ::fdatasync;
    std::filesystem::create_directories(path_.parent_path());
    temporary_ = temporary_path_for(path_);
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
    if (writer_.joinable()) {
        {
            const std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        changed_.notify_all();
        writer_.join();
    }
    // The writing thread has finished, so no flush is asked for any more: the one under way
    // ends, any other is commit()'s fsync.
    if (syncer_.joinable()) {
        {
            const std::lock_guard lock(sync_mutex_);
            sync_stopping_ = true;
        }
        sync_changed_.notify_all();
        syncer_.join();
    }
}

void StreamingReportFile::fail(std::string error) {
    {
        const std::lock_guard lock(mutex_);
        if (error_.empty()) error_ = std::move(error);
    }
    changed_.notify_all();
}

void StreamingReportFile::ask_to_sync() {
    if (size_ - sync_asked_ < options_.sync_bytes) return;
    sync_asked_ = size_;
    if (!syncer_.joinable()) {
        try {
            syncer_ = std::thread([this] { sync_out(); });  // small files never start it
        } catch (const std::system_error&) {
            options_.sync_bytes = std::numeric_limits<off_t>::max();  // no thread: commit()'s fsync does it all
            return;
        }
    }
    {
        const std::lock_guard lock(sync_mutex_);
        sync_wanted_ = true;
    }
    sync_changed_.notify_all();
}

void StreamingReportFile::sync_out() {
    for (;;) {
        {
            std::unique_lock lock(sync_mutex_);
            sync_changed_.wait(lock, [this] { return sync_stopping_ || sync_wanted_; });
            if (sync_stopping_) return;
            sync_wanted_ = false;  // asked again while flushing: one more flush after this one
        }
        if (options_.sync(fd_) != 0) {
            // The fd reports a write-back error once: kept here, commit() cannot miss it.
            fail(write_error(path_, errno));
            return;
        }
    }
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
                error = write_error(path_, errno);
                failed = true;
                break;
            }
            written += static_cast<std::size_t>(count);
        }
        size_ += static_cast<off_t>(written);
        if (!failed) ask_to_sync();
        chunk.clear();
        if (!error.empty()) fail(std::move(error));  // before the buffer comes back: the next hand-over sees it
        {
            const std::lock_guard lock(mutex_);
            empty_.push_back(std::move(chunk));
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
        throw Error(write_error(path_, error));
    }
    crash_point("atomic-write-rename");
    std::filesystem::rename(temporary_, path_);
}

}  // namespace revshare::app
