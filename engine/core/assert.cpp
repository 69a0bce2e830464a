#include "engine/core/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace revshare::detail {
void assertion_failed(const char* expression, const char* file, int line) {
    std::fprintf(stderr, "%s:%d: internal invariant failed: %s\n", file, line, expression);
    std::fflush(stderr);
    std::abort();
}
}  // namespace revshare::detail
