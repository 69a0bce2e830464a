#pragma once
// write_gzip_file: compresses a file into an ordinary single-member gzip file (readable by
// gzip, zcat and GzipFileSource) with ISA-L's isal_deflate at level 1: about 0.6 s of CPU per
// GB of CSV where zlib's fastest level takes about 6 s. Streaming: memory stays flat.
#include <filesystem>

namespace revshare::importers {

// Writes `target` (created or truncated; not synced: the caller decides on durability).
// Throws Error naming the file that cannot be read or written.
void write_gzip_file(const std::filesystem::path& source, const std::filesystem::path& target);

}  // namespace revshare::importers
