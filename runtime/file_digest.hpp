#pragma once
// The size and SHA-256 of a file's bytes, read in pieces (an evidence pack's deliveries can be
// gigabytes).
#include <cstdint>
#include <filesystem>
#include <string>

namespace revshare::app {

struct FileDigest {
    std::uint64_t bytes = 0;
    std::string sha256;
};

// Throws revshare::Error naming the file when it cannot be read.
[[nodiscard]] FileDigest digest_file(const std::filesystem::path& path);

}  // namespace revshare::app
