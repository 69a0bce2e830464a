#pragma once
// A SQLite VFS for the connections that stream table `line` once (the report's line readers):
// the default VFS, with read-ahead. As a connection's reads of its main database file move
// forward, the next 32 MB of the file are kept asked for (posix_fadvise WILLNEED), so pages
// the kernel has evicted from its cache are read ahead, in large requests, instead of one
// 16 KB page at a time as SQLite reaches them. (A nightly job's database is often cold, and
// this project's CI machine evicts idle page cache on its own: the readers of the 10M-line
// report waited about 0.5 s each on such reads while lines.csv was written: issue 7.)
#include <cstdint>

namespace revshare::schema {

// Registers the VFS (once per process) and returns its name, for opening a connection with it.
[[nodiscard]] const char* read_ahead_vfs();

// What to ask the kernel to read ahead, given one file's reads in order. Reads that go back
// (the B-tree's interior pages, other tables' lookups) or jump far ahead ask for nothing; a
// read a little after the furthest one (the next leaf page, or the next piece after another
// reader's) keeps [its end, its end + window) asked for, asking again each half window.
class ReadAheadWindow {
public:
    struct Range {
        std::int64_t offset = 0;
        std::int64_t length = 0;  // 0: nothing to ask for
        bool operator==(const Range&) const = default;
    };
    static constexpr std::int64_t window = std::int64_t{32} << 20;
    static constexpr std::int64_t max_step = std::int64_t{4} << 20;  // further: a jump

    [[nodiscard]] Range read(std::int64_t offset, std::int64_t length);

private:
    std::int64_t furthest_end_ = -1;  // the end of the furthest read so far; -1 before the first
    std::int64_t asked_end_ = 0;      // the end of what was asked for
};

}  // namespace revshare::schema
