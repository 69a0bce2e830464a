#pragma once
// ByteSource: the bytes of an export file, plain or gzip, read in chunks (streaming: memory
// stays flat whatever the file size); and identify_file, the SHA-256 of a file's bytes.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

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

// Opens `path`; gzip when the name ends in `.gz` (and then the content must be gzip: see
// gzip_source.hpp), decompressed on a thread of its own ahead of the reader (read_ahead_source.hpp).
[[nodiscard]] std::unique_ptr<ByteSource> open_byte_source(const std::string& path);

// SHA-256 and size of the file's bytes as delivered (compressed bytes for .gz).
struct FileIdentity {
    std::string sha256;
    std::uint64_t size_bytes = 0;
};
[[nodiscard]] FileIdentity identify_file(const std::string& path);

}  // namespace revshare::importers
