#pragma once
// Writes a file so that a reader never sees half of it: a temporary name in the same folder,
// flushed to disk, then renamed over the target. On any error the temporary is removed.
#include <filesystem>
#include <functional>
#include <string>

namespace revshare::app {
void write_file_atomically(const std::filesystem::path& path, const std::string& content);
// The same for a file that only a library can write, by name (statement.xlsx): `write` writes
// it at the temporary name it is given, then it is flushed to disk and renamed over `path`.
void write_file_atomically_by(const std::filesystem::path& path,
                              const std::function<void(const std::filesystem::path& temporary)>& write);
// The temporary name a file is written under before its rename: `.NAME.tmp-PID` in its folder.
[[nodiscard]] std::filesystem::path temporary_path_for(const std::filesystem::path& path);
}
