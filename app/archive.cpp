#include "app/archive.hpp"

#include "engine/core/error.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace revshare::app {
namespace {

void fsync_path(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) throw Error("archive: cannot open " + path.string() + ": " + std::strerror(errno));
    const int result = ::fsync(fd);
    ::close(fd);
    if (result != 0) throw Error("archive: cannot sync " + path.string() + ": " + std::strerror(errno));
}

void compress_into(const std::filesystem::path& source, const std::filesystem::path& target) {
    std::ifstream in(source, std::ios::binary);
    if (!in) throw Error("archive: cannot read " + source.string());
    gzFile out = gzopen(target.c_str(), "wb1");
    if (out == nullptr) throw Error("archive: cannot write " + target.string() + ": " + std::strerror(errno));
    std::vector<char> buffer(1 << 20);
    bool ok = true;
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto count = static_cast<unsigned>(in.gcount());
        if (count > 0 && gzwrite(out, buffer.data(), count) != static_cast<int>(count)) ok = false;
    }
    if (gzclose(out) != Z_OK || !ok) {
        throw Error("archive: cannot write " + target.string() + " (is the disk full?)");
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
