#pragma once
// One nightly run at a time: an exclusive flock(2) on `<database>.nightly.lock`, which holds
// "<pid> <start time>" of the run that has it. The kernel drops the lock when the process ends,
// however it ends (even SIGKILL), so a lock file left behind never blocks the next run; its
// content only names the run that holds the lock, for the message of the one that is refused.
// The file is never removed (removing it would let two runs lock two different files).
#include <filesystem>
#include <string>

namespace revshare::app {

class NightlyLock {
public:
    // Takes the lock without waiting, or throws revshare::Error (exit 3) naming the process id
    // and start time of the run that holds it.
    NightlyLock(const std::filesystem::path& db_path, const std::string& started_at);
    ~NightlyLock();
    NightlyLock(const NightlyLock&) = delete;
    NightlyLock& operator=(const NightlyLock&) = delete;

    [[nodiscard]] static std::filesystem::path path_for(const std::filesystem::path& db_path);

private:
    int fd_ = -1;
};

}  // namespace revshare::app
