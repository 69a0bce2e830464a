// The generated AWS FOCUS fixtures (fixtures/exports/aws-focus, fixtures/equivalence/aws.focus.csv)
// through the FOCUS mapper.
#include "tests/importers/azure_focus_import.hpp"

#include <tuple>

using namespace revshare;
using namespace revshare::testing;
using revshare::importers::Format;

TEST_CASE("FOCUS fixtures: every monthly AWS FOCUS file imports with its total") {
    // Rows and BilledCost sums from fixtures/exports/TOTALS.md (computed by
    // fixtures/generate_exports.py's reference implementation of MAPPING.md, python3 decimal).
    const std::vector<std::tuple<std::string, std::size_t, std::string>> totals = {
        {"focus-2026-02.csv", 27, "104.7389492064"},
        {"focus-2026-03.csv", 27, "213.39813402203"},
        {"focus-2026-04.csv", 36, "12124.19631310842"},
        {"focus-2026-05.csv", 95, "119708.78469207854"},
    };
    for (const auto& [name, rows, billed_cost] : totals) {
        const std::string& file_name = name;  // clang 14 cannot capture a structured binding (CAPTURE is a lambda)
        CAPTURE(file_name);
        const auto file = import_file(fixtures_dir() / "exports" / "aws-focus" / name, name);
        CHECK(file.format == Format::focus);
        CHECK(file.rows_read == static_cast<std::int64_t>(rows));
        CHECK(file.lines.size() == rows);
        CHECK(file.rejects.empty());
        CHECK(total_of(file.lines, CostColumn::BilledCost) == billed_cost);
        for (const auto& line : file.lines) CHECK(line.get(TextColumn::ProviderName) == "AWS");
    }
}

TEST_CASE("FOCUS equivalence: AWS's FOCUS form of the AWS set gives exactly the expected lines") {
    const auto expected = read_expected_lines(fixtures_dir() / "equivalence" / "aws-expected.csv");
    const auto file = import_file(fixtures_dir() / "equivalence" / "aws.focus.csv", "aws.focus.csv");
    CHECK(file.format == Format::focus);
    CHECK(file.rejects.empty());
    check_lines_equal(file.lines, expected);
}
