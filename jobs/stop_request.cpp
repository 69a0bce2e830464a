#include "jobs/stop_request.hpp"

#include "runtime/fault_injection.hpp"

#include <atomic>
#include <csignal>

namespace revshare::app {
namespace {

// Written by the handler, read by stop_point on any thread: a lock-free atomic is what a
// signal handler may touch.
std::atomic<int> requested{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void record_stop(int signal) { requested.store(signal, std::memory_order_relaxed); }

}  // namespace

void install_stop_handlers() {
    struct sigaction action {};
    action.sa_handler = record_stop;
    sigemptyset(&action.sa_mask);
    // SA_RESETHAND: the second signal takes the default action (the process ends at once).
    // SA_RESTART: a read or write the signal interrupts goes on (the next stop_point stops).
    action.sa_flags = SA_RESETHAND | SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

int stop_signal() { return requested.load(std::memory_order_relaxed); }

std::string signal_name(int signal) {
    if (signal == SIGTERM) return "SIGTERM";
    if (signal == SIGINT) return "SIGINT";
    return "signal " + std::to_string(signal);
}

Interrupted::Interrupted(int signal, std::string point)
    : signal_(signal),
      point_(std::move(point)),
      message_("interrupted by " + signal_name(signal) + " (at " + point_ + ")") {}

std::optional<Interrupted> stop_requested_at(std::string_view point) {
    pause_point(point, [] { return stop_signal() != 0; });
    if (const int signal = stop_signal(); signal != 0) return Interrupted(signal, std::string(point));
    return std::nullopt;
}

void stop_point(std::string_view point) {
    if (auto stop = stop_requested_at(point)) throw *stop;
}

}  // namespace revshare::app
