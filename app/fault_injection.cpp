#include "app/fault_injection.hpp"

#include <csignal>
#include <cstdlib>
#include <map>
#include <string>

namespace revshare::app {

void crash_point(std::string_view point) {
    static const char* setting = std::getenv("REVSHARE_CRASH_AT");
    if (setting == nullptr || *setting == '\0') return;
    static std::map<std::string, std::int64_t, std::less<>> passes;
    const std::string_view text(setting);
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || text.substr(0, colon) != point) return;
    const std::int64_t target = std::atoll(std::string(text.substr(colon + 1)).c_str());
    if (++passes[std::string(point)] == target) std::raise(SIGKILL);
}

}  // namespace revshare::app
