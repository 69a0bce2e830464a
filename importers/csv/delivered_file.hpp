#pragma once
// DeliveredFile: an export file opened once and read once, front to back. Every byte read is
// hashed (SHA-256) and, when asked, handed to a copy sink (the import's archive), so that the
// identity recorded for an import and its archived copy are exactly the bytes that were
// parsed. What the file was when it was opened (device, inode, size, modification and change
// times) is kept: finish() then tells a file that changed while it was read (truncated,
// appended to, rewritten in place, or replaced by a rename) from one that did not.
#include "engine/core/sha256.hpp"

#include <sys/stat.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace revshare::importers {

// Receives a copy of every byte read, in file order, on the thread that reads.
class ByteSink {
public:
    virtual ~ByteSink() = default;
    virtual void write(std::string_view bytes) = 0;  // throws Error when it cannot keep them
};

// A sink that hashes (SHA-256) every byte it is given, then hands it on to `next` (if any).
// Behind a BackgroundByteSink it takes the hashing off the thread that reads for the parser.
class HashingSink final : public ByteSink {
public:
    explicit HashingSink(ByteSink* next) : next_(next) {}
    void write(std::string_view bytes) override {
        hash_.update(bytes);
        if (next_ != nullptr) next_->write(bytes);
    }
    [[nodiscard]] std::string hex_digest() { return hash_.hex_digest(); }  // once every byte was written

private:
    Sha256 hash_;
    ByteSink* next_;
};

// SHA-256 and size of the file's bytes as delivered (compressed bytes for .gz).
struct FileIdentity {
    std::string sha256;
    std::uint64_t size_bytes = 0;
};

class DeliveredFile {
public:
    struct Options {
        bool hash = true;          // off for a reader that needs no identity (show-line, fx)
        ByteSink* copy = nullptr;  // must outlive the reading
        // The copy hashes every byte itself (a HashingSink, maybe on another thread): `hash`
        // must be off, and finish(sha256) is given the copy's digest.
        bool copy_hashes = false;
    };
    // Throws Error (naming the file) when it cannot be opened, or, to be hashed, is not a
    // regular file (a pipe's bytes cannot be read again: an import's identity needs them).
    DeliveredFile(std::string path, Options options);
    ~DeliveredFile();
    DeliveredFile(const DeliveredFile&) = delete;
    DeliveredFile& operator=(const DeliveredFile&) = delete;

    // Up to `size` bytes; 0 at the end. Throws Error naming the file on a read failure.
    std::size_t read(char* buffer, std::size_t size);

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] std::uint64_t bytes_read() const { return bytes_read_; }

    // Once the reading is over (read() returned 0): the identity of the bytes read. Throws
    // Error, saying what changed, when the file is no longer what was opened: another size,
    // modification or change time, or the name now naming another file (which covers every
    // way to change a file, since a write always sets the change time); then what was read
    // is not the delivery that lies there now. A file written within the timestamps' granularity
    // before it was opened is read and hashed once more (its times might not have moved).
    [[nodiscard]] FileIdentity finish();
    // The same for a file whose copy hashed the bytes (Options::copy_hashes): `sha256` is the
    // copy's digest, taken once the copy has every byte.
    [[nodiscard]] FileIdentity finish(const std::string& sha256);

private:
    std::string path_;
    int descriptor_ = -1;
    struct stat opened_ {};
    std::optional<Sha256> hash_;
    ByteSink* copy_ = nullptr;
    bool copy_hashes_ = false;
    bool hash_again_ = false;
    std::uint64_t bytes_read_ = 0;
};

// The identity of the file at `path`, read to its end (a DeliveredFile).
[[nodiscard]] FileIdentity identify_file(const std::string& path);

}  // namespace revshare::importers
