#pragma once
// Helpers for the libFuzzer targets in tests/fuzz (issue 8): an in-memory ByteSource that hands
// the input over in small, input-chosen chunks (so record boundaries fall across refills, where
// the CSV reader keeps its trickiest state), and a check that aborts with a message the fuzzer
// reports as a crash.
#include "importers/csv/byte_source.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace revshare::fuzz {

// Aborts (a crash to libFuzzer) when a property of the code under test does not hold.
inline void require(bool condition, const char* what) {
    if (condition) return;
    std::fprintf(stderr, "fuzz property violated: %s\n", what);
    std::abort();
}

// The bytes of `data`, returned by read() at most `chunk_bytes` at a time.
class MemorySource final : public importers::ByteSource {
public:
    MemorySource(std::string_view data, std::size_t chunk_bytes) : data_(data), chunk_bytes_(std::max<std::size_t>(chunk_bytes, 1)) {}
    std::size_t read(char* buffer, std::size_t size) override {
        const std::size_t count = std::min({size, chunk_bytes_, data_.size() - offset_});
        std::memcpy(buffer, data_.data() + offset_, count);
        offset_ += count;
        return count;
    }
    [[nodiscard]] std::uint64_t file_bytes_read() const override { return offset_; }

private:
    std::string_view data_;
    std::size_t chunk_bytes_;
    std::size_t offset_ = 0;
};

// The refill size for an input, chosen by its length so that seeds taken from real files stay
// byte-for-byte what they were and the fuzzer still varies it: for one input in four, 1..251
// bytes (record boundaries fall across refills); otherwise the whole input at once (each refill
// costs the reader a 1 MB buffer, so small chunks for every input would slow the search down).
[[nodiscard]] inline std::size_t chunk_bytes_for(std::size_t size) { return size % 4 == 0 ? 1 + size % 251 : size + 1; }

}  // namespace revshare::fuzz
