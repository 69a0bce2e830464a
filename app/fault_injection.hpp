#pragma once
// Deterministic crash points for the kill tests: with REVSHARE_CRASH_AT=<point>:<n> in the
// environment, the process kills itself with SIGKILL the n-th time it passes <point>. Used
// only by tests, to prove that a run killed anywhere leaves the database as before it.
#include <cstdint>
#include <string_view>

namespace revshare::app {
void crash_point(std::string_view point);
}
