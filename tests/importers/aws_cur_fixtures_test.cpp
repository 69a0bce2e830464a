// The generated AWS CUR fixtures (fixtures/exports/aws-cur, aws-cur2; fixtures/equivalence)
// through the AWS CUR mappers. Expected figures come from fixtures/exports/TOTALS.md and
// fixtures/equivalence/aws-expected.csv, both written by fixtures/generate_exports.py's own
// reference implementation of MAPPING.md (python3 decimal), not by this code.
#include "tests/importers/azure_focus_import.hpp"

#include <tuple>

using revshare::CostColumn;
using revshare::DiagnosticCode;
using revshare::TextColumn;
using revshare::importers::Format;
using revshare::testing::check_lines_equal;
using revshare::testing::fixtures_dir;
using revshare::testing::import_file;
using revshare::testing::read_expected_lines;
using revshare::testing::total_of;

TEST_CASE("AWS fixtures: every monthly CUR and CUR 2.0 file imports with its total") {
    // file, format, rows read, lines, BilledCost sum (TOTALS.md)
    const std::vector<std::tuple<std::string, Format, std::int64_t, std::size_t, std::string>> totals = {
        {"aws-cur/cur-2026-02.csv", Format::aws_cur_legacy, 27, 27, "190.05607750847"},
        {"aws-cur/cur-2026-03.restated.csv", Format::aws_cur_legacy, 43, 43, "2383.47334757714"},
        {"aws-cur/cur-2026-03.csv", Format::aws_cur_legacy, 42, 42, "2468.53426757714"},
        {"aws-cur/cur-2026-04.csv.gz", Format::aws_cur_legacy, 36, 36, "10965.29347102931"},
        {"aws-cur/cur-2026-05.csv", Format::aws_cur_legacy, 98, 95, "109566.94755059576"},
        {"aws-cur2/cur2-2026-02.csv", Format::aws_cur2, 27, 27, "166.08383782945"},
        {"aws-cur2/cur2-2026-03.csv", Format::aws_cur2, 27, 27, "99.26013021478"},
        {"aws-cur2/cur2-2026-04.csv", Format::aws_cur2, 36, 36, "10261.16366751384"},
        {"aws-cur2/cur2-2026-05.csv", Format::aws_cur2, 95, 95, "114794.39742000402"},
    };
    for (const auto& [name, format, rows, lines, billed_cost] : totals) {
        const std::string& file_name = name;  // clang 14 cannot capture a structured binding (CAPTURE is a lambda)
        CAPTURE(file_name);
        const auto file = import_file(fixtures_dir() / "exports" / name, name);
        CHECK(file.format == format);
        CHECK(file.rows_read == rows);
        CHECK(file.lines.size() == lines);
        CHECK(total_of(file.lines, CostColumn::BilledCost) == billed_cost);
        for (const auto& line : file.lines) {
            CHECK(line.get(TextColumn::ProviderName) == "AWS");
            CHECK(line.get(TextColumn::BillingCurrency) == "USD");
        }
    }
}

TEST_CASE("AWS fixtures: the rows of cur-2026-05.csv that must not import") {
    const auto file = import_file(fixtures_dir() / "exports" / "aws-cur" / "cur-2026-05.csv", "cur-2026-05.csv");
    REQUIRE(file.rejects.size() == 3);
    CHECK(file.rejects[0].location.line == 19);
    CHECK(file.rejects[0].code == DiagnosticCode::bad_number);
    CHECK(file.rejects[0].field == "lineItem/UnblendedCost");
    CHECK(file.rejects[1].location.line == 54);
    CHECK(file.rejects[1].code == DiagnosticCode::bad_date);
    CHECK(file.rejects[1].field == "lineItem/UsageStartDate");
    CHECK(file.rejects[2].location.line == 90);
    CHECK(file.rejects[2].code == DiagnosticCode::column_count);
}

TEST_CASE("AWS equivalence: the legacy CUR and CUR 2.0 forms of the AWS set give exactly the expected lines") {
    const auto expected = read_expected_lines(fixtures_dir() / "equivalence" / "aws-expected.csv");
    const auto legacy = import_file(fixtures_dir() / "equivalence" / "aws.cur.csv", "aws.cur.csv");
    CHECK(legacy.format == Format::aws_cur_legacy);
    CHECK(legacy.rejects.empty());
    check_lines_equal(legacy.lines, expected);
    const auto cur2 = import_file(fixtures_dir() / "equivalence" / "aws.cur2.csv", "aws.cur2.csv");
    CHECK(cur2.format == Format::aws_cur2);
    CHECK(cur2.rejects.empty());
    check_lines_equal(cur2.lines, expected);
}
