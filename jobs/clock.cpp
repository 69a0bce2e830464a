#include "jobs/clock.hpp"

#include <date/date.h>

#include <chrono>
#include <cstdlib>

namespace revshare::app {

std::string utc_now_text() {
    if (const char* fixed = std::getenv("REVSHARE_NOW"); fixed != nullptr && *fixed != '\0') return fixed;
    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    return date::format("%Y-%m-%dT%H:%M:%SZ", now);
}

std::int64_t elapsed_ms(std::chrono::steady_clock::time_point start) {
    if (const char* fixed = std::getenv("REVSHARE_NOW"); fixed != nullptr && *fixed != '\0') return 0;
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace revshare::app
