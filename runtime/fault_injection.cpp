#include "runtime/fault_injection.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <string>

namespace revshare::app {
namespace {

// True the n-th time `point` is passed when `setting` is `<point>:<n>[:<rest>]`; `rest` gets <rest>.
bool nth_pass(const char* setting, std::string_view point, std::string* rest = nullptr) {
    if (setting == nullptr || *setting == '\0') return false;
    static std::mutex mutex;  // points may be passed on reading threads
    static std::map<std::string, std::int64_t, std::less<>> passes;
    std::string_view text(setting);
    if (rest != nullptr) {
        const auto last = text.rfind(':');
        if (last == std::string_view::npos) return false;
        *rest = std::string(text.substr(last + 1));
        text = text.substr(0, last);
    }
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || text.substr(0, colon) != point) return false;
    const std::int64_t target = std::atoll(std::string(text.substr(colon + 1)).c_str());
    const std::lock_guard lock(mutex);
    return ++passes[std::string(point) + (rest != nullptr ? "/change" : "")] == target;
}

std::string read_all(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void change_file(const std::filesystem::path& file, const std::string& change) {
    const std::string content = read_all(file);
    if (change == "truncate") {
        std::filesystem::resize_file(file, content.size() / 2);
    } else if (change == "append") {
        const auto start = content.rfind('\n', content.size() >= 2 ? content.size() - 2 : 0);
        std::ofstream(file, std::ios::binary | std::ios::app) << content.substr(start == std::string::npos ? 0 : start + 1);
    } else if (change == "rewrite") {
        const int fd = ::open(file.c_str(), O_WRONLY);
        if (fd >= 0 && !content.empty()) (void)!::pwrite(fd, content.data(), 1, 0);
        if (fd >= 0) ::close(fd);
    } else if (change == "rename") {
        const auto copy = file.string() + ".replacement";
        std::ofstream(copy, std::ios::binary) << content;
        std::filesystem::rename(copy, file);
    }
}

}  // namespace

void crash_point(std::string_view point) {
    static const char* setting = std::getenv("REVSHARE_CRASH_AT");
    if (nth_pass(setting, point)) std::raise(SIGKILL);
}

void change_file_point(std::string_view point, const std::filesystem::path& file) {
    static const char* setting = std::getenv("REVSHARE_CHANGE_FILE_AT");
    std::string change;
    if (nth_pass(setting, point, &change)) change_file(file, change);
}

void pause_point(std::string_view point, const std::function<bool()>& stop_asked) {
    static const char* setting = std::getenv("REVSHARE_PAUSE_AT");
    if (setting == nullptr) return;
    // `:hold` after the count: wait the whole 60 s whatever arrives (the second-signal test).
    static const bool hold = std::string_view(setting).ends_with(":hold");
    static const std::string counted(setting, std::string_view(setting).size() - (hold ? 5 : 0));
    if (!nth_pass(counted.c_str(), point)) return;
    std::fprintf(stderr, "revshare: paused at %.*s (REVSHARE_PAUSE_AT)\n", static_cast<int>(point.size()), point.data());
    for (int waited_ms = 0; waited_ms < 60'000 && (hold || !stop_asked()); waited_ms += 10) ::usleep(10'000);
}

}  // namespace revshare::app
