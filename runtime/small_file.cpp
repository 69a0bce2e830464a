#include "runtime/small_file.hpp"

#include "engine/core/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace revshare::app {
namespace {

class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    [[nodiscard]] int get() const { return fd_; }

private:
    int fd_;
};

}  // namespace

std::string read_small_file(const std::filesystem::path& path, std::size_t limit, const std::string& what) {
    const std::string name = what + " " + path.string();
    // O_NONBLOCK: opening a FIFO with no writer returns at once; its type is refused below.
    const Descriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (file.get() < 0) throw Error(name + ": cannot open: " + std::strerror(errno));
    struct stat status {};
    if (::fstat(file.get(), &status) != 0) throw Error(name + ": cannot read: " + std::strerror(errno));
    if (!S_ISREG(status.st_mode)) throw Error(name + ": not a regular file");
    if (static_cast<std::size_t>(status.st_size) > limit) {
        throw Error(name + ": " + std::to_string(status.st_size) + " bytes, more than the " + std::to_string(limit) +
                    " bytes such a file can have");
    }
    std::string bytes;
    char buffer[16384];
    while (true) {
        const ssize_t got = ::read(file.get(), buffer, sizeof buffer);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw Error(name + ": cannot read: " + std::strerror(errno));
        }
        if (got == 0) break;
        bytes.append(buffer, static_cast<std::size_t>(got));
        if (bytes.size() > limit) throw Error(name + ": grew past " + std::to_string(limit) + " bytes while being read");
    }
    return bytes;
}

}  // namespace revshare::app
