#include "engine/rules/glob.hpp"

#include "engine/core/assert.hpp"

#include <cstddef>

namespace revshare::rules {
namespace {

// Bytes in the UTF-8 code point that starts at `position`. A byte that cannot start a code
// point (importers reject invalid UTF-8, so this is defensive) counts as one code point of
// one byte; a sequence cut short by the end of the text ends there.
std::size_t code_point_length(std::string_view text, std::size_t position) {
    ENGINE_ASSERT(position < text.size());
    const auto lead = static_cast<unsigned char>(text[position]);
    std::size_t length = 1;
    if (lead >= 0xF0 && lead < 0xF8) {
        length = 4;
    } else if (lead >= 0xE0 && lead < 0xF0) {
        length = 3;
    } else if (lead >= 0xC0 && lead < 0xE0) {
        length = 2;
    }
    const std::size_t remaining = text.size() - position;
    return length < remaining ? length : remaining;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
    constexpr std::size_t none = std::string_view::npos;
    std::size_t p = 0;  // next pattern byte
    std::size_t t = 0;  // next text byte
    // The most recent `*`: where it is in the pattern, and where the text it absorbs ends
    // (always on a code point boundary, so a `?` after a `*` never starts mid-character).
    // Only the last star ever needs revisiting: everything before it is already matched
    // at the earliest possible place, which is what keeps the matcher linear per star.
    std::size_t star_p = none;
    std::size_t star_t = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star_p = p++;
            star_t = t;
        } else if (p < pattern.size() && pattern[p] == '?') {
            t += code_point_length(text, t);
            ++p;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star_p != none) {
            // Let the last `*` absorb one more code point and retry what follows it.
            star_t += code_point_length(text, star_t);
            t = star_t;
            p = star_p + 1;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

}  // namespace revshare::rules
