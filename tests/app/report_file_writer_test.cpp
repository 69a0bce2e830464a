// StreamingReportFile (issue 7) writes on a thread of its own, from a pool of four 1 MB
// buffers: a file many buffers long arrives whole and in order, whichever way it was appended,
// only once committed, and an uncommitted one leaves the previous file and no temporary.
#include "app/report_file_writer.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

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
    {
        revshare::app::StreamingReportFile first(path);
        first.append("previous\n");
        first.commit();
    }
    {
        revshare::app::StreamingReportFile second(path);
        for (int n = 0; n < 100000; ++n) second.append(row(n));  // several buffers handed over
    }  // destroyed without commit(), as when an exception unwinds
    CHECK(read_file(path) == "previous\n");
    CHECK(temporaries(dir / "out") == 0);
}
