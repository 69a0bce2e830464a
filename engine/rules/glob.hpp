#pragma once
// Glob patterns of a contract's `match` tables (shared/spec/contract.md, "match"):
//   `*`  any run of characters, the empty run included;
//   `?`  exactly one Unicode code point (not one byte) of UTF-8 text;
//   anything else is literal and case-sensitive. There is no escape character.
// The pattern `""` matches only the empty text.
#include <string_view>

namespace revshare::rules {

// Iterative two-pointer matcher: O(|pattern| × |text|) in the worst case, never exponential,
// and no recursion, so a hostile pattern like `*a*a*a*a*b` cannot blow up.
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace revshare::rules
