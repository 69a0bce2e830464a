#include "importers/csv/byte_source.hpp"

#include "engine/core/error.hpp"
#include "engine/core/sha256.hpp"
#include "importers/csv/gzip_source.hpp"
#include "importers/csv/read_ahead_source.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace revshare::importers {
namespace {

bool ends_with(const std::string& text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class PlainFileSource final : public ByteSource {
public:
    explicit PlainFileSource(std::string path) : path_(std::move(path)) {
        file_ = std::fopen(path_.c_str(), "rb");
        if (file_ == nullptr) throw Error(path_ + ": cannot open: " + std::strerror(errno));
    }
    ~PlainFileSource() override { std::fclose(file_); }
    PlainFileSource(const PlainFileSource&) = delete;
    PlainFileSource& operator=(const PlainFileSource&) = delete;

    std::size_t read(char* buffer, std::size_t size) override {
        const std::size_t count = std::fread(buffer, 1, size, file_);
        if (count < size && std::ferror(file_)) throw Error(path_ + ": read error: " + std::strerror(errno));
        bytes_ += count;
        return count;
    }
    [[nodiscard]] std::uint64_t file_bytes_read() const override { return bytes_; }

private:
    std::string path_;
    std::FILE* file_ = nullptr;
    std::uint64_t bytes_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> open_byte_source(const std::string& path) {
    // Decompression runs ahead on its own thread, so that it and the parsing share two cores.
    if (ends_with(path, ".gz")) {
        return std::make_unique<ReadAheadSource>(std::make_unique<GzipFileSource>(path), ReadAheadOptions{});
    }
    return std::make_unique<PlainFileSource>(path);
}

FileIdentity identify_file(const std::string& path) {
    PlainFileSource source(path);
    Sha256 hash;
    std::vector<char> buffer(1 << 20);
    FileIdentity identity;
    while (const std::size_t count = source.read(buffer.data(), buffer.size())) {
        hash.update(std::string_view(buffer.data(), count));
        identity.size_bytes += count;
    }
    identity.sha256 = hash.hex_digest();
    return identity;
}

}  // namespace revshare::importers
