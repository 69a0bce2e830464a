#pragma once
// GzipFileSource: the content of a gzip file, decompressed as it is read with ISA-L's
// isal_inflate (several times faster than zlib). Reads every member of a multi-member file
// (pigz, bgzip and many exporters write them; gzip and zcat read them as one content), checks
// each member's CRC-32 and length, and ignores zero bytes after the last member (tape or block
// padding). Anything else after a member is refused, as is a file that is not gzip at all: a
// delivery that cannot be read to its end is never imported in part.
#include "importers/csv/byte_source.hpp"

#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <vector>

struct inflate_state;

namespace revshare::importers {

class GzipFileSource final : public ByteSource {
public:
    explicit GzipFileSource(std::unique_ptr<DeliveredFile> owned);
    explicit GzipFileSource(DeliveredFile& file);  // which must outlive the source
    ~GzipFileSource() override;
    GzipFileSource(const GzipFileSource&) = delete;
    GzipFileSource& operator=(const GzipFileSource&) = delete;

    // Decompressed bytes; 0 at the end. The bytes before a broken part are returned first;
    // the error (Error naming the file) is thrown by the next call, and by every call after it.
    std::size_t read(char* buffer, std::size_t size) override;
    [[nodiscard]] std::uint64_t file_bytes_read() const override { return file_bytes_; }

private:
    void decode(char* buffer, std::size_t size, std::size_t& produced);
    bool refill(std::size_t kept);  // more compressed bytes; false when the file had none left
    bool begin_member();  // at a member boundary: true when a member starts, false at the end
    void skip_padding();  // after the last member: only zero bytes may follow
    [[noreturn]] void fail(const std::string& reason) const;

    std::unique_ptr<DeliveredFile> owned_;
    DeliveredFile& file_;
    std::string path_;
    std::unique_ptr<inflate_state> state_;
    std::vector<std::uint8_t> input_;
    std::uint64_t file_bytes_ = 0;
    std::int64_t members_ = 0;
    bool file_ended_ = false;
    bool in_member_ = false;
    bool finished_ = false;
    std::exception_ptr error_;  // thrown by every read after the bytes before it were returned
};

}  // namespace revshare::importers
