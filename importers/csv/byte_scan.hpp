#pragma once
// Byte scanning for the CSV reader: find the next of one or two bytes, 16 bytes at a time, and
// index a record's commas 64 at a time (SSE2, part of every x86-64 CPU), with a plain loop
// elsewhere. The reader spends most of its time here: a 1 GB export is about 130 million
// separators.
#include "engine/core/assert.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

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

// The offsets of every `c` in [data, data + size), found 64 bytes at a time and written out
// in one tight loop before the fields are cut (a bit per match, then one store per match),
// instead of one search per field: the fields of an export are a few bytes long, and a CUR
// record has 122 of them. Reused record after record, so it allocates only to grow.
class ByteIndex {
public:
    // Indexes a new range (offsets must fit 32 bits: a record is at most 1 MiB).
    void index(const char* data, std::size_t size, char c) {
        ENGINE_ASSERT(size < (std::size_t{1} << 32));
        if (offsets_.size() < size + block_size) offsets_.resize(size + block_size);
        size_ = size;
        count_ = 0;
        at_ = 0;
        std::uint32_t* out = offsets_.data();
        std::size_t block = 0;
        for (; block + block_size <= size; block += block_size) out = flatten(out, block, mask_of(data + block, c));
        std::uint64_t tail = 0;
        for (std::size_t i = block; i < size; ++i) tail |= static_cast<std::uint64_t>(data[i] == c) << (i - block);
        out = flatten(out, block, tail);
        count_ = static_cast<std::size_t>(out - offsets_.data());
    }

    // How many offsets there are, and the k-th (k < count()).
    [[nodiscard]] std::size_t count() const { return count_; }
    [[nodiscard]] std::size_t offset(std::size_t k) const {
        ENGINE_ASSERT(k < count_);
        return offsets_[k];
    }

    // The next offset, or `size` when there is no other.
    std::size_t next() { return at_ < count_ ? offsets_[at_++] : size_; }

    // The first offset at or after `from`, or `size` (skips what lies before `from`, such as
    // the commas inside a quoted field; going back works too).
    std::size_t next_from(std::size_t from) {
        if (at_ > 0 && offsets_[at_ - 1] >= from) {
            at_ = static_cast<std::size_t>(
                std::lower_bound(offsets_.data(), offsets_.data() + count_, from) - offsets_.data());
        }
        while (at_ < count_ && offsets_[at_] < from) ++at_;
        return next();
    }

private:
    static constexpr std::size_t block_size = 64;

    static std::uint64_t mask_of(const char* data, char c) {
#if defined(__SSE2__)
        const __m128i wanted = _mm_set1_epi8(c);
        std::uint64_t mask = 0;
        for (int part = 0; part < 4; ++part) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * part));
            const auto bits = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, wanted)));
            mask |= static_cast<std::uint64_t>(bits) << (16 * part);
        }
        return mask;
#else
        std::uint64_t mask = 0;
        for (std::size_t i = 0; i < block_size; ++i) mask |= static_cast<std::uint64_t>(data[i] == c) << i;
        return mask;
#endif
    }

    static std::uint32_t* flatten(std::uint32_t* out, std::size_t block, std::uint64_t mask) {
        while (mask != 0) {
            *out++ = static_cast<std::uint32_t>(block + static_cast<std::size_t>(__builtin_ctzll(mask)));
            mask &= mask - 1;
        }
        return out;
    }

    std::vector<std::uint32_t> offsets_;  // [0, count_) hold the offsets; room for one block more
    std::size_t count_ = 0;
    std::size_t at_ = 0;  // the next offset to return
    std::size_t size_ = 0;
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
