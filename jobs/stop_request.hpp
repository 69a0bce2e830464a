#pragma once
// SIGTERM and SIGINT (what systemd sends on stop or timeout; Ctrl-C) turned into a stop at the
// next safe point: a command that passes safe points (import, settle, report, nightly) installs
// the handlers; each `stop_point` is a place between two transactions, or inside one that an
// exception rolls back whole. The first signal is only recorded; the handler is then reset to
// the default, so a second signal ends the process at once, which is still safe: every step is
// one SQLite transaction and every file is written under a temporary name and renamed.
#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace revshare::app {

// Installs the handlers of SIGTERM and SIGINT. Threads started later inherit nothing to do:
// the handler only stores the signal's number, whichever thread takes it.
void install_stop_handlers();

// The signal that asked this process to stop (SIGTERM or SIGINT), or 0.
[[nodiscard]] int stop_signal();

// Thrown by stop_point when a signal arrived: not an Error, so that nothing that handles a bad
// file or a stopped contract takes it for one; only the command's top level handles it.
class Interrupted : public std::exception {
public:
    Interrupted(int signal, std::string point);
    [[nodiscard]] const char* what() const noexcept override { return message_.c_str(); }
    [[nodiscard]] int signal() const { return signal_; }
    [[nodiscard]] const std::string& point() const { return point_; }
    // 128 + the signal's number, as a shell reports a process the signal ended: 143, 130.
    [[nodiscard]] int exit_code() const { return 128 + signal_; }

private:
    int signal_;
    std::string point_;
    std::string message_;
};

// "SIGTERM", "SIGINT".
[[nodiscard]] std::string signal_name(int signal);

// A safe point: throws Interrupted when a stop was asked for. `point` names the place (also the
// test hook REVSHARE_PAUSE_AT=<point>:<n>, which waits there, up to 60 s, for a signal).
void stop_point(std::string_view point);
// The same safe point for a caller that reports what it did before it stops: the Interrupted
// to throw when it has, or nothing.
[[nodiscard]] std::optional<Interrupted> stop_requested_at(std::string_view point);

}  // namespace revshare::app
