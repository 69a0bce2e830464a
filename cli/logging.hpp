#pragma once
// spdlog at stage boundaries only (file, rows, rejects, duration), to stderr, and with
// --log-file PATH also to a size-bounded rotating file.
#include "cli/cli.hpp"

namespace revshare::app {
void setup_logging(const GlobalOptions& options);
}
