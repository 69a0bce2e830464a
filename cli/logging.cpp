#include "cli/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace revshare::app {
namespace {

// --log-file: bounded on disk (cron and systemd runs go on for years).
constexpr std::size_t log_file_bytes_max = 5 * 1024 * 1024;
constexpr std::size_t log_files_kept = 3;

spdlog::level::level_enum file_level(spdlog::level::level_enum level) { return std::min(level, spdlog::level::info); }

// The file records at least info (the stage boundaries: files, rows, rejects, durations), more
// when --log-level asks for more; stderr shows only --log-level (default warn).
std::shared_ptr<spdlog::sinks::sink> make_file_sink(const GlobalOptions& options, spdlog::level::level_enum level) {
    try {
        auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(options.log_file.string(), log_file_bytes_max,
                                                                           log_files_kept);
        sink->set_formatter(std::make_unique<spdlog::pattern_formatter>("%Y-%m-%dT%H:%M:%S.%eZ [%P] %l %v",
                                                                        spdlog::pattern_time_type::utc));
        sink->set_level(file_level(level));
        return sink;
    } catch (const spdlog::spdlog_ex& e) {
        throw Error("--log-file: cannot write " + options.log_file.string() + ": " + e.what());
    }
}

}  // namespace

void setup_logging(const GlobalOptions& options) {
    auto logger = spdlog::stderr_color_mt("revshare");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    const auto level = spdlog::level::from_str(options.log_level);
    if (level == spdlog::level::off && options.log_level != "off") {
        throw UsageError("--log-level: expected trace, debug, info, warn, error, critical or off, got '" +
                         options.log_level + "'");
    }
    const auto stderr_level = options.quiet ? spdlog::level::err : level;
    logger->set_level(stderr_level);
    if (!options.log_file.empty()) {
        logger->sinks().front()->set_level(stderr_level);
        logger->sinks().push_back(make_file_sink(options, level));
        logger->set_level(std::min(stderr_level, file_level(level)));
        logger->flush_on(spdlog::level::info);  // a killed run's last lines are in the file
    }
    spdlog::set_default_logger(logger);
}

}  // namespace revshare::app
