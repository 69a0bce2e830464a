// Reading gzip with ISA-L (importers/csv/gzip_source.*) on its own thread (read_ahead_source.*),
// and writing it for the archive (gzip_writer.*): multi-member files, broken files with their
// exact messages, an empty content, a reader that stops early, and zcat reading what we write.
#include "importers/csv/byte_source.hpp"
#include "importers/csv/gzip_source.hpp"
#include "importers/csv/gzip_writer.hpp"
#include "importers/csv/read_ahead_source.hpp"
#include "engine/core/error.hpp"
#include "tests/importers/azure_focus_import.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>

using revshare::CostColumn;
using revshare::Error;
using revshare::importers::ByteSource;
using revshare::importers::GzipFileSource;
using revshare::importers::open_byte_source;
using revshare::importers::ReadAheadOptions;
using revshare::importers::ReadAheadSource;
using revshare::importers::write_gzip_file;
using namespace revshare::testing;

namespace {

const std::string broken_suffix = " (the file is truncated or corrupt; ask for it to be delivered again)";

// Everything `source` delivers, read `chunk` bytes at a time.
std::string read_all(ByteSource& source, std::size_t chunk = 64 * 1024) {
    std::string content;
    std::string buffer(chunk, '\0');
    while (const std::size_t count = source.read(buffer.data(), buffer.size())) content.append(buffer.data(), count);
    return content;
}

std::string read_gzip(const std::filesystem::path& path) {
    auto source = open_byte_source(path.string());
    return read_all(*source);
}

// `content` compressed by our writer (one gzip member).
std::string gzip_of(const ScratchDir& dir, const std::string& content) {
    write_file(dir / "member.plain", content);
    write_gzip_file(dir / "member.plain", dir / "member.gz");
    return read_file(dir / "member.gz");
}

// Deterministic CSV-like text of about `bytes` bytes.
std::string sample_text(std::size_t bytes) {
    std::string text = "id,name,cost\n";
    for (std::size_t i = 0; text.size() < bytes; ++i) {
        text += std::to_string(i) + ",item-" + std::to_string(i * 7919 % 1000) + "," + std::to_string(i % 97) + ".0" +
                std::to_string(i % 10) + "\n";
    }
    return text;
}

// The message a GzipFileSource / open_byte_source read throws for `path`.
std::string read_error(const std::filesystem::path& path) {
    try {
        (void)read_gzip(path);
    } catch (const Error& error) {
        return error.what();
    }
    return "(no error)";
}

// An inner source for ReadAheadSource: `content` in pieces of 3 bytes, then an Error (when
// `failure` is not empty) or the end. It counts "file bytes" as 10 per content byte.
class PiecesSource final : public ByteSource {
public:
    PiecesSource(std::string content, std::string failure) : content_(std::move(content)), failure_(std::move(failure)) {}
    std::size_t read(char* buffer, std::size_t size) override {
        const std::size_t count = std::min({size, std::size_t{3}, content_.size() - offset_});
        if (count == 0 && !failure_.empty()) throw Error(failure_);
        content_.copy(buffer, count, offset_);
        offset_ += count;
        return count;
    }
    [[nodiscard]] std::uint64_t file_bytes_read() const override { return offset_ * 10; }

private:
    std::string content_;
    std::string failure_;
    std::size_t offset_ = 0;
};

}  // namespace

TEST_CASE("gzip: a multi-member file reads as the concatenation of its members, at every boundary") {
    ScratchDir dir;
    // 3 MB in members of 1 byte to 200 KB (and one empty member), so that member boundaries
    // fall at many places inside and across the 256 KB reads of the compressed file.
    const std::string content = sample_text(3 << 20);
    std::string multi;
    std::size_t offset = 0;
    for (std::size_t i = 0; offset < content.size(); ++i) {
        const std::size_t size = i == 3 ? 0 : std::min(content.size() - offset, (i * 104729) % 200000 + 1);
        multi += gzip_of(dir, content.substr(offset, size));
        offset += size;
    }
    write_file(dir / "multi.csv.gz", multi);
    CHECK(read_gzip(dir / "multi.csv.gz") == content);
    // Directly (no thread), in small odd reads.
    revshare::importers::DeliveredFile file((dir / "multi.csv.gz").string(), {});
    GzipFileSource direct(file);
    CHECK(read_all(direct, 4093) == content);
    CHECK(direct.file_bytes_read() == multi.size());
}

