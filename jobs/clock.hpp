#pragma once
// The wall clock, used only by the app layer to stamp what it records (imported_at, the audit
// log). Engine and reports never read it (STYLE.md section 4). REVSHARE_NOW (ISO 8601 UTC)
// overrides it, so that tests and replays can fix time.
#include <string>

#include <chrono>
#include <cstdint>

namespace revshare::app {
[[nodiscard]] std::string utc_now_text();  // 2026-11-26T04:30:00Z

// Milliseconds since `start` (a steady clock's reading); 0 when REVSHARE_NOW fixes the time,
// so that a summary written under it is the same on every run.
[[nodiscard]] std::int64_t elapsed_ms(std::chrono::steady_clock::time_point start);
}
