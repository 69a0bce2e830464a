#pragma once
// Small pieces several commands share: option parsing (and, from jobs/, picking contracts and
// writing reports).
#include "cli/cli.hpp"
#include "engine/core/period.hpp"
#include "jobs/period_reports.hpp"

#include <filesystem>
#include <string>

namespace revshare::app {

[[nodiscard]] Period parse_period_option(const std::string& command, const std::string& text);

// `--out DIR` of a command that writes a folder of files (report, summary, evidence, compare,
// nightly): required; refused with a message naming it when DIR, or a folder on its way, is a
// file (the folders themselves are created when the files are written).
[[nodiscard]] std::filesystem::path out_folder_option(const std::string& command, Arguments& arguments);

}  // namespace revshare::app
