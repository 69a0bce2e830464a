#pragma once
// Writes a file so that a reader never sees half of it: a temporary name in the same folder,
// flushed to disk, then renamed over the target. On any error the temporary is removed.
#include <filesystem>
#include <string>

namespace revshare::app {
void write_file_atomically(const std::filesystem::path& path, const std::string& content);
}
