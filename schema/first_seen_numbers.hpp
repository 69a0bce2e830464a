#pragma once
// FirstSeenNumbers<Key>: numbers distinct keys 0, 1, 2, ... in the order they are first
// seen. An open-addressing table over a flat vector (power-of-two size, at most half full), so
// a lookup probes one cache line where std::unordered_map chased nodes: the import's reading
// thread looks up about ten texts and one dimension combination per line.
//
// With a `capacity`, the table forgets every key it holds once it holds that many, and goes
// on numbering from where it was: memory stays bounded, and a key seen again afterwards gets
// a new number (stored twice, which is correct, only less compact).
#include "engine/core/assert.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace revshare::schema {

template <typename Key, typename Hash = std::hash<Key>>
class FirstSeenNumbers {
public:
    explicit FirstSeenNumbers(std::size_t capacity = ~std::size_t{0}) : capacity_(capacity) {}

    // The number of `key`, and whether it was seen here for the first time.
    std::pair<std::uint32_t, bool> number_of(const Key& key) {
        const std::uint64_t hash = Hash{}(key);
        const std::size_t mask = slots_.size() - 1;
        std::size_t at = static_cast<std::size_t>(hash) & mask;
        while (slots_[at].index != empty && (slots_[at].hash != hash || keys_[slots_[at].index] != key)) {
            at = (at + 1) & mask;
        }
        if (slots_[at].index != empty) return {first_number_ + slots_[at].index, false};
        if (keys_.size() == capacity_) {
            forget();
            return number_of(key);
        }
        // Distinct keys per file are bounded by its rows, far below 2^32.
        ENGINE_ASSERT(first_number_ + keys_.size() < empty);
        const auto index = static_cast<std::uint32_t>(keys_.size());
        slots_[at] = Slot{hash, index};
        keys_.push_back(key);
        if (keys_.size() * 2 > slots_.size()) grow();
        return {first_number_ + index, true};
    }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t index = empty;  // into keys_
    };
    static constexpr std::uint32_t empty = ~std::uint32_t{0};

    void grow() {
        std::vector<Slot> larger(slots_.size() * 2);
        const std::size_t mask = larger.size() - 1;
        for (const Slot& entry : slots_) {
            if (entry.index == empty) continue;
            std::size_t at = static_cast<std::size_t>(entry.hash) & mask;
            while (larger[at].index != empty) at = (at + 1) & mask;
            larger[at] = entry;
        }
        slots_ = std::move(larger);
    }

    void forget() {
        first_number_ += static_cast<std::uint32_t>(keys_.size());
        keys_.clear();
        slots_.assign(initial_slots, Slot{});
    }

    static constexpr std::size_t initial_slots = 1024;
    std::size_t capacity_;
    std::uint32_t first_number_ = 0;  // the number of keys_[0]
    std::vector<Key> keys_;
    std::vector<Slot> slots_ = std::vector<Slot>(initial_slots);
};

}  // namespace revshare::schema
