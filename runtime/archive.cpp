#include "runtime/archive.hpp"

#include "importers/csv/byte_source.hpp"

#include "engine/core/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace revshare::app {
namespace {

void fsync_path(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) throw Error("archive: cannot open " + path.string() + ": " + std::strerror(errno));
    const int result = ::fsync(fd);
    ::close(fd);
    if (result != 0) throw Error("archive: cannot sync " + path.string() + ": " + std::strerror(errno));
}


// `.incoming.csv.gz.tmp-<pid>-<n>`: the temporaries' pattern (runtime/atomic_file.hpp), unique per
// writer in this process (a nightly run imports one file after another).
std::filesystem::path temporary_in(const std::filesystem::path& archive_dir) {
    static std::atomic<std::uint64_t> writers{0};
    return archive_dir / (".incoming.csv.gz.tmp-" + std::to_string(::getpid()) + "-" + std::to_string(++writers));
}

}  // namespace

std::string archive_name_for(const std::string& sha256) { return sha256 + ".csv.gz"; }

ArchiveWriter::ArchiveWriter(const std::filesystem::path& archive_dir, const std::filesystem::path& delivery)
    : archive_dir_(archive_dir) {
    std::filesystem::create_directories(archive_dir_);
    temporary_ = temporary_in(archive_dir_);
    try {
        if (importers::is_gzip_name(delivery.string())) {
            copied_ = std::fopen(temporary_.c_str(), "wb");
            if (copied_ == nullptr) throw Error("cannot write " + temporary_.string() + ": " + std::strerror(errno));
        } else {
            compressed_ = std::make_unique<importers::GzipWriter>(temporary_);
        }
    } catch (const Error& error) {
        throw Error(std::string("archive: ") + error.what(), error.exit_code());
    }
}

ArchiveWriter::~ArchiveWriter() {
    compressed_.reset();
    if (copied_ != nullptr) std::fclose(copied_);
    if (!committed_) {
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
    }
}

void ArchiveWriter::write(std::string_view bytes) {
    try {
        if (compressed_) {
            compressed_->write(bytes);
        } else if (std::fwrite(bytes.data(), 1, bytes.size(), copied_) != bytes.size()) {
            throw Error("cannot write " + temporary_.string() + ": " + std::strerror(errno) + " (is the disk full?)");
        }
    } catch (const Error& error) {
        throw Error(std::string("archive: ") + error.what(), error.exit_code());
    }
}

std::string ArchiveWriter::commit(const std::string& sha256) {
    try {
        if (compressed_) {
            compressed_->finish();
        } else {
            std::FILE* const file = copied_;
            copied_ = nullptr;
            if (std::fclose(file) != 0) throw Error("cannot write " + temporary_.string() + ": " + std::strerror(errno));
        }
    } catch (const Error& error) {
        throw Error(std::string("archive: ") + error.what(), error.exit_code());
    }
    const std::string name = archive_name_for(sha256);
    const auto target = archive_dir_ / name;
    if (std::filesystem::exists(target)) return name;  // the same bytes, archived before: the destructor removes ours
    fsync_path(temporary_);
    std::filesystem::rename(temporary_, target);
    committed_ = true;
    return name;
}

}  // namespace revshare::app
