#include "engine/settle/segments.hpp"

#include "engine/core/assert.hpp"

#include <algorithm>

namespace revshare::settle {

std::vector<Segment> compute_segments(const rules::Contract& contract, Period period) {
    std::vector<Segment> segments;
    const auto& versions = contract.versions;
    for (std::size_t i = 0; i < versions.size(); ++i) {
        const Day in_force_from = versions[i].effective_from;
        const bool is_last = i + 1 == versions.size();
        if (!is_last) ENGINE_ASSERT(in_force_from < versions[i + 1].effective_from);  // validated sorted
        const Day start = std::max(in_force_from, period.start());
        const Day end = is_last ? period.end_exclusive() : std::min(versions[i + 1].effective_from, period.end_exclusive());
        if (start < end) segments.push_back(Segment{&versions[i], start, end});
    }
    // Postcondition: contiguous, inside the period, ending at its end.
    for (std::size_t i = 1; i < segments.size(); ++i) ENGINE_ASSERT(segments[i - 1].end_exclusive == segments[i].start);
    if (!segments.empty()) {
        ENGINE_ASSERT(segments.front().start >= period.start());
        ENGINE_ASSERT(segments.back().end_exclusive == period.end_exclusive());
    }
    return segments;
}

std::optional<std::size_t> find_segment(std::span<const Segment> segments, Day day) {
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (segments[i].start <= day && day < segments[i].end_exclusive) return i;
    }
    return std::nullopt;
}

}  // namespace revshare::settle
