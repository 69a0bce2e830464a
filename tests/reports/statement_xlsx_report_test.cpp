// statement.xlsx through `revshare report` on the fixtures: in every fixture period its
// sheets hold the values of the CSV files of the same names, cell by cell (read back from the
// XML, and through LibreOffice where it is installed); the banner follows the close; the zip
// carries no clock.
#include "engine/core/currency.hpp"
#include "tests/reports/report_test_support.hpp"
#include "tests/reports/xlsx_test_support.hpp"

#include <charconv>
#include <cstdlib>

using namespace revshare::testing;
using namespace revshare::testing::reports;
using namespace revshare::testing::xlsx;
using revshare::Currency;
using revshare::Decimal;
using revshare::RoundingMode;

namespace {

std::string column_name(std::size_t index) {
    std::string name;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    return name;
}

double as_double(const std::string& text) {
    double value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    REQUIRE_MESSAGE((result.ec == std::errc() && result.ptr == text.data() + text.size()), "not a number: '" << text << "'");
    return value;
}

std::string without_neutralising(const std::string& cell) {
    const bool neutralised = cell.size() >= 2 && cell[0] == '\'' && std::string("=+-@\t\r").find(cell[1]) != std::string::npos;
    return neutralised ? cell.substr(1) : cell;
}

// A sheet as rows of cells (row 0: the banner, row 1: the header): from the XML or from
// LibreOffice's CSV.
using Grid = std::vector<std::vector<std::string>>;
struct TypedGrid {
    Grid values;
    Grid types;  // "" (number), "inlineStr", ...
};

TypedGrid grid_of(const std::map<std::string, Cell>& cells) {
    TypedGrid grid;
    for (std::size_t row = 0;; ++row) {
        std::vector<std::string> values;
        std::vector<std::string> types;
        for (std::size_t column = 0; column < 64; ++column) {
            const auto found = cells.find(column_name(column) + std::to_string(row + 1));
            values.push_back(found == cells.end() ? "" : found->second.value);
            types.push_back(found == cells.end() ? "blank" : found->second.type);
        }
        bool any = false;
        for (const auto& type : types) any = any || type != "blank";
        if (!any) return grid;
        grid.values.push_back(values);
        grid.types.push_back(types);
    }
}

// Checks that `sheet` (rows below its banner and header) holds `csv_text`'s rows: each CSV
// column under its name, an amount's exact text in NAME_exact and its number rounded to the
// row's currency's minor units in NAME; `types`: when given, the cell types too.
void check_sheet(const Grid& sheet, const Grid* types, const std::string& csv_text) {
    const CsvRows rows = parse_csv(csv_text);
    REQUIRE(sheet.size() == rows.size() + 2);
    std::map<std::string, std::size_t> at;
    for (std::size_t i = 0; i < sheet[1].size(); ++i) {
        if (!sheet[1][i].empty()) at[sheet[1][i]] = i;
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (const auto& cell_of_row : rows[r]) {
            const std::string& name = cell_of_row.first;
            const std::string& value = cell_of_row.second;
            CAPTURE(r);
            CAPTURE(name);
            REQUIRE(at.contains(name));
            const std::size_t column = at.at(name);
            const std::string& cell = sheet[r + 2][column];
            if (at.contains(name + "_exact")) {
                CHECK(sheet[r + 2][column + 1] == value);
                if (value.empty()) {
                    CHECK(cell == "");
                    continue;
                }
                // fx_rate is a rate: the nearest double, not rounded.
                const auto currency = name == "fx_rate" ? std::nullopt
                                                        : Currency::from_code(rows[r].at(name == "cost" ? "cost_currency" : "currency"));
                const Decimal shown = currency ? decimal(value).round(currency->minor_units(), RoundingMode::half_even) : decimal(value);
                // The same double: libxlsxwriter writes a number's %.16G (99379.85000000001 for the
                // double nearest 99379.85), LibreOffice its shortest text.
                CHECK(as_double(cell) == as_double(shown.to_string()));
                if (types != nullptr) CHECK((*types)[r + 2][column] == "");
            } else if (types != nullptr && (*types)[r + 2][column] == "") {
                CHECK(decimal(cell) == decimal(value));  // a count
            } else {
                CHECK(cell == without_neutralising(value));
                if (types != nullptr) CHECK((*types)[r + 2][column] == (value.empty() ? "blank" : "inlineStr"));
            }
        }
    }
}

const std::vector<std::pair<std::string, std::string>> sheets = {
    {"Statement", "statement.csv"}, {"Net", "net.csv"}, {"Reconciliation", "reconciliation.csv"},
    {"Variance", "variance.csv"},   {"Lines", "lines.csv"}};

// The records of an RFC 4180 text with `\n` line ends, as they are.
Grid records_of(const std::string& text) {
    Grid grid(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
            cell.push_back('"');
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == ',' || c == '\n')) {
            grid.back().push_back(std::move(cell));
            cell.clear();
            if (c == '\n') grid.emplace_back();
        } else {
            cell.push_back(c);
        }
    }
    if (grid.back().empty()) grid.pop_back();
    return grid;
}

