#pragma once
// A bound on how deeply a contract's TOML nests, checked on the text before the TOML library
// sees it: toml++ builds (and destroys) nested tables recursively, so a key of 50,000 dotted
// parts (`x.x.x....y = 1`) or brackets nested as deeply exhaust the stack (SIGSEGV). A real
// contract nests 5 levels (version, rule, match, a column, its list).
#include <cstdint>
#include <optional>
#include <string_view>

namespace revshare::rules {

struct NestingExcess {
    std::int64_t line = 0;    // 1-based line where the depth first passes the limit
    std::int64_t column = 0;  // 1-based byte column of the '.', '[' or '{' that passes it
};

// The first place where table header parts, dotted key parts and open brackets together nest
// deeper than `depth_max`, or nullopt. Strings and comments are skipped; the text need not be
// valid TOML (toml++ reports syntax afterwards).
[[nodiscard]] std::optional<NestingExcess> find_nesting_excess(std::string_view text, int depth_max);

}  // namespace revshare::rules
