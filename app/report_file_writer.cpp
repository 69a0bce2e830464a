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
