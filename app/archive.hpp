#pragma once
// The archive of delivered files: every imported file is kept, gzip-compressed and named by
// the SHA-256 of its delivered bytes, in `<db>.archive/` beside the database, so the exact row
// behind any normalised line can be shown and re-read by a replay.
#include <filesystem>
#include <string>

namespace revshare::app {

// Stores `source` as `<sha256>.csv.gz` (copied as is when already gzip, compressed otherwise,
// with ISA-L at level 1: importers/csv/gzip_writer.hpp),
// atomically (temporary name, fsync, rename). Returns the archive file name. A file already
// in the archive is left alone.
std::string archive_file(const std::filesystem::path& archive_dir, const std::filesystem::path& source,
                         const std::string& sha256);

}  // namespace revshare::app
