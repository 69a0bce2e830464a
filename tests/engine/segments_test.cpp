#include "engine/settle/segments.hpp"

#include "settle_test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare;
using revshare::testing::contract;
using revshare::testing::day;
using revshare::testing::period;
using revshare::testing::version;

namespace {
std::string describe(const std::vector<settle::Segment>& segments) {
    std::string text;
    for (const auto& segment : segments) {
        text += segment.version->id + " [" + format_day(segment.start) + ", " + format_day(segment.end_exclusive) +
                ") " + std::to_string(segment.days()) + "d;";
    }
    return text;
}
}  // namespace

TEST_CASE("Settle segments: a version effective mid-month splits the month") {
    const auto c = contract("USD", {version("2019-original", "2019-07-22", {}),
                                    version("2026-amendment", "2026-04-28", {})});
    CHECK(describe(settle::compute_segments(c, period("2026-04"))) ==
          "2019-original [2026-04-01, 2026-04-28) 27d;2026-amendment [2026-04-28, 2026-05-01) 3d;");
    CHECK(describe(settle::compute_segments(c, period("2026-03"))) == "2019-original [2026-03-01, 2026-04-01) 31d;");
    CHECK(describe(settle::compute_segments(c, period("2026-05"))) == "2026-amendment [2026-05-01, 2026-06-01) 31d;");
    CHECK(describe(settle::compute_segments(c, period("2019-07"))) == "2019-original [2019-07-22, 2019-08-01) 10d;");
}

TEST_CASE("Settle segments: no version in force gives no segments") {
    const auto c = contract("USD", {version("v1", "2026-04-28", {})});
    CHECK(settle::compute_segments(c, period("2026-03")).empty());
    const auto empty = contract("USD", {});
    CHECK(settle::compute_segments(empty, period("2026-03")).empty());
}

TEST_CASE("Settle segments: versions on the 1st and several in one month") {
    const auto c = contract("USD", {version("v1", "2026-01-01", {}), version("v2", "2026-02-01", {}),
                                    version("v3", "2026-02-10", {}), version("v4", "2026-02-20", {}),
                                    version("v5", "2026-03-01", {})});
    CHECK(describe(settle::compute_segments(c, period("2026-01"))) == "v1 [2026-01-01, 2026-02-01) 31d;");
    CHECK(describe(settle::compute_segments(c, period("2026-02"))) ==
          "v2 [2026-02-01, 2026-02-10) 9d;v3 [2026-02-10, 2026-02-20) 10d;v4 [2026-02-20, 2026-03-01) 9d;");
    CHECK(describe(settle::compute_segments(c, period("2026-03"))) == "v5 [2026-03-01, 2026-04-01) 31d;");
}

TEST_CASE("Settle segments: a line at midnight of an effective date is in the new version") {
    const auto c = contract("USD", {version("old", "2019-07-22", {}), version("new", "2026-04-28", {})});
    const auto segments = settle::compute_segments(c, period("2026-04"));
    REQUIRE(segments.size() == 2);
    CHECK(settle::find_segment(segments, day_of(testing::instant("2026-04-27T23:59:59Z"))) == 0);
    CHECK(settle::find_segment(segments, day_of(testing::instant("2026-04-28T00:00:00Z"))) == 1);
    CHECK(settle::find_segment(segments, day("2026-04-30")) == 1);
    const auto first = settle::compute_segments(c, period("2019-07"));
    CHECK_FALSE(settle::find_segment(first, day("2019-07-21")).has_value());  // before the first version
    CHECK(settle::find_segment(first, day("2019-07-22")) == 0);
}
