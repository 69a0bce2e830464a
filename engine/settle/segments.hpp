#pragma once
// Segments (contract.md step 2): the versions in force during a period cut it into
// segments. A version is in force from its effective_from (inclusive, 00:00 UTC) until the
// next version's. A period before the first version has no segments.
#include "engine/core/period.hpp"
#include "engine/rules/contract.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace revshare::settle {

struct Segment {
    const rules::Version* version = nullptr;  // points into the contract
    Day start;                                // inclusive
    Day end_exclusive;

    [[nodiscard]] int days() const { return static_cast<int>((end_exclusive - start).count()); }
};

// The segments of `period`, in date order; together they cover [the first version's
// effective_from, period end) ∩ the period, with no gaps and no overlap.
[[nodiscard]] std::vector<Segment> compute_segments(const rules::Contract& contract, Period period);

// Index of the segment containing `day`; nullopt when no version is in force that day
// (before the first version: outside the contract, not settled).
[[nodiscard]] std::optional<std::size_t> find_segment(std::span<const Segment> segments, Day day);

}  // namespace revshare::settle
