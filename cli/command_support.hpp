#pragma once
// Small pieces several commands share: option parsing (and, from jobs/, picking contracts and
// writing reports).
#include "cli/cli.hpp"
#include "engine/core/period.hpp"
#include "jobs/period_reports.hpp"

#include <string>

namespace revshare::app {

[[nodiscard]] Period parse_period_option(const std::string& command, const std::string& text);

}  // namespace revshare::app