std::filesystem::path period_dir(const ScratchDir& dir, const std::string& period) {
    return dir / ("out/openai-microsoft/" + period);
}

}  // namespace

TEST_CASE("statement.xlsx: in every fixture period, each sheet holds its CSV's values with their types") {
    ScratchDir dir;
    load_and_settle(dir);
    for (const auto& period : fixture_periods) {
        CAPTURE(period);
        REQUIRE(run_revshare("--db r.db --quiet report --period " + period + " --out out", dir.path()).exit_code == 0);
        const auto workbook = period_dir(dir, period) / "statement.xlsx";
        for (std::size_t i = 0; i < sheets.size(); ++i) {
            CAPTURE(sheets[i].first);
            const TypedGrid grid = grid_of(sheet_cells(workbook, static_cast<int>(i + 1)));
            CHECK(grid.values[0][0] == "open period: draft");
            check_sheet(grid.values, &grid.types, read_file(period_dir(dir, period) / sheets[i].second));
        }
    }
    const auto statement = grid_of(sheet_cells(period_dir(dir, "2026-04") / "statement.xlsx", 1)).values;
    const std::vector<std::string> header = {
        "period",        "contract",   "kind",   "for_period", "version",     "rule",        "payer",
        "payee",         "currency",   "basis",  "basis_exact", "share",      "share_exact", "lines",
        "share_before_limits", "share_before_limits_exact", "limited_by", "cap_remaining", "cap_remaining_exact", "owed"};
    CHECK(std::vector<std::string>(statement[1].begin(), statement[1].begin() + 20) == header);
    CHECK(as_double(statement[2][9]) == 99379.85);
    CHECK(statement[2][10] == "99379.852153974645914");  // 20 digits: no double holds it
}

TEST_CASE("statement.xlsx: the banner says draft until the period is closed; the zip's entries carry no clock") {
    ScratchDir dir;
    load_and_settle(dir);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-02 --out out", dir.path()).exit_code == 0);
    const auto workbook = period_dir(dir, "2026-02") / "statement.xlsx";
    CHECK(sheet_cells(workbook, 1).at("A1").value == "open period: draft");
    const std::string draft = read_file(workbook);
    REQUIRE(run_revshare("--db r.db close --period 2026-02", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-02 --out out", dir.path()).exit_code == 0);
    for (int sheet = 1; sheet <= 5; ++sheet) CHECK(sheet_cells(workbook, sheet).at("A1").value == "closed period");
    CHECK(read_file(workbook) != draft);
    CHECK(zip_entry(workbook, "docProps/core.xml").find("<cp:contentStatus>closed period</cp:contentStatus>") != std::string::npos);
    ScratchDir listing;
    REQUIRE(std::system(("unzip -Z -T '" + workbook.string() + "' > '" + (listing / "list").string() + "'").c_str()) == 0);
    const std::string entries = read_file(listing / "list");
    std::size_t dated = 0;
    for (auto at = entries.find(" defN "); at != std::string::npos; at = entries.find(" defN ", at + 1)) {
        CHECK(entries.substr(at + 6, 15) == "19800101.000000");
        ++dated;
    }
    CHECK(dated == 13);
}

TEST_CASE("statement.xlsx: LibreOffice opens it, and its sheets as CSV hold the CSV files' values") {
    if (!soffice_installed()) {
        MESSAGE("soffice is not installed: the LibreOffice conversion of statement.xlsx is not checked");
        return;
    }
    ScratchDir dir;
    load_and_settle(dir);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-04 --out out", dir.path()).exit_code == 0);
    // Every sheet (the last option, -1) to CSV with the cells' values, not as shown (the 9th, false).
    const std::string command = "cd '" + dir.path().string() + "' && soffice --headless -env:UserInstallation=file://" +
                                (dir / "profile").string() +
                                " --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'"
                                " --outdir converted out/openai-microsoft/2026-04/statement.xlsx > soffice.log 2>&1";
    REQUIRE_MESSAGE(std::system(command.c_str()) == 0, read_file(dir / "soffice.log"));
    for (const auto& sheet_and_csv : sheets) {
        const std::string& sheet = sheet_and_csv.first;
        const std::string& csv = sheet_and_csv.second;
        CAPTURE(sheet);
        const Grid grid = records_of(read_file(dir / ("converted/statement-" + sheet + ".csv")));
        REQUIRE(!grid.empty());
        CHECK(grid[0][0] == "open period: draft");
        check_sheet(grid, nullptr, read_file(dir / ("out/openai-microsoft/2026-04/" + csv)));
    }
}
