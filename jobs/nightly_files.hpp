#pragma once
// The files `nightly` works on: the export files waiting in the inbox (and those it leaves
// alone, with why), and the temporary files a killed run may have left in the report folder.
#include "jobs/skipped_file.hpp"
#include "schema/database.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::app {

struct InboxFile {
    std::filesystem::path path;  // inbox / relative, as it is opened and recorded
    std::string relative;        // relative to the inbox, '/'-separated
    std::filesystem::file_time_type modified;
};

// Why nightly leaves a file of the inbox alone, or nullopt for an export it imports: a name
// ending in `.csv`, `.csv.gz` or `.zip` (`.csv.zip` too; ASCII case ignored) that does not start
// with `.`. Hidden files (`.name`) and partial downloads (`*.part`, `*.partial`, `*.tmp`,
// `*.crdownload`, `*.download`, `*.filepart`) are left alone until they have their final name.
[[nodiscard]] std::optional<std::string> inbox_skip_reason(std::string_view file_name);

struct InboxListing {
    std::vector<InboxFile> files;      // the exports, oldest first
    std::vector<SkippedFile> skipped;  // everything else, by relative path; a hidden folder once (`.staging/`)
};

// Every file under `inbox` (subfolders included, hidden ones not entered): the exports, oldest
// first (by modification time, then by relative path in byte order), and the files left alone.
// Throws revshare::Error when `inbox` is not a folder.
[[nodiscard]] InboxListing list_inbox(const std::filesystem::path& inbox);

// The temporaries under `dir` whose process no longer exists, in path order: `.<name>.tmp-<pid>`
// (runtime/atomic_file.hpp), which a run killed while writing a report leaves, and
// `.incoming.csv.gz.tmp-<pid>-<n>` (runtime/archive.cpp), which a killed import leaves in the archive,
// and the folder `.statement.xlsx.parts.tmp-<pid>` (jobs/statement_workbook.cpp), with its content.
[[nodiscard]] std::vector<std::filesystem::path> abandoned_temporaries(const std::filesystem::path& dir);

// Removes abandoned_temporaries(out_dir). Returns how many it removed.
std::size_t remove_abandoned_temporaries(const std::filesystem::path& out_dir);
// The same for the database's archive, before an import (logged when there were any).
void remove_abandoned_archive_temporaries(const schema::Database& db);

}  // namespace revshare::app
