#pragma once
// Helpers of the seller-feed tests.
#include "tests/test_support.hpp"

#include <string>

namespace revshare::testing {

// What `import` printed about a seller file's rows as events: the text after `  events: `.
inline std::string events_line(const CommandResult& result) {
    const auto at = result.out.find("  events: ");
    if (at == std::string::npos) return "(no events line)";
    return result.out.substr(at + 10, result.out.find('\n', at) - at - 10);
}

}  // namespace revshare::testing
