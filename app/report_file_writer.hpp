#pragma once
// A report file too large to hold in memory (lines.csv: one row per matched line), written the
// way write_file_atomically writes a small one: under a temporary name in the same folder,
// flushed to disk, then renamed over the target by commit(). Destroyed without commit() (an
// exception unwinding), it removes the temporary and leaves any previous file in place.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace revshare::app {

class StreamingReportFile {
public:
    explicit StreamingReportFile(std::filesystem::path path);
    ~StreamingReportFile();
    StreamingReportFile(const StreamingReportFile&) = delete;
    StreamingReportFile& operator=(const StreamingReportFile&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    void append(std::string_view text);
    // For appending rows in place, without a copy: append to buffer(), then call appended().
    [[nodiscard]] std::string& buffer() { return buffer_; }
    void appended();
    void commit();

private:
    void flush();
    std::filesystem::path path_;
    std::filesystem::path temporary_;
    int fd_ = -1;
    std::string buffer_;
    off_t size_ = 0;          // bytes written to fd_
    off_t written_back_ = 0;  // bytes the disk was asked to write (flush())
};

}  // namespace revshare::app
