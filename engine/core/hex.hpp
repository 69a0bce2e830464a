#pragma once
// Lower-case hexadecimal text of bytes, and back: hashes, signatures and key names.
#include <string>
#include <string_view>

namespace revshare {

[[nodiscard]] std::string to_hex(std::string_view bytes);
// Throws revshare::Error "<what>: not hexadecimal" on an odd length or a non-hex digit.
[[nodiscard]] std::string from_hex(std::string_view hex, const std::string& what);

}  // namespace revshare
