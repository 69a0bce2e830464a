// DeliveredFile: the identity and copy of exactly the bytes read, and a file that changed
// while it was read told apart (the end-to-end cases: tests/hardening/changing_file_test.cpp).
#include "importers/csv/delivered_file.hpp"

#include "engine/core/error.hpp"
#include "engine/core/sha256.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

using revshare::Error;
using revshare::Sha256;
using revshare::importers::ByteSink;
using revshare::importers::DeliveredFile;
using namespace revshare::testing;

namespace {

struct CopySink final : ByteSink {
    std::string bytes;
    void write(std::string_view more) override { bytes += more; }
};

void read_to_end(DeliveredFile& file) {
    char buffer[7];  // small odd reads
    while (file.read(buffer, sizeof buffer) > 0) {
    }
}

}  // namespace

TEST_CASE("DeliveredFile: the SHA-256, size and copy are those of the bytes read") {
    ScratchDir dir;
    const std::string content = "a,b\n1,2\n3,4\n";
    write_file(dir / "f.csv", content);
    CopySink copy;
    DeliveredFile file((dir / "f.csv").string(), {.hash = true, .copy = &copy});
    read_to_end(file);
    const auto identity = file.finish();
    CHECK(identity.sha256 == Sha256::of(content));
    CHECK(identity.size_bytes == content.size());
    CHECK(copy.bytes == content);
}

TEST_CASE("DeliveredFile: a file written just before, rewritten in place with the same size, is read again and refused") {
    ScratchDir dir;
    const auto path = (dir / "f.csv").string();
    write_file(dir / "f.csv", "a,b\n1,2\n");
    DeliveredFile file(path, {});
    read_to_end(file);
    {
        // Same size, other bytes, within the same timestamp tick as likely as not.
        std::fstream rewrite(path, std::ios::in | std::ios::out | std::ios::binary);
        rewrite.seekp(4);
        rewrite << "9";
    }
    CHECK_THROWS_WITH_AS(static_cast<void>(file.finish()),
                         (path + ": the file changed while it was being imported: its bytes are no longer those that "
                                 "were read (it was rewritten in place); import it again once its delivery is complete")
                             .c_str(),
                         Error);
}

TEST_CASE("DeliveredFile: a pipe cannot be imported; it can be read without an identity") {
    CHECK_THROWS_WITH_AS(DeliveredFile("/dev/null", {}),
                         "/dev/null: not a regular file (a pipe, device or folder cannot be imported: its bytes cannot "
                         "be read again to archive or verify them); copy it to a file first",
                         Error);
    DeliveredFile unhashed("/dev/null", {.hash = false});
    char buffer[4];
    CHECK(unhashed.read(buffer, sizeof buffer) == 0);
}

TEST_CASE("DeliveredFile: when its copy hashes (a HashingSink), the identity is the copy's digest, checked as its own") {
    ScratchDir dir;
    const auto path = (dir / "f.csv").string();
    const std::string content = "a,b\n1,2\n3,4\n";
    write_file(dir / "f.csv", content);
    CopySink archive;
    revshare::importers::HashingSink hashing(&archive);
    {
        DeliveredFile file(path, {.hash = false, .copy = &hashing, .copy_hashes = true});
        read_to_end(file);
        const auto identity = file.finish(hashing.hex_digest());
        CHECK(identity.sha256 == Sha256::of(content));
        CHECK(identity.size_bytes == content.size());
        CHECK(archive.bytes == content);
    }
    // The file was written just now: it is read again at the end and compared with the copy's
    // digest, so a rewrite in place with the same size is refused here too.
    revshare::importers::HashingSink again(nullptr);
    DeliveredFile file(path, {.hash = false, .copy = &again, .copy_hashes = true});
    read_to_end(file);
    {
        std::fstream rewrite(path, std::ios::in | std::ios::out | std::ios::binary);
        rewrite.seekp(4);
        rewrite << "9";
    }
    CHECK_THROWS_WITH_AS(static_cast<void>(file.finish(again.hex_digest())),
                         (path + ": the file changed while it was being imported: its bytes are no longer those that "
                                 "were read (it was rewritten in place); import it again once its delivery is complete")
                             .c_str(),
                         Error);
    // A pipe has no identity, whoever hashes it.
    revshare::importers::HashingSink pipe(nullptr);
    CHECK_THROWS_AS(DeliveredFile("/dev/null", {.hash = false, .copy = &pipe, .copy_hashes = true}), Error);
}
