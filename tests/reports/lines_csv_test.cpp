// LinesCsvFormatter (issue 6, sped up for issue 7): one lines.csv row per matched line, cells
// appended in place; the charge date is formatted without date::format's stream and must be
// format_instant's text for every instant.
#include "reports/lines_csv.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <random>

using namespace revshare;

namespace {

reports::LinesCsvFormatter formatter() {
    const Period april = *Period::parse("2026-04");
    const settle::StatementRow row{settle::RowKind::current, april, "2026-amendment", "msft-share, all", "openai", "=microsoft",
                                   Day(date::year{2026} / 4 / 28), april.end_exclusive(), Decimal(), Decimal(), 1};
    return reports::LinesCsvFormatter({"openai-microsoft", *Period::parse("2026-04"), *Currency::from_code("USD")}, {row});
}

reports::MatchedLine line_at(Instant charged) {
    return reports::MatchedLine{12, "exports/cur \"april\".csv", 7, charged, "AWS", "999900000001", "-sub", "Amazon Bedrock",
                                "Bedrock,Claude", "EUR", Decimal::parse_plain("1.5"), Decimal::parse_plain("1.0825"),
                                *Decimal::parse_plain("1.62375")};
}

}  // namespace

TEST_CASE("lines.csv row: every cell in place, quoted and neutralised like csv_cell, amounts to their minor units") {
    auto lines = formatter();
    std::string out = "kept,";
    lines.append_matched_line(0, line_at(Instant(Day(date::year{2026} / 4 / 29)) + std::chrono::hours(13)), out);
    CHECK(out == "kept,2026-04,openai-microsoft,2026-04-28,2026-amendment,\"msft-share, all\",openai,'=microsoft,line,12,"
                 "\"exports/cur \"\"april\"\".csv\",7,2026-04-29T13:00:00Z,AWS,999900000001,'-sub,Amazon Bedrock,"
                 "\"Bedrock,Claude\",EUR,1.50,1.0825,USD,1.62375,\n");
    // No cost cell: cost and fx_rate empty.
    auto empty = line_at(Instant(Day(date::year{2026} / 4 / 30)));
    empty.cost.reset();
    empty.fx_rate.reset();
    empty.settlement_cost = Decimal();
    out.clear();
    lines.append_matched_line(0, empty, out);
    CHECK(out.substr(out.find(",2026-04-30")) ==
          ",2026-04-30T00:00:00Z,AWS,999900000001,'-sub,Amazon Bedrock,\"Bedrock,Claude\",EUR,,,USD,0.00,\n");
}

TEST_CASE("lines.csv row: charge_period_start is format_instant's text for random instants (seeded)") {
    const std::uint32_t seed = revshare::testing::test_seed(20261126U);
    std::mt19937_64 random(seed);
    auto lines = formatter();
    // Years 0900..10100 around the four-digit range, where the fast path hands over to format_instant.
    const std::int64_t first = Instant(Day(date::year{900} / 1 / 1)).time_since_epoch().count();
    const std::int64_t last = Instant(Day(date::year{10100} / 1 / 1)).time_since_epoch().count();
    std::vector<Instant> instants = {Instant(Day(date::year{999} / 12 / 31)) + std::chrono::seconds(86399),
                                     Instant(Day(date::year{1000} / 1 / 1)), Instant(Day(date::year{9999} / 12 / 31)),
                                     Instant(Day(date::year{10000} / 1 / 1)), Instant(Day(date::year{1970} / 1 / 1))};
    for (int i = 0; i < 20000; ++i) {
        instants.push_back(Instant(std::chrono::seconds(first + static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(last - first)))));
        if (i % 7 == 0) instants.push_back(instants.back());  // the same date again: remembered
    }
    std::string out;
    for (const Instant instant : instants) {
        out.clear();
        lines.append_matched_line(0, line_at(instant), out);
        const std::string expected = "," + format_instant(instant) + ",AWS,";
        REQUIRE_MESSAGE(out.find(expected) != std::string::npos, out << " lacks " << expected);
    }
}

TEST_CASE("lines.csv rows of one line: each statement row's cells, then the same line cells, in the order given") {
    const Period april = *Period::parse("2026-04");
    const std::vector<settle::StatementRow> rows = {
        {settle::RowKind::current, april, "2026-amendment", "aws-distribution-fee", "openai", "aws", Day(date::year{2026} / 4 / 1),
         april.end_exclusive(), Decimal(), Decimal(), 1},
        {settle::RowKind::current, april, "2026-amendment", "msft-share", "openai", "microsoft", Day(date::year{2026} / 4 / 1),
         april.end_exclusive(), Decimal(), Decimal(), 1}};
    reports::LinesCsvFormatter lines({"openai-microsoft", april, *Currency::from_code("USD")}, rows);
    const auto line = line_at(Instant(Day(date::year{2026} / 4 / 29)) + std::chrono::seconds(3661));
    const std::array<std::string, reports::formatted_text_cells> cells = {"AWS,", "999900000001,", "'-sub,",
                                                                          "Amazon Bedrock,", "\"Bedrock,Claude\",", "EUR,"};
    const std::string import_cell = reports::LinesCsvFormatter::text_cell(line.import_file);
    const std::string cost_text = line.cost->to_string();
    const std::vector<std::size_t> row_indexes = {1, 0};
    std::string out;
    lines.append_line_rows(row_indexes,
                           reports::FormattedLine{line.line_id, import_cell, line.source_line, line.charge_period_start,
                                                  {cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]}, "EUR",
                                                  line.cost, line.fx_rate, line.settlement_cost, cost_text},
                           out);
    const std::string line_cells = "line,12,\"exports/cur \"\"april\"\".csv\",7,2026-04-29T01:01:01Z,AWS,999900000001,'-sub,"
                                   "Amazon Bedrock,\"Bedrock,Claude\",EUR,1.50,1.0825,USD,1.62375,\n";
    CHECK(out == "2026-04,openai-microsoft,2026-04-01,2026-amendment,msft-share,openai,microsoft," + line_cells +
                     "2026-04,openai-microsoft,2026-04-01,2026-amendment,aws-distribution-fee,openai,aws," + line_cells);
    std::string one_by_one;
    lines.append_matched_line(1, line, one_by_one);
    lines.append_matched_line(0, line, one_by_one);
    CHECK(out == one_by_one);
}
