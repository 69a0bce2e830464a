#pragma once
// Progress for long work: a line on stderr, redrawn a few times a second, only when stderr is
// a terminal and the work is large; silent otherwise (cron and CI logs stay clean).
#include <chrono>
#include <cstdint>
#include <string>

namespace revshare::app {

class Progress {
public:
    Progress(std::string label, std::uint64_t total_bytes, bool quiet);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    // Cheap to call per row: checks the clock only every few thousand rows.
    void update(std::int64_t rows, std::uint64_t bytes_done);
    void finish();

private:
    std::string label_;
    std::uint64_t total_bytes_;
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace revshare::app
