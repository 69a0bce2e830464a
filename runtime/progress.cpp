#include "runtime/progress.hpp"

#include "engine/core/diagnostic.hpp"

#include <unistd.h>

#include <cstdio>

namespace revshare::app {
namespace {
constexpr std::uint64_t large_file_bytes = 8ull * 1024 * 1024;
}

Progress::Progress(std::string label, std::uint64_t total_bytes, bool quiet)
    : label_(printable(label)),  // a file name: input
      total_bytes_(total_bytes),
      enabled_(!quiet && total_bytes >= large_file_bytes && ::isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() { finish(); }

void Progress::update(std::int64_t rows, std::uint64_t bytes_done) {
    if (!enabled_ || rows % 4096 != 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_draw_ < std::chrono::milliseconds(250)) return;
    last_draw_ = now;
    const auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - start_).count();
    const std::uint64_t mb_per_s = elapsed_ms > 0 ? bytes_done * 1000 / static_cast<std::uint64_t>(elapsed_ms) / (1024 * 1024) : 0;
    const std::uint64_t percent = total_bytes_ > 0 ? bytes_done * 100 / total_bytes_ : 0;
    std::fprintf(stderr, "\r%s: %lld rows, %llu%%, %llu MB/s   ", label_.c_str(), static_cast<long long>(rows),
                 static_cast<unsigned long long>(percent), static_cast<unsigned long long>(mb_per_s));
    std::fflush(stderr);
    drawn_ = true;
}

void Progress::finish() {
    if (drawn_) std::fprintf(stderr, "\r\033[K");
    drawn_ = false;
}

}  // namespace revshare::app
