// The line's dimension combinations: numbered by the importer (FirstSeenNumbers, LineEncoder)
// and read back through LineDimensionsCache.
#include "schema/database.hpp"
#include "schema/first_seen_numbers.hpp"
#include "schema/line_dimensions.hpp"
#include "schema/line_encoding.hpp"
#include "tests/test_support.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <string>
#include <utility>

using namespace revshare;
using namespace revshare::testing;

TEST_CASE("FirstSeenNumbers: numbers keys in first-seen order; past its capacity it forgets and numbers anew") {
    schema::FirstSeenNumbers<std::string> numbers(3);
    using Seen = std::pair<std::uint32_t, bool>;
    CHECK(numbers.number_of("a") == Seen{0, true});
    CHECK(numbers.number_of("b") == Seen{1, true});
    CHECK(numbers.number_of("a") == Seen{0, false});
    CHECK(numbers.number_of("c") == Seen{2, true});
    CHECK(numbers.number_of("b") == Seen{1, false});
    // Full: "d" makes it forget a, b and c; numbers go on from 3, and "a" is new again.
    CHECK(numbers.number_of("d") == Seen{3, true});
    CHECK(numbers.number_of("a") == Seen{4, true});
    CHECK(numbers.number_of("d") == Seen{3, false});

    schema::FirstSeenNumbers<std::string> unbounded;
    for (int i = 0; i < 5000; ++i) REQUIRE(unbounded.number_of("text " + std::to_string(i)) == Seen{static_cast<std::uint32_t>(i), true});
    for (int i = 4999; i >= 0; --i) REQUIRE(unbounded.number_of("text " + std::to_string(i)) == Seen{static_cast<std::uint32_t>(i), false});
}

TEST_CASE("LineEncoder: a line's texts and billing period become one combination number, new ones listed once") {
    schema::LineEncoder encoder;
    schema::NewValues added;
    schema::EncodedLine encoded;
    UsageRecord line;
    line.text[static_cast<std::size_t>(TextColumn::ProviderName)] = "AWS";
    line.text[static_cast<std::size_t>(TextColumn::ServiceName)] = "Bedrock";
    line.billing_period_start = Instant(std::chrono::seconds(1777593600));
    line.billing_period_end = Instant(std::chrono::seconds(1780272000));
    encoder.encode(line, encoded, added);
    CHECK(encoded.dimensions == 0);
    CHECK(added.texts == std::vector<std::string>{"AWS", "", "Bedrock"});  // in column order, "" once
    REQUIRE(added.dimensions.size() == 1);
    CHECK(added.dimensions[0].texts[static_cast<std::size_t>(TextColumn::ProviderName)] == 0);
    CHECK(added.dimensions[0].texts[static_cast<std::size_t>(TextColumn::PublisherName)] == 1);
    CHECK(added.dimensions[0].texts[static_cast<std::size_t>(TextColumn::ServiceName)] == 2);
    CHECK(added.dimensions[0].billing_period_start == 1777593600);
    CHECK(added.dimensions[0].billing_period_end == 1780272000);

    added.clear();
    encoder.encode(line, encoded, added);  // the same line again
    CHECK(encoded.dimensions == 0);
    CHECK(added.texts.empty());
    CHECK(added.dimensions.empty());

    UsageRecord other = line;  // another billing period only: another combination, no new text
    other.billing_period_end = Instant(std::chrono::seconds(1780272001));
    encoder.encode(other, encoded, added);
    CHECK(encoded.dimensions == 1);
    CHECK(added.texts.empty());
    CHECK(added.dimensions.size() == 1);
    added.clear();
    encoder.encode(line, encoded, added);  // back to the first: known, not the previous line's
    CHECK(encoded.dimensions == 0);
    CHECK(added.dimensions.empty());
}

TEST_CASE("LineDimensionsCache: reads each combination's text ids, also across blocks and colliding entries") {
    ScratchDir dir;
    schema::Database db(dir / "r.db");
    db.sql().exec("INSERT INTO import (import_id, file_name, size_bytes, sha256, format, rows_read, rows_imported, "
                  "rows_quarantined, imported_at, archive_name) VALUES (1, 'f.csv', 1, 'x', 'aws-cur', 0, 0, 0, 't', 'a')");
    // Combination i has provider_name i, service_name 2i + 1, the other columns 7.
    const std::int64_t count = static_cast<std::int64_t>(schema::LineDimensionsCache::entries) + 1000;
    std::string columns;
    std::string values;
    for (std::size_t column = 0; column < text_column_count; ++column) {
        columns += std::string(", ") + schema::line_text_column_sql(column);
        values += column == static_cast<std::size_t>(TextColumn::ProviderName)  ? ", i"
                  : column == static_cast<std::size_t>(TextColumn::ServiceName) ? ", 2 * i + 1"
                                                                                 : ", 7";
    }
    db.sql().exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(count) +
                  ") INSERT INTO line_dimensions (dimensions_id, import_id, billing_period_start, billing_period_end" +
                  columns + ", tags) SELECT i, 1, 0, 0" + values + ", 7 FROM n");

    const std::size_t provider = static_cast<std::size_t>(TextColumn::ProviderName);
    const std::size_t service = static_cast<std::size_t>(TextColumn::ServiceName);
    schema::LineDimensionsCache cache(db.sql().getHandle(), {provider, service});
    const auto check = [&](std::int64_t id) {
        const rules::TextIds& ids = cache.text_ids(id);
        REQUIRE(ids[provider] == id);
        REQUIRE(ids[service] == 2 * id + 1);
        REQUIRE(ids[static_cast<std::size_t>(TextColumn::RegionId)] == 0);  // not asked for
    };
    // In order, backwards, and alternating between ids that share a cache entry.
    for (std::int64_t id = 1; id <= count; ++id) check(id);
    for (std::int64_t id = count; id >= 1; --id) check(id);
    const auto entries = static_cast<std::int64_t>(schema::LineDimensionsCache::entries);
    for (std::int64_t id = 1; id <= 1000; ++id) {
        check(id);
        check(id + entries);
    }
}
