#include "runtime/file_digest.hpp"

#include "engine/core/error.hpp"
#include "engine/core/sha256.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace revshare::app {

FileDigest digest_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path.string() + ": cannot read: " + std::strerror(errno));
    Sha256 hash;
    FileDigest digest;
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got == 0) break;
        hash.update(std::string_view(buffer.data(), got));
        digest.bytes += got;
    }
    if (in.bad()) throw Error(path.string() + ": cannot read");
    digest.sha256 = hash.hex_digest();
    return digest;
}

}  // namespace revshare::app
