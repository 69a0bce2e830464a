#pragma once
// Byte scanning for the CSV reader: find the next of one or two bytes, 16 bytes at a time
// (SSE2, part of every x86-64 CPU), with a plain loop elsewhere. The reader spends most of
// its time here: a 1 GB export is about 130 million separators.
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace revshare::importers::scan {

// Offset of the first `a` or `b` in [data, data + size), or `size` when there is none.
inline std::size_t find_either(const char* data, std::size_t size, char a, char b) {
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i wanted_a = _mm_set1_epi8(a);
    const __m128i wanted_b = _mm_set1_epi8(b);
    for (; i + 16 <= size; i += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
        const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(bytes, wanted_a), _mm_cmpeq_epi8(bytes, wanted_b)));
        if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (; i < size; ++i) {
        if (data[i] == a || data[i] == b) return i;
    }
    return size;
}

// Offset of the first `c`, or `size`.
inline std::size_t find_byte(const char* data, std::size_t size, char c) {
    const void* found = std::memchr(data, c, size);
    return found == nullptr ? size : static_cast<std::size_t>(static_cast<const char*>(found) - data);
}

// The offsets of every `c` in [data, data + size), in order, found 16 bytes at a time: one
// compare per block, then one bit per match, instead of a memchr call per match (the fields
// of an export are a few bytes long).
class ByteFinder {
public:
    ByteFinder(const char* data, std::size_t size, char c) : data_(data), size_(size), c_(c) { load(0); }

    // The next offset of `c`, or `size` when there is no other.
    std::size_t next() {
        while (mask_ == 0) {
            if (block_ + block_size >= size_) return size_;
            load(block_ + block_size);
        }
        const std::size_t offset = block_ + static_cast<std::size_t>(__builtin_ctz(mask_));
        mask_ &= mask_ - 1;
        return offset;
    }

    // The first offset of `c` at or after `from`, or `size` (skips what lies before `from`,
    // such as the commas inside a quoted field).
    std::size_t next_from(std::size_t from) {
        if (from >= size_) return size_;
        if (from < block_ || from >= block_ + block_size) load(from - from % block_size);
        const std::size_t skipped = from - block_;  // < 16
        mask_ &= ~((1U << skipped) - 1U);
        return next();
    }

private:
    static constexpr std::size_t block_size = 16;
    void load(std::size_t block) {
        block_ = block;
        mask_ = 0;
#if defined(__SSE2__)
        if (block + block_size <= size_) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data_ + block));
            mask_ = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(c_))));
            return;
        }
#endif
        for (std::size_t i = block; i < size_ && i < block + block_size; ++i) {
            if (data_[i] == c_) mask_ |= 1U << (i - block);
        }
    }
    const char* data_;
    std::size_t size_;
    char c_;
    std::size_t block_ = 0;
    unsigned mask_ = 0;  // the matches not yet returned in [block_, block_ + 16)
};

// How many `c` in [data, data + size).
inline std::size_t count_byte(const char* data, std::size_t size, char c) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < size; ++i) count += data[i] == c ? 1U : 0U;
    return count;
}

// True when every byte is below 0x80 (ASCII): then no UTF-8 check is needed.
inline bool is_ascii(const char* data, std::size_t size) {
    std::size_t i = 0;
    std::uint64_t high = 0;
    for (; i + 32 <= size; i += 32) {
        std::uint64_t words[4];
        std::memcpy(words, data + i, sizeof words);
        high |= words[0] | words[1] | words[2] | words[3];
    }
    for (; i < size; ++i) high |= static_cast<unsigned char>(data[i]);
    return (high & 0x8080808080808080ULL) == 0;
}

}  // namespace revshare::importers::scan
