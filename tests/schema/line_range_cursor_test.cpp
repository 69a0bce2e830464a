// LineRangeCursor's two ways of reading (schema/line_range_cursor.*): a range whole, through
// the aggregate function SQLite calls back per row, gives exactly the rows stepping gives, in
// line_id order; an error from the callback stops the range and reaches the caller.
#include "schema/database.hpp"
#include "schema/line_range_cursor.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

using namespace revshare;
using namespace revshare::testing;

namespace {

// Columns: 0 line_id, 1 source_line, 2 billed_cost, 3 dimensions_id. ?3: the least source_line.
constexpr const char* columns = "line_id, source_line, billed_cost, dimensions_id";
constexpr const char* condition = " AND source_line >= ?3";

using Row = std::tuple<std::int64_t, std::int64_t, std::string, std::int64_t>;

Row row_of(schema::LineRangeCursor& cursor) {
    const auto cost = cursor.decimal_text(2);
    return {cursor.integer(0), cursor.integer(1), cost ? std::string(*cost) : std::string("(NULL)"), cursor.dimensions_id()};
}

std::unique_ptr<schema::LineRangeCursor> cursor_on(schema::Database& db, std::vector<schema::LineRange> ranges) {
    auto cursor = std::make_unique<schema::LineRangeCursor>(db.sql().getHandle(), columns, condition, 3, std::move(ranges));
    cursor->bind(3, 4);
    return cursor;
}

// cur-2026-03.csv imported: lines 1..n, line 6's cost emptied (NULL).
void import_march(const ScratchDir& dir) {
    copy_fixture("exports/aws-cur/cur-2026-03.csv", dir.path());
    REQUIRE(run_revshare("--db r.db --quiet import cur-2026-03.csv", dir.path()).exit_code == 0);
    schema::Database db(dir / "r.db");
    db.sql().exec("UPDATE line SET billed_cost = NULL WHERE line_id = 6");
}

}  // namespace

TEST_CASE("LineRangeCursor: a range read whole gives the rows step() gives, in order, across ranges (one empty), with a NULL cost and a bound condition") {
    ScratchDir dir;
    import_march(dir);
    schema::Database db(dir / "r.db");
    const std::vector<schema::LineRange> ranges = {{1, 8}, {900000, 900010}, {11, 14}};

    std::vector<Row> stepped;
    auto by_row = cursor_on(db, ranges);
    while (by_row->step()) stepped.push_back(row_of(*by_row));

    // Two cursors reading whole ranges on one connection (the function is registered once),
    // and one on another connection.
    schema::Database other(dir / "r.db");
    for (schema::Database* connection : {&db, &db, &other}) {
        auto by_range = cursor_on(*connection, ranges);
        std::vector<Row> read;
        std::vector<std::size_t> rows_per_range;
        while (by_range->read_range([&] { read.push_back(row_of(*by_range)); })) rows_per_range.push_back(read.size());
        CHECK_FALSE(by_range->read_range([] { FAIL("no range is left"); }));
        CHECK(read == stepped);
        CHECK(rows_per_range == std::vector<std::size_t>{6, 6, 10});  // cumulative: 6, none, 4
    }

    // What the database holds, independently: lines 3..8 and 11..14 (source_line >= 4; the
    // file has a header and no quarantined row, so source_line = line_id + 1), line 6 without
    // a cost.
    REQUIRE(stepped.size() == 10);
    std::vector<std::int64_t> ids;
    for (const Row& row : stepped) {
        ids.push_back(std::get<0>(row));
        CHECK(std::get<1>(row) == std::get<0>(row) + 1);
        CHECK(std::get<2>(row) == query_value(dir / "r.db", "SELECT coalesce(billed_cost, '(NULL)') FROM line WHERE line_id = " +
                                                                std::to_string(std::get<0>(row))));
        CHECK(std::to_string(std::get<3>(row)) ==
              query_value(dir / "r.db", "SELECT dimensions_id FROM line WHERE line_id = " + std::to_string(std::get<0>(row))));
    }
    CHECK(ids == std::vector<std::int64_t>{3, 4, 5, 6, 7, 8, 11, 12, 13, 14});
    CHECK(std::get<2>(stepped[3]) == "(NULL)");

    // A column variant with source_line replaced by NULL, used for the last range: the same
    // rows, that column reading 0 there (lines 11..14).
    auto by_variant = cursor_on(db, ranges);
    const std::size_t without_source_line = by_variant->add_column_variant("line_id, NULL, billed_cost, dimensions_id");
    CHECK(without_source_line == 1);
    std::vector<Row> read;
    for (const std::size_t variant : {std::size_t{0}, std::size_t{0}, without_source_line}) {
        CHECK(by_variant->read_range([&] { read.push_back(row_of(*by_variant)); }, variant));
    }
    std::vector<Row> expected = stepped;
    for (std::size_t i = 6; i < expected.size(); ++i) std::get<1>(expected[i]) = 0;
    CHECK(read == expected);
}

TEST_CASE("LineRangeCursor: an exception from a range's row callback stops the range and is raised by read_range; the next range reads as before") {
    ScratchDir dir;
    import_march(dir);
    schema::Database db(dir / "r.db");
    auto cursor = cursor_on(db, {{1, 8}, {11, 14}});
    std::vector<std::int64_t> seen;
    CHECK_THROWS_WITH_AS(cursor->read_range([&] {
        seen.push_back(cursor->integer(0));
        if (cursor->integer(0) == 5) throw std::runtime_error("stop at line 5");
    }),
                         "stop at line 5", std::runtime_error);
    CHECK(seen == std::vector<std::int64_t>{3, 4, 5});  // and not 6 or 7
    seen.clear();
    CHECK(cursor->read_range([&] { seen.push_back(cursor->integer(0)); }));
    CHECK(seen == std::vector<std::int64_t>{11, 12, 13, 14});
    CHECK_FALSE(cursor->ranges_left());
}