TEST_CASE("gzip: a multi-member export imports exactly like the single-member file") {
    ScratchDir dir;
    const auto single = fixtures_dir() / "exports/aws-cur/cur-2026-04.csv.gz";  // written by zlib
    const std::string content = read_gzip(single);
    REQUIRE(content.rfind("identity/LineItemId,", 0) == 0);
    // Members split at a line end, in the middle of a row, and after an empty member.
    const std::size_t row_end = content.find('\n', content.size() / 3) + 1;
    const std::size_t mid_row = content.size() * 2 / 3;
    const std::string multi = gzip_of(dir, content.substr(0, row_end)) + gzip_of(dir, "") +
                              gzip_of(dir, content.substr(row_end, mid_row - row_end)) + gzip_of(dir, content.substr(mid_row));
    write_file(dir / "cur-multi.csv.gz", multi);

    const auto expected = import_file(single, "cur-2026-04.csv.gz");
    const auto actual = import_file(dir / "cur-multi.csv.gz", "cur-2026-04.csv.gz");
    CHECK(actual.rows_read == 36);
    CHECK(actual.rows_read == expected.rows_read);
    CHECK(actual.rejects.empty());
    CHECK(total_of(actual.lines, CostColumn::BilledCost) == "10965.29347102931");
    REQUIRE(actual.lines.size() == expected.lines.size());
    for (std::size_t i = 0; i < actual.lines.size(); ++i) {
        CAPTURE(i);
        CHECK(actual.lines[i].text == expected.lines[i].text);
        CHECK(actual.lines[i].source_line == expected.lines[i].source_line);
        CHECK(actual.lines[i].tags == expected.lines[i].tags);
        for (std::size_t c = 0; c < actual.lines[i].cost.size(); ++c) {
            CHECK(text_of(actual.lines[i].cost[c]) == text_of(expected.lines[i].cost[c]));
        }
    }

    // And through the CLI: the same summary line as the single-member file.
    const auto result = run_revshare("--db r.db import cur-multi.csv.gz", dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out == "cur-multi.csv.gz: imported as import 1 (aws-cur): 36 rows read, 36 lines, 0 quarantined\n");
}

