#include "runtime/atomic_file.hpp"

#include "runtime/fault_injection.hpp"
#include "engine/core/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace revshare::app {

namespace {

void rename_over(const std::filesystem::path& temporary, const std::filesystem::path& path) {
    crash_point("atomic-write-rename");  // kill tests: a temporary left behind
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        ::unlink(temporary.c_str());  // e.g. `path` is a folder: nothing of this write stays behind
        throw Error("cannot write " + path.string() + ": " + error.message() + "; nothing was written");
    }
}

}  // namespace

std::filesystem::path temporary_path_for(const std::filesystem::path& path) {
    return path.parent_path() / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()));
}

void write_file_atomically_by(const std::filesystem::path& path,
                              const std::function<void(const std::filesystem::path& temporary)>& write) {
    std::filesystem::create_directories(path.parent_path());
    const auto temporary = temporary_path_for(path);
    try {
        write(temporary);
    } catch (...) {
        ::unlink(temporary.c_str());
        throw;
    }
    const int fd = ::open(temporary.c_str(), O_RDONLY);
    if (fd < 0 || ::fsync(fd) != 0 || ::close(fd) != 0) {
        const int error = errno;
        if (fd >= 0) ::close(fd);
        ::unlink(temporary.c_str());
        throw Error("cannot write " + path.string() + ": " + std::strerror(error) + "; nothing was written");
    }
    rename_over(temporary, path);
}

void write_file_atomically(const std::filesystem::path& path, const std::string& content) {
    std::filesystem::create_directories(path.parent_path());
    const auto temporary = temporary_path_for(path);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) throw Error("cannot write " + temporary.string() + ": " + std::strerror(errno));
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t count = ::write(fd, content.data() + written, content.size() - written);
        if (count < 0) {
            const int error = errno;
            ::close(fd);
            ::unlink(temporary.c_str());
            throw Error("cannot write " + path.string() + ": " + std::strerror(error) + "; nothing was written");
        }
        written += static_cast<std::size_t>(count);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        throw Error("cannot write " + path.string() + ": " + std::strerror(error) + "; nothing was written");
    }
    rename_over(temporary, path);
}

}  // namespace revshare::app
