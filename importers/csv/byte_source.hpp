#pragma once
// ByteSource: the bytes of an export file, plain or gzip, read in chunks (streaming: memory
// stays flat whatever the file size), from a DeliveredFile (delivered_file.hpp).
#include "importers/csv/delivered_file.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace revshare::importers {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Reads up to `size` bytes of content; 0 at the end. Throws revshare::Error (with the
    // file name) on a read failure, a file that is not gzip, or a truncated gzip stream.
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
    // Bytes of the file consumed so far (compressed bytes for gzip), for progress.
    [[nodiscard]] virtual std::uint64_t file_bytes_read() const = 0;
};

// Whether a delivery named `path` is gzip: its name ends in `.gz`. The one rule for reading it,
// archiving it (a gzip delivery is archived as it came) and verifying its archived copy.
[[nodiscard]] inline bool is_gzip_name(std::string_view path) { return path.ends_with(".gz"); }

// Opens `path`; gzip when is_gzip_name (and then the content must be gzip: see
// gzip_source.hpp), decompressed on a thread of its own ahead of the reader (read_ahead_source.hpp).
// Not hashed: for readers that need no identity (show-line, fx import).
[[nodiscard]] std::unique_ptr<ByteSource> open_byte_source(const std::string& path);

// The content of `file` (which must outlive the source), plain or gzip as above, for an import.
// A plain file is read by the reader itself (a read is a copy the parser would make anyway); a
// gzip file is read and decompressed on a thread of its own ahead of the reader. The file's
// copy (its DeliveredFile options) is written on the thread that reads; an import hands it on
// to a BackgroundByteSink, so that hashing and archiving run beside the parsing.
[[nodiscard]] std::unique_ptr<ByteSource> open_byte_source(DeliveredFile& file);

}  // namespace revshare::importers
