#include "importers/csv/byte_source.hpp"

#include "engine/core/error.hpp"
#include "importers/csv/gzip_source.hpp"
#include "importers/csv/read_ahead_source.hpp"

namespace revshare::importers {
namespace {

// The bytes of a DeliveredFile as they are; owns the file or reads one the caller owns.
class PlainFileSource final : public ByteSource {
public:
    explicit PlainFileSource(std::unique_ptr<DeliveredFile> owned) : owned_(std::move(owned)), file_(*owned_) {}
    explicit PlainFileSource(DeliveredFile& file) : file_(file) {}

    std::size_t read(char* buffer, std::size_t size) override { return file_.read(buffer, size); }
    [[nodiscard]] std::uint64_t file_bytes_read() const override { return file_.bytes_read(); }

private:
    std::unique_ptr<DeliveredFile> owned_;
    DeliveredFile& file_;
};

}  // namespace

std::unique_ptr<ByteSource> open_byte_source(const std::string& path) {
    auto file = std::make_unique<DeliveredFile>(path, DeliveredFile::Options{.hash = false});
    // Decompression runs ahead on its own thread, so that it and the parsing share two cores.
    if (is_gzip_name(path)) {
        return std::make_unique<ReadAheadSource>(std::make_unique<GzipFileSource>(std::move(file)), ReadAheadOptions{});
    }
    return std::make_unique<PlainFileSource>(std::move(file));
}

std::unique_ptr<ByteSource> open_byte_source(DeliveredFile& file) {
    if (is_gzip_name(file.path())) {
        return std::make_unique<ReadAheadSource>(std::make_unique<GzipFileSource>(file), ReadAheadOptions{});
    }
    return std::make_unique<PlainFileSource>(file);
}

}  // namespace revshare::importers
