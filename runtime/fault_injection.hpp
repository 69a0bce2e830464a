#pragma once
// Deterministic faults for the tests, set in the environment; never set in production.
//  - REVSHARE_CRASH_AT=<point>:<n>: the process kills itself with SIGKILL the n-th time it
//    passes <point> (the kill tests: a run killed anywhere leaves the database as before it).
//  - REVSHARE_CHANGE_FILE_AT=<point>:<n>:<change>: the n-th time the process passes <point>, it
//    changes the file being imported, as a delivery still being written or replaced would:
//    `truncate` (to half its size), `append` (its last line once more), `rewrite` (its first
//    byte written again in place: same bytes, new modification time) or `rename` (a copy
//    renamed over it).
//  - REVSHARE_PAUSE_AT=<point>:<n>: the n-th time the process passes the safe point <point>
//    (jobs/stop_request.hpp), it waits there, up to 60 s, until a signal asks it to stop: the
//    signal tests send SIGTERM while the process is known to be at that point. With `:hold`
//    after <n>, it waits the 60 s whatever arrives (so that a second signal finds it there).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

namespace revshare::app {
void crash_point(std::string_view point);
void change_file_point(std::string_view point, const std::filesystem::path& file);
void pause_point(std::string_view point, const std::function<bool()>& stop_asked);
}  // namespace revshare::app
