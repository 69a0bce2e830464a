#pragma once
// Reading a small file whole (a contract, a key): refused at once, with the reason, when it
// is not a regular file (a FIFO would block forever), cannot be opened, or is over `limit`.
#include <cstddef>
#include <filesystem>
#include <string>

namespace revshare::app {

// Throws revshare::Error "<what> PATH: <reason>".
[[nodiscard]] std::string read_small_file(const std::filesystem::path& path, std::size_t limit, const std::string& what);

}  // namespace revshare::app
