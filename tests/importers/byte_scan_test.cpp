// scan::ByteIndex (the CSV reader's comma index) against a plain loop, on strings of every
// length around the 64-byte block edges and on random ones, reusing one index as the reader does.
#include "importers/csv/byte_scan.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using revshare::importers::scan::ByteIndex;

namespace {

ByteIndex shared_index;  // reused across calls, as the reader reuses its own

std::vector<std::size_t> found_by_finder(const std::string& text, char c) {
    ByteIndex& finder = shared_index;
    finder.index(text.data(), text.size(), c);
    std::vector<std::size_t> offsets;
    for (std::size_t offset = finder.next(); offset != text.size(); offset = finder.next()) offsets.push_back(offset);
    CHECK(finder.next() == text.size());  // stays at the end
    REQUIRE(finder.count() == offsets.size());
    for (std::size_t k = 0; k < offsets.size(); ++k) REQUIRE(finder.offset(k) == offsets[k]);
    return offsets;
}

std::vector<std::size_t> found_by_loop(const std::string& text, char c) {
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == c) offsets.push_back(i);
    }
    return offsets;
}

}  // namespace

TEST_CASE("ByteIndex: every comma in order, at block edges and in the tail") {
    CHECK(found_by_finder("", ',').empty());
    CHECK(found_by_finder("a,b,,c", ',') == std::vector<std::size_t>{1, 3, 4});
    CHECK(found_by_finder(std::string(15, 'x') + "," + std::string(16, 'y') + ",", ',') == std::vector<std::size_t>{15, 32});
    CHECK(found_by_finder(std::string(63, 'x') + "," + std::string(64, 'y') + ",", ',') == std::vector<std::size_t>{63, 128});
    for (std::size_t length = 0; length <= 200; ++length) {
        const std::string commas(length, ',');
        REQUIRE(found_by_finder(commas, ',') == found_by_loop(commas, ','));
        const std::string none(length, 'a');
        REQUIRE(found_by_finder(none, ',').empty());
    }
    std::mt19937 random(7);
    for (int round = 0; round < 2000; ++round) {
        std::string text(random() % 300, 'a');  // longer and shorter than the one before
        for (char& c : text) c = "a,b\xff\x80,"[random() % 6];
        REQUIRE(found_by_finder(text, ',') == found_by_loop(text, ','));
    }
}

TEST_CASE("ByteIndex::next_from: the first comma at or after an offset, skipping those before") {
    const std::string text = "a,\"x,y,z\",b,,c" + std::string(140, ',');
    std::mt19937 random(11);
    ByteIndex finder;
    for (int round = 0; round < 500; ++round) {
        finder.index(text.data(), text.size(), ',');
        std::size_t from = 0;
        while (from < text.size()) {
            const std::size_t expected = std::min(text.find(',', from), text.size());
            const std::size_t found = finder.next_from(from);
            REQUIRE(found == expected);
            from = found + 1 + random() % 20;  // jump ahead, as past a quoted field
        }
        CHECK(finder.next_from(text.size()) == text.size());
        CHECK(finder.next_from(0) == 1);  // going back works too
    }
}
