#pragma once
// The files `nightly` works on: the export files waiting in the inbox, and the temporary files
// a killed run may have left in the report folder.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::app {

struct InboxFile {
    std::filesystem::path path;  // inbox / relative, as it is opened and recorded
    std::string relative;        // relative to the inbox, '/'-separated
    std::filesystem::file_time_type modified;
};

// An export file is a candidate when its name ends in `.csv` or `.csv.gz` (ASCII case
// ignored) and does not start with `.`; anything else (`*.tmp`, `*.part`, `.hidden.csv`, other
// extensions) is left alone. Folders whose name starts with `.` are not entered.
[[nodiscard]] bool is_inbox_candidate(std::string_view file_name);

// Every candidate under `inbox` (subfolders included), oldest first: by modification time,
// then by relative path in byte order. Throws revshare::Error when `inbox` is not a folder.
[[nodiscard]] std::vector<InboxFile> list_inbox_files(const std::filesystem::path& inbox);

// Removes `.<name>.tmp-<pid>` files (runtime/atomic_file.hpp) under `out_dir` whose process no
// longer exists: a run killed while writing a report leaves one. Returns how many it removed.
std::size_t remove_abandoned_temporaries(const std::filesystem::path& out_dir);

}  // namespace revshare::app