TEST_CASE("gzip: a corrupted checksum, bytes after the last member and a truncated file are refused") {
    ScratchDir dir;
    const std::string content = sample_text(100000);
    const std::string gzip = gzip_of(dir, content);

    std::string bad_crc = gzip;
    bad_crc[bad_crc.size() - 8] = static_cast<char>(bad_crc[bad_crc.size() - 8] ^ 0x01);  // CRC-32 trailer
    write_file(dir / "bad-crc.csv.gz", bad_crc);
    CHECK(read_error(dir / "bad-crc.csv.gz") ==
          (dir / "bad-crc.csv.gz").string() +
              ": broken gzip stream: checksum mismatch: the content does not match the CRC-32 and length stored in "
              "the file" + broken_suffix);

    std::string bad_length = gzip;
    bad_length[bad_length.size() - 4] = static_cast<char>(bad_length[bad_length.size() - 4] ^ 0x01);  // ISIZE
    write_file(dir / "bad-length.csv.gz", bad_length);
    CHECK(read_error(dir / "bad-length.csv.gz").find(": broken gzip stream: checksum mismatch: ") != std::string::npos);

    write_file(dir / "garbage.csv.gz", gzip + "PK\x03\x04");
    CHECK(read_error(dir / "garbage.csv.gz") == (dir / "garbage.csv.gz").string() +
                                                    ": broken gzip stream: unexpected bytes after the end of the "
                                                    "compressed content" + broken_suffix);
    // Zero bytes after the last member (block or tape padding) are ignored, as gzip does.
    write_file(dir / "padded.csv.gz", gzip + std::string(1000, '\0'));
    CHECK(read_gzip(dir / "padded.csv.gz") == content);

    // A truncated file: the bytes before the cut come first, then the error, again and again.
    write_file(dir / "cut.csv.gz", gzip.substr(0, gzip.size() / 2));
    auto source = open_byte_source((dir / "cut.csv.gz").string());
    std::string delivered;
    std::string buffer(1000, '\0');
    std::string message;
    try {
        while (const std::size_t count = source->read(buffer.data(), buffer.size())) delivered.append(buffer.data(), count);
    } catch (const Error& error) {
        message = error.what();
    }
    CHECK(message == (dir / "cut.csv.gz").string() + ": broken gzip stream: unexpected end of file" + broken_suffix);
    CHECK(delivered.size() > 1000);
    CHECK(content.compare(0, delivered.size(), delivered) == 0);
    CHECK_THROWS_WITH_AS(source->read(buffer.data(), buffer.size()), message.c_str(), Error);

    // The CLI says the same about a real export whose checksum is corrupted, naming the file
    // as given, after its rows were read: nothing is imported.
    std::string export_gzip = read_file(fixtures_dir() / "exports/aws-cur/cur-2026-04.csv.gz");
    export_gzip[export_gzip.size() - 8] = static_cast<char>(export_gzip[export_gzip.size() - 8] ^ 0x01);
    write_file(dir / "export.csv.gz", export_gzip);
    const auto refused = run_revshare("--db r.db import export.csv.gz", dir.path());
    CHECK(refused.exit_code == 2);
    CHECK(refused.err == "revshare: error: export.csv.gz: broken gzip stream: checksum mismatch: the content does not "
                         "match the CRC-32 and length stored in the file" + broken_suffix + "\n"
                         "export.csv.gz: refused; nothing was imported\n");
}

TEST_CASE("gzip: an empty content, an empty file and a file that is not gzip") {
    ScratchDir dir;
    write_file(dir / "empty-content.csv.gz", gzip_of(dir, ""));
    CHECK(read_file(dir / "empty-content.csv.gz").size() == 20);  // 10-byte header, empty block, 8-byte trailer
    CHECK(read_gzip(dir / "empty-content.csv.gz").empty());
    const auto empty = run_revshare("--db r.db import empty-content.csv.gz", dir.path());
    CHECK(empty.exit_code == 2);
    CHECK(empty.err.rfind("empty-content.csv.gz: error[empty-file]: the file is empty: no header row\n", 0) == 0);

    write_file(dir / "zero.csv.gz", "");  // no bytes at all: an empty content, as zlib read it
    CHECK(read_gzip(dir / "zero.csv.gz").empty());
    write_file(dir / "one.csv.gz", "\x1f");  // the first byte of the magic number only
    CHECK(read_error(dir / "one.csv.gz") ==
          (dir / "one.csv.gz").string() + ": broken gzip stream: unexpected end of file" + broken_suffix);
    write_file(dir / "plain.csv.gz", "a,b\n1,2\n");
    CHECK(read_error(dir / "plain.csv.gz") == (dir / "plain.csv.gz").string() +
                                                  ": not a gzip file: the name ends in .gz but the content is not gzip "
                                                  "(rename it to .csv, or compress it)");
}

