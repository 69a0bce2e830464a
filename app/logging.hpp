#pragma once
// spdlog at stage boundaries only (file, rows, rejects, duration), to stderr.
#include "app/cli.hpp"

namespace revshare::app {
void setup_logging(const GlobalOptions& options);
}
