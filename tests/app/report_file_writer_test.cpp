// StreamingReportFile (issue 7) writes on a thread of its own, from a pool of four 1 MB
// buffers: a file many buffers long arrives whole and in order, whichever way it was appended,
// only once committed, and an uncommitted one leaves the previous file and no temporary. It
// flushes every sync_bytes on a third thread while writing goes on, and a failed flush is a
// write error.
#include "runtime/report_file_writer.hpp"
#include "engine/core/error.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <string>

using revshare::testing::ScratchDir;
using revshare::testing::read_file;

namespace {

// Rows "row N,<N mod 97 x's>\n": unequal lengths, so buffer ends fall mid-row.
std::string row(int n) { return "row " + std::to_string(n) + "," + std::string(static_cast<std::size_t>(n % 97), 'x') + "\n"; }

std::size_t temporaries(const std::filesystem::path& dir) {
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        count += entry.path().filename().string().find(".tmp-") != std::string::npos ? 1 : 0;
    }
    return count;
}

// The file a failed or abandoned write must leave in place: "previous\n".
void write_previous(const std::filesystem::path& path) {
    revshare::app::StreamingReportFile first(path);
    first.append("previous\n");
    first.commit();
}

}  // namespace

TEST_CASE("StreamingReportFile: 11 MB appended both ways is written whole and in order, on commit") {
    ScratchDir dir;
    const auto path = dir / "out/lines.csv";
    std::string expected;
    {
        revshare::app::StreamingReportFile file(path);
        for (int n = 0; n < 200000; ++n) {
            const std::string text = row(n);
            expected += text;
            if (n % 2 == 0) {
                file.append(text);
            } else {
                file.buffer() += text;
                file.appended();
            }
        }
        CHECK(expected.size() > 11u * 1024 * 1024);  // eleven buffers and more: the pool of four is reused
        CHECK(!std::filesystem::exists(path));       // nothing under the real name before commit()
        file.commit();
    }
    CHECK(read_file(path) == expected);
    CHECK(temporaries(dir / "out") == 0);
}

TEST_CASE("StreamingReportFile: not committed, it leaves the previous file and no temporary") {
    ScratchDir dir;
    const auto path = dir / "out/lines.csv";
    write_previous(path);
    {
        revshare::app::StreamingReportFile second(path);
        for (int n = 0; n < 100000; ++n) second.append(row(n));  // several buffers handed over
    }  // destroyed without commit(), as when an exception unwinds
    CHECK(read_file(path) == "previous\n");
    CHECK(temporaries(dir / "out") == 0);
}

namespace {

std::atomic<int> flushes{0};
int counting_sync(int fd) {
    ++flushes;
    return ::fdatasync(fd);
}
int failing_sync(int) {
    errno = EIO;
    return -1;
}

}  // namespace

TEST_CASE("StreamingReportFile: flushed every 1 MB while it is written, an 11 MB file is whole and in order") {
    ScratchDir dir;
    const auto path = dir / "out/lines.csv";
    std::string expected;
    flushes = 0;
    {
        revshare::app::StreamingReportFile file(path, {off_t{1} << 20, counting_sync});
        for (int n = 0; n < 200000; ++n) {
            expected += row(n);
            file.append(row(n));
        }
        file.commit();
    }
    CHECK(read_file(path) == expected);
    // Asked for after each MB written; those asked for during a flush make one more.
    CHECK(flushes.load() >= 1);
    CHECK(flushes.load() <= 11);
    CHECK(temporaries(dir / "out") == 0);
}

TEST_CASE("StreamingReportFile: a failed flush is a write error that names the file; the previous file stays and no temporary is left") {
    ScratchDir dir;
    const auto path = dir / "out/lines.csv";
    write_previous(path);
    // Raised by the hand-over after the failure or else by commit(), whichever comes first.
    const auto write = [&] {
        revshare::app::StreamingReportFile file(path, {off_t{1} << 20, failing_sync});
        for (int n = 0; n < 200000; ++n) file.append(row(n));
        file.commit();
    };
    CHECK_THROWS_WITH_AS(write(), ("cannot write " + path.string() + ": Input/output error; nothing was written").c_str(),
                         revshare::Error);
    CHECK(read_file(path) == "previous\n");
    CHECK(temporaries(dir / "out") == 0);
}
