#pragma once
// ENGINE_ASSERT: programmer errors only (STYLE.md section 3). Enabled in every build type;
// prints file:line and the expression, then aborts. Never used to validate input.

namespace revshare::detail {
[[noreturn]] void assertion_failed(const char* expression, const char* file, int line);
}

#define ENGINE_ASSERT(condition)                                                   \
    do {                                                                           \
        if (!(condition)) {                                                        \
            ::revshare::detail::assertion_failed(#condition, __FILE__, __LINE__); \
        }                                                                          \
    } while (false)
