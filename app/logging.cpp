#include "app/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace revshare::app {

void setup_logging(const GlobalOptions& options) {
    auto logger = spdlog::stderr_color_mt("revshare");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    const auto level = spdlog::level::from_str(options.log_level);
    if (level == spdlog::level::off && options.log_level != "off") {
        throw UsageError("--log-level: expected trace, debug, info, warn, error, critical or off, got '" +
                         options.log_level + "'");
    }
    logger->set_level(options.quiet ? spdlog::level::err : level);
    spdlog::set_default_logger(logger);
}

}  // namespace revshare::app
