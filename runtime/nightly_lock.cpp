#include "runtime/nightly_lock.hpp"

#include "engine/core/error.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace revshare::app {
namespace {

constexpr std::size_t holder_text_max = 200;

// "<pid> <start time>" as the holder wrote it (first line, trimmed); empty when the holder has
// not written it yet (it writes right after taking the lock).
std::string read_holder(int fd) {
    std::array<char, holder_text_max> buffer{};
    const ssize_t count = ::pread(fd, buffer.data(), buffer.size(), 0);
    if (count <= 0) return "";
    std::string text(buffer.data(), static_cast<std::size_t>(count));
    text = text.substr(0, text.find('\n'));
    return text;
}

std::string describe_holder(const std::string& holder) {
    const auto space = holder.find(' ');
    if (holder.empty() || space == std::string::npos) return "process id and start time not recorded yet";
    return "process " + holder.substr(0, space) + ", started " + holder.substr(space + 1);
}

void write_holder(int fd, const std::string& text, const std::filesystem::path& path) {
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
        throw Error("nightly: cannot write lock file " + path.string() + ": " + std::strerror(errno));
    }
}

}  // namespace

std::filesystem::path NightlyLock::path_for(const std::filesystem::path& db_path) {
    return db_path.parent_path() / (db_path.filename().string() + ".nightly.lock");
}

NightlyLock::NightlyLock(const std::filesystem::path& db_path, const std::string& started_at) {
    const auto path = path_for(db_path);
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw Error("nightly: cannot open lock file " + path.string() + ": " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        const std::string holder = read_holder(fd_);
        ::close(fd_);
        fd_ = -1;
        if (error != EWOULDBLOCK) {
            throw Error("nightly: cannot lock " + path.string() + ": " + std::strerror(error));
        }
        throw Error("nightly: another nightly run is in progress (" + describe_holder(holder) + "; lock file " +
                        path.string() + "); this run did nothing",
                    ExitCode::locked_or_invariant);
    }
    try {
        write_holder(fd_, std::to_string(::getpid()) + " " + started_at + "\n", path);
    } catch (...) {
        ::close(fd_);
        throw;
    }
}

NightlyLock::~NightlyLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the flock
}

}  // namespace revshare::app
