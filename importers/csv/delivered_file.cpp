#include "importers/csv/delivered_file.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <vector>

namespace revshare::importers {
namespace {

bool same_time(const timespec& a, const timespec& b) { return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec; }

bool times_moved(const struct stat& opened, const struct stat& now) {
    return !same_time(now.st_mtim, opened.st_mtim) || !same_time(now.st_ctim, opened.st_ctim);
}

// What differs (other than its times) between the file as opened and as it is now (`now` of the open descriptor,
// `named` of the path), or empty when nothing does.
std::string change_between(const struct stat& opened, std::uint64_t bytes_read, const struct stat& now,
                           const std::optional<struct stat>& named) {
    const auto opened_size = static_cast<std::uint64_t>(opened.st_size);
    const auto now_size = static_cast<std::uint64_t>(now.st_size);
    const std::string sizes = std::to_string(opened_size) + " bytes when opened, " + std::to_string(bytes_read) +
                              " read, " + std::to_string(now_size) + " now";
    if (!named || named->st_dev != opened.st_dev || named->st_ino != opened.st_ino) {
        return "its name now names another file or none (it was replaced or removed while it was read)";
    }
    if (bytes_read < opened_size || now_size < opened_size) return "it was cut short (" + sizes + ")";
    if (bytes_read > opened_size || now_size > opened_size) return "it grew (" + sizes + ")";
    return {};
}

// Timestamps are kept in clock ticks of a few milliseconds (two seconds on FAT): a file last
// written less than this before it was opened can be written again within the same tick,
// and its times would not move.
constexpr std::int64_t time_granularity_seconds = 2;

bool modified_recently(const struct stat& opened) {
    timespec now {};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return opened.st_mtim.tv_sec + time_granularity_seconds >= now.tv_sec;  // the future included (clock skew)
}

// The SHA-256 of the file's bytes as they are now, read from the start.
std::string hash_again(int descriptor, const std::string& path) {
    Sha256 hash;
    std::vector<char> buffer(1 << 20);
    for (::off_t offset = 0;;) {
        const ::ssize_t got = ::pread(descriptor, buffer.data(), buffer.size(), offset);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) throw Error(path + ": read error: " + std::strerror(errno));
        if (got == 0) break;
        hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
        offset += got;
    }
    return hash.hex_digest();
}

}  // namespace

DeliveredFile::DeliveredFile(std::string path, Options options)
    : path_(std::move(path)), copy_(options.copy), copy_hashes_(options.copy_hashes) {
    ENGINE_ASSERT(!copy_hashes_ || (copy_ != nullptr && !options.hash));
    // O_NONBLOCK: opening a FIFO would otherwise wait for a writer, forever; it is refused below
    // (or, read without an identity, read as usual once the flag is cleared).
    descriptor_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (descriptor_ < 0) throw Error(path_ + ": cannot open: " + std::strerror(errno));
    if (::fstat(descriptor_, &opened_) != 0) {
        const int error_number = errno;
        ::close(descriptor_);
        throw Error(path_ + ": cannot read: " + std::strerror(error_number));
    }
    const bool identified = options.hash || copy_hashes_;
    if (identified && !S_ISREG(opened_.st_mode)) {
        ::close(descriptor_);
        throw Error(path_ + ": not a regular file (a pipe, device or folder cannot be imported: its bytes cannot be "
                            "read again to archive or verify them); copy it to a file first");
    }
    if (const int flags = ::fcntl(descriptor_, F_GETFL); flags >= 0) (void)::fcntl(descriptor_, F_SETFL, flags & ~O_NONBLOCK);
    (void)::posix_fadvise(descriptor_, 0, 0, POSIX_FADV_SEQUENTIAL);  // a hint: its failure changes nothing
    if (options.hash) hash_.emplace();
    hash_again_ = identified && modified_recently(opened_);
}

DeliveredFile::~DeliveredFile() { ::close(descriptor_); }

std::size_t DeliveredFile::read(char* buffer, std::size_t size) {
    std::size_t count = 0;
    while (count < size) {
        const ::ssize_t got = ::read(descriptor_, buffer + count, size - count);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw Error(path_ + ": read error: " + std::strerror(errno));
        }
        if (got == 0) break;
        count += static_cast<std::size_t>(got);
    }
    const std::string_view bytes(buffer, count);
    if (hash_) hash_->update(bytes);
    if (copy_ != nullptr && count > 0) copy_->write(bytes);
    bytes_read_ += count;
    return count;
}

FileIdentity DeliveredFile::finish() {
    ENGINE_ASSERT(!copy_hashes_);
    return finish(hash_ ? hash_->hex_digest() : std::string{});
}

FileIdentity DeliveredFile::finish(const std::string& sha256) {
    struct stat now {};
    if (::fstat(descriptor_, &now) != 0) throw Error(path_ + ": cannot read: " + std::strerror(errno));
    std::optional<struct stat> named;
    if (struct stat by_name {}; ::stat(path_.c_str(), &by_name) == 0) named = by_name;
    std::string change = change_between(opened_, bytes_read_, now, named);
    FileIdentity identity;
    identity.size_bytes = bytes_read_;
    identity.sha256 = sha256;
    if (change.empty() && hash_again_ && hash_again(descriptor_, path_) != identity.sha256) {
        change = "its bytes are no longer those that were read (it was rewritten in place)";
    }
    if (change.empty() && times_moved(opened_, now)) {
        change = "it was written to while it was read (its modification or change time moved)";
    }
    if (!change.empty()) {
        throw Error(path_ + ": the file changed while it was being imported: " + change +
                    "; import it again once its delivery is complete");
    }
    return identity;
}

FileIdentity identify_file(const std::string& path) {
    DeliveredFile file(path, DeliveredFile::Options{});
    std::vector<char> buffer(1 << 20);
    while (file.read(buffer.data(), buffer.size()) > 0) {
    }
    return file.finish();
}

}  // namespace revshare::importers
