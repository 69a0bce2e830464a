#include "app/report_file_writer.hpp"

#include "app/fault_injection.hpp"
#include "engine/core/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace revshare::app {
namespace {

constexpr std::size_t buffer_bytes_max = 1 << 20;  // bounded memory whatever the file's size
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
}

StreamingReportFile::~StreamingReportFile() {
    if (fd_ < 0) return;
    ::close(fd_);
    ::unlink(temporary_.c_str());
}

void StreamingReportFile::append(std::string_view text) {
    buffer_.append(text);
    appended();
}

void StreamingReportFile::appended() {
    if (buffer_.size() >= buffer_bytes_max) flush();
}

void StreamingReportFile::flush() {
    std::size_t written = 0;
    while (written < buffer_.size()) {
        const ssize_t count = ::write(fd_, buffer_.data() + written, buffer_.size() - written);
        if (count < 0) throw Error("cannot write " + path_.string() + ": " + std::strerror(errno) + "; nothing was written");
        written += static_cast<std::size_t>(count);
    }
    buffer_.clear();
    size_ += static_cast<off_t>(written);
    if (size_ - written_back_ >= write_back_bytes) {
#if defined(__linux__)
        // Only a hint: a failure to write shows in commit()'s fsync, which waits for every byte.
        (void)::sync_file_range(fd_, written_back_, size_ - written_back_, SYNC_FILE_RANGE_WRITE);
#endif
        written_back_ = size_;
    }
}

void StreamingReportFile::commit() {
    flush();
    const int fd = fd_;
    fd_ = -1;
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary_.c_str());
        throw Error("cannot write " + path_.string() + ": " + std::strerror(error) + "; nothing was written");
    }
    crash_point("atomic-write-rename");
    std::filesystem::rename(temporary_, path_);
}

}  // namespace revshare::app