TEST_CASE("gzip: a reader that stops early stops the decompression thread") {
    ScratchDir dir;
    const std::string content = sample_text(12 << 20);  // far more than the 4 x 1 MiB read ahead
    write_file(dir / "big.csv.gz", gzip_of(dir, content));
    for (const std::size_t wanted : {std::size_t{0}, std::size_t{1000}, std::size_t{5 << 20}}) {
        CAPTURE(wanted);
        auto source = open_byte_source((dir / "big.csv.gz").string());
        std::string delivered;
        std::string buffer(64 * 1024, '\0');
        while (delivered.size() < wanted) {
            const std::size_t count = source->read(buffer.data(), std::min(buffer.size(), wanted - delivered.size()));
            REQUIRE(count > 0);
            delivered.append(buffer.data(), count);
        }
        CHECK(content.compare(0, delivered.size(), delivered) == 0);
        CHECK(source->file_bytes_read() <= std::filesystem::file_size(dir / "big.csv.gz"));
        source.reset();  // joins the thread while it waits for a free buffer (ASan: no leak)
    }
}

TEST_CASE("Read-ahead: bytes before an error come first, in order; progress follows what was read") {
    const std::string content = sample_text(1000);
    ReadAheadSource failing(std::make_unique<PiecesSource>(content, "inner: read error"), ReadAheadOptions{2, 7});
    std::string delivered;
    char buffer[5];
    CHECK_THROWS_WITH_AS(
        [&] {
            while (const std::size_t count = failing.read(buffer, sizeof buffer)) delivered.append(buffer, count);
        }(),
        "inner: read error", Error);
    CHECK(delivered == content);
    CHECK_THROWS_WITH_AS(failing.read(buffer, sizeof buffer), "inner: read error", Error);

    ReadAheadSource ending(std::make_unique<PiecesSource>(content, ""), ReadAheadOptions{3, 7});
    CHECK(ending.file_bytes_read() == 0);
    REQUIRE(ending.read(buffer, 1) == 1);
    CHECK(ending.file_bytes_read() == 70);  // the first buffer (7 bytes) was filled at 70 "file bytes"
    CHECK(std::string(1, buffer[0]) + read_all(ending, 3) == content);
    CHECK(ending.file_bytes_read() == content.size() * 10);
    CHECK(ending.read(buffer, sizeof buffer) == 0);
}

TEST_CASE("gzip writer: zcat reads what it writes back to the original bytes") {
    ScratchDir dir;
    std::string content = sample_text(3 << 20);
    content += std::string("\0\xff\r\n\"quoted, field\"", 18);  // any bytes, not only text
    write_file(dir / "original.csv", content);
    write_gzip_file(dir / "original.csv", dir / "written.csv.gz");
    CHECK(std::filesystem::file_size(dir / "written.csv.gz") < content.size() / 3);
    const std::string command = "zcat '" + (dir / "written.csv.gz").string() + "' > '" + (dir / "zcat.out").string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    CHECK(read_file(dir / "zcat.out") == content);
    CHECK(read_gzip(dir / "written.csv.gz") == content);

    write_file(dir / "empty.csv", "");
    write_gzip_file(dir / "empty.csv", dir / "empty.csv.gz");
    const std::string empty_command = "zcat '" + (dir / "empty.csv.gz").string() + "' > '" + (dir / "zcat.out").string() + "'";
    REQUIRE(std::system(empty_command.c_str()) == 0);
    CHECK(read_file(dir / "zcat.out").empty());

    CHECK_THROWS_WITH_AS(write_gzip_file(dir / "missing.csv", dir / "x.gz"),
                         ("cannot read " + (dir / "missing.csv").string() + ": No such file or directory").c_str(), Error);
}

TEST_CASE("Archive: a plain export is stored as gzip that zcat reads back to the delivered bytes") {
    ScratchDir dir;
    copy_fixture("exports/aws-cur/cur-2026-02.csv", dir.path());
    REQUIRE(run_revshare("--db r.db --quiet import cur-2026-02.csv", dir.path()).exit_code == 0);
    const std::string sha = query_value(dir / "r.db", "SELECT sha256 FROM import");
    const auto archived = dir / "r.db.archive" / (sha + ".csv.gz");
    REQUIRE(std::filesystem::exists(archived));
    const std::string command = "zcat '" + archived.string() + "' > '" + (dir / "zcat.out").string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    CHECK(read_file(dir / "zcat.out") == read_file(fixtures_dir() / "exports/aws-cur/cur-2026-02.csv"));
}
