#pragma once
// The 64-bit hash that event_line.key_hash stores and indexes (migration 0017): FNV-1a over the
// key's bytes, as a signed SQLite integer. Stored, so it never changes; not a digest (keys of
// equal hash are told apart by comparing the key itself).
#include <cstdint>
#include <string_view>

namespace revshare::schema {

[[nodiscard]] constexpr std::int64_t event_key_hash(std::string_view key) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : key) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return static_cast<std::int64_t>(hash);  // two's complement (C++20): every 64 bits kept
}

static_assert(event_key_hash("") == static_cast<std::int64_t>(14695981039346656037ULL));
static_assert(event_key_hash("a") == static_cast<std::int64_t>(0xaf63dc4c8601ec8cULL));  // FNV-1a's published vector

}  // namespace revshare::schema
