// The generated Azure fixtures (fixtures/exports/azure-*, fixtures/equivalence/azure.*) through
// the Azure and FOCUS mappers: per-file totals, and the equivalence set line by line.
#include "tests/importers/azure_focus_import.hpp"

using namespace revshare;
using namespace revshare::testing;
using revshare::importers::Format;

namespace {

struct FileTotal {
    std::string path;  // under fixtures/exports
    Format format;
    std::size_t rows;
    std::string billed_cost;
};

// Rows and BilledCost sums from fixtures/exports/TOTALS.md, which fixtures/generate_exports.py
// computed with its own reference implementation of MAPPING.md (python3 decimal, exact). None of
// these files has a row that must be quarantined.
const std::vector<FileTotal> azure_totals = {
    {"azure-ea/ea-2026-02.csv", Format::azure_ea, 37, "44964.610517185000003"},
    {"azure-ea/ea-2026-03.csv", Format::azure_ea, 37, "57045.7762266930000045"},
    {"azure-ea/ea-2026-04.csv", Format::azure_ea, 37, "46687.276219218000006"},
    {"azure-ea/ea-2026-05.csv", Format::azure_ea, 36, "63814.0904352170000062"},
    {"azure-focus/focus-2026-02.csv", Format::focus, 37, "54283.5502110832000031"},
    {"azure-focus/focus-2026-03.csv", Format::focus, 37, "66996.4370419248000017"},
    {"azure-focus/focus-2026-04.csv", Format::focus, 36, "50599.3399453924000024"},
    {"azure-focus/focus-2026-05.csv", Format::focus, 37, "48595.6362641232000092"},
    {"azure-mca/mca-2026-02.csv", Format::azure_mca, 37, "50450.4250798037000082"},
    {"azure-mca/mca-2026-03.csv", Format::azure_mca, 38, "47164.8223924466000036"},
    {"azure-mca/mca-2026-04.csv", Format::azure_mca, 39, "63684.8816611287000034"},
    {"azure-mca/mca-2026-05.csv", Format::azure_mca, 37, "64972.0830457800000061"},
};

}  // namespace

TEST_CASE("Azure fixtures: every monthly EA, MCA and Microsoft FOCUS file imports with its total") {
    for (const auto& expected : azure_totals) {
        CAPTURE(expected.path);
        const auto file = import_file(fixtures_dir() / "exports" / expected.path, expected.path);
        CHECK(file.format == expected.format);
        CHECK(file.rows_read == static_cast<std::int64_t>(expected.rows));
        CHECK(file.lines.size() == expected.rows);
        CHECK(file.rejects.empty());
        for (const auto& reject : file.rejects) MESSAGE(reject.render());
        CHECK(total_of(file.lines, CostColumn::BilledCost) == expected.billed_cost);
    }
}

TEST_CASE("Azure fixtures: the open MCA month takes the calendar month of its date") {
    const auto file = import_file(fixtures_dir() / "exports" / "azure-mca" / "mca-2026-05.csv", "mca.csv");
    REQUIRE_FALSE(file.lines.empty());
    for (const auto& line : file.lines) {
        CHECK(instant_text(line.billing_period_start) == "2026-05-01T00:00:00Z");
        CHECK(instant_text(line.billing_period_end) == "2026-06-01T00:00:00Z");
    }
}

TEST_CASE("Azure equivalence: the EA file and its FOCUS twin give exactly the expected lines") {
    const auto expected = read_expected_lines(fixtures_dir() / "equivalence" / "azure-expected.csv");
    for (const std::string name : {"azure.ea.csv", "azure.focus.csv"}) {
        CAPTURE(name);
        const auto file = import_file(fixtures_dir() / "equivalence" / name, name);
        CHECK(file.format == (name == "azure.ea.csv" ? Format::azure_ea : Format::focus));
        CHECK(file.rejects.empty());
        check_lines_equal(file.lines, expected);
    }
}
