#include "importers/csv/byte_source.hpp"

#include "engine/core/error.hpp"
#include "engine/core/sha256.hpp"

#include <zlib.h>

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

class GzipFileSource final : public ByteSource {
public:
    explicit GzipFileSource(std::string path) : path_(std::move(path)) {
        file_ = gzopen(path_.c_str(), "rb");
        if (file_ == nullptr) throw Error(path_ + ": cannot open: " + std::strerror(errno));
        gzbuffer(file_, 256 * 1024);
    }
    ~GzipFileSource() override { gzclose(file_); }
    GzipFileSource(const GzipFileSource&) = delete;
    GzipFileSource& operator=(const GzipFileSource&) = delete;

    std::size_t read(char* buffer, std::size_t size) override {
        const int count = gzread(file_, buffer, static_cast<unsigned>(size));
        if (first_read_) {
            first_read_ = false;
            if (gzdirect(file_) == 1 && count > 0) {
                throw Error(path_ + ": not a gzip file: the name ends in .gz but the content is not gzip "
                                    "(rename it to .csv, or compress it)");
            }
        }
        int error_number = Z_OK;
        const char* message = gzerror(file_, &error_number);
        if (count < 0 || (error_number != Z_OK && error_number != Z_STREAM_END)) {
            // zlib puts the path in front of some messages; the path is said once, first.
            std::string reason = message != nullptr ? message : "unknown error";
            if (reason.rfind(path_ + ": ", 0) == 0) reason.erase(0, path_.size() + 2);
            throw Error(path_ + ": broken gzip stream: " + reason +
                        " (the file is truncated or corrupt; ask for it to be delivered again)");
        }
        return static_cast<std::size_t>(count);
    }
    [[nodiscard]] std::uint64_t file_bytes_read() const override {
        const z_off_t offset = gzoffset(file_);
        return offset < 0 ? 0 : static_cast<std::uint64_t>(offset);
    }

private:
    std::string path_;
    gzFile file_ = nullptr;
    bool first_read_ = true;
};

}  // namespace

std::unique_ptr<ByteSource> open_byte_source(const std::string& path) {
    if (ends_with(path, ".gz")) return std::make_unique<GzipFileSource>(path);
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
