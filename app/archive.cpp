#include "app/archive.hpp"

#include "engine/core/error.hpp"
#include "importers/csv/gzip_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

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

// Compresses with ISA-L (importers/csv/gzip_writer.hpp); its messages name the file.
void compress_into(const std::filesystem::path& source, const std::filesystem::path& target) {
    try {
        importers::write_gzip_file(source, target);
    } catch (const Error& error) {
        throw Error(std::string("archive: ") + error.what(), error.exit_code());
    }
}

}  // namespace

std::string archive_file(const std::filesystem::path& archive_dir, const std::filesystem::path& source,
                         const std::string& sha256) {
    const std::string name = sha256 + ".csv.gz";
    const auto target = archive_dir / name;
    if (std::filesystem::exists(target)) return name;
    std::filesystem::create_directories(archive_dir);
    const auto temporary = archive_dir / (name + ".tmp-" + std::to_string(::getpid()));
    try {
        if (source.extension() == ".gz") {
            std::filesystem::copy_file(source, temporary, std::filesystem::copy_options::overwrite_existing);
        } else {
            compress_into(source, temporary);
        }
        fsync_path(temporary);
        std::filesystem::rename(temporary, target);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw;
    }
    return name;
}

}  // namespace revshare::app
