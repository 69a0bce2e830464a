// reconciliation.csv on the fixtures: every account row splits its imported lines and cost
// exactly into where they went, every file's rows add up, and the per-file totals and matched
// revenue agree with fixtures/exports/TOTALS.md, which the fixture generator computed
// independently (a reference implementation in Python, decimal.Decimal).
#include "tests/reports/report_test_support.hpp"

#include <fstream>
#include <regex>
#include <set>

using namespace revshare::testing;
using namespace revshare::testing::reports;
using revshare::Decimal;

namespace {

const std::vector<std::string> fates = {"other_periods", "superseded", "before_contract", "tax", "unmatched", "matched"};

// `aws-cur/cur-2026-02.csv` from the import's file name (the path given to import).
std::string fixture_name(const std::string& import_file) {
    const auto at = import_file.find("/exports/");
    REQUIRE(at != std::string::npos);
    return import_file.substr(at + 9);
}

std::vector<std::vector<std::string>> totals_md_rows(const std::string& section) {
    std::ifstream in(fixtures_dir() / "exports/TOTALS.md");
    std::vector<std::vector<std::string>> rows;
    bool inside = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("## ", 0) == 0) inside = line == "## " + section;
        if (!inside || line.rfind("| `", 0) != 0) continue;
        std::vector<std::string> cells;
        for (std::size_t start = 1; start < line.size();) {
            const auto end = line.find('|', start);
            std::string cell = line.substr(start, end - start);
            cell.erase(0, cell.find_first_not_of(' '));
            cell.erase(cell.find_last_not_of(' ') + 1);
            if (cell.size() > 1 && cell.front() == '`') cell = cell.substr(1, cell.size() - 2);
            cells.push_back(cell);
            start = end + 1;
        }
        rows.push_back(cells);
    }
    REQUIRE(!rows.empty());
    return rows;
}

struct FileTotals {
    std::int64_t rows_read = 0;
    std::int64_t rows_imported = 0;
    std::int64_t rows_quarantined = 0;
    Decimal cost_imported;
};

// Checks the balance of one report's rows and returns the file rows' counts by file name.
void check_balanced(const CsvRows& rows, std::map<std::string, FileTotals>& files,
                    std::map<std::string, std::pair<Decimal, std::int64_t>>& matched) {
    std::map<std::string, std::int64_t> imported_of_accounts;
    for (const auto& row : rows) {
        const std::string file = fixture_name(row.at("import_file"));
        CAPTURE(file);
        std::int64_t lines = 0;
        for (const auto& fate : fates) lines += std::stoll(row.at("lines_" + fate));
        CHECK(lines == std::stoll(row.at("rows_imported")));
        if (row.at("level") == "file") {
            CHECK(std::stoll(row.at("rows_read")) ==
                  std::stoll(row.at("rows_imported")) + std::stoll(row.at("rows_quarantined")));
            auto& totals = files[file];
            totals.rows_read = std::stoll(row.at("rows_read"));
            totals.rows_imported = std::stoll(row.at("rows_imported"));
            totals.rows_quarantined = std::stoll(row.at("rows_quarantined"));
            totals.cost_imported = Decimal();
            continue;
        }
        REQUIRE(row.at("level") == "account");
        Decimal cost;
        for (const auto& fate : fates) cost += decimal(row.at("cost_" + fate));
        CHECK(cost == decimal(row.at("cost_imported")));  // to the last digit, not only the cent
        files[file].cost_imported += decimal(row.at("cost_imported"));
        imported_of_accounts[file] += std::stoll(row.at("rows_imported"));
        matched[file].first += decimal(row.at("cost_matched"));
        matched[file].second += std::stoll(row.at("lines_matched"));
    }
    for (const auto& [file, imported] : imported_of_accounts) CHECK(imported == files[file].rows_imported);
}

}  // namespace

TEST_CASE("reconciliation.csv: imported = other periods + superseded + before contract + tax + unmatched + matched, "
          "for every fixture file, and the totals agree with TOTALS.md") {
    ScratchDir dir;
    load_and_settle(dir);
    std::map<std::string, FileTotals> files;
    std::map<std::string, std::map<std::string, std::pair<Decimal, std::int64_t>>> matched;  // period, file
    for (const auto& period : fixture_periods) {
        CAPTURE(period);
        REQUIRE(run_revshare("--db r.db --quiet report --period " + period + " --out out", dir.path()).exit_code == 0);
        const auto rows = parse_csv(read_file(dir / ("out/openai-microsoft/" + period + "/reconciliation.csv")));
        check_balanced(rows, files, matched[period]);
        // The matched lines are those of lines.csv.
        std::set<std::string> line_ids;
        for (const auto& line : parse_csv(read_file(dir / ("out/openai-microsoft/" + period + "/lines.csv")))) {
            if (line.at("kind") == "line") line_ids.insert(line.at("line_id"));
        }
        std::int64_t matched_lines = 0;
        for (const auto& [file, sum] : matched[period]) matched_lines += sum.second;
        CHECK(matched_lines == static_cast<std::int64_t>(line_ids.size()));
    }
    const auto per_file = totals_md_rows("Per file");
    CHECK(per_file.size() == 25);
    for (const auto& cells : per_file) {
        CAPTURE(cells[0]);
        REQUIRE(files.count(cells[0]) == 1);  // every fixture file is in some period's report
        CHECK(files[cells[0]].rows_read == std::stoll(cells[2]));
        CHECK(files[cells[0]].rows_imported == std::stoll(cells[3]));
        CHECK(files[cells[0]].rows_quarantined == std::stoll(cells[4]));
        CHECK(files[cells[0]].cost_imported == decimal(cells[5]));
    }
    // Matched revenue per file and month (TOTALS.md ignores effective dates and restatements:
    // the AWS March lines match no rule in force before 2026-04-28, and cur-2026-03.csv is
    // superseded by its restatement).
    const std::regex cell(R"(([-0-9.]+) \((\d+)\))");
    for (const auto& cells : totals_md_rows("OpenAI revenue per file and month")) {
        CAPTURE(cells[0]);
        const std::vector<std::vector<std::size_t>> columns = {{2}, {3}, {4, 5}, {6}};
        for (std::size_t p = 0; p < fixture_periods.size(); ++p) {
            CAPTURE(fixture_periods[p]);
            Decimal cost;
            std::int64_t lines = 0;
            for (const auto column : columns[p]) {
                std::smatch found;
                REQUIRE(std::regex_match(cells[column], found, cell));
                cost += decimal(found[1]);
                lines += std::stoll(found[2]);
            }
            if (fixture_periods[p] == "2026-03" && cells[0].rfind("aws-", 0) == 0) {
                cost = Decimal();
                lines = 0;
            }
            const auto& got = matched[fixture_periods[p]][cells[0]];
            CHECK(got.first == cost);
            CHECK(got.second == lines);
        }
    }
}

TEST_CASE("reconciliation.csv: quarantined rows by reason, on the file's row") {
    ScratchDir dir;
    load_and_settle(dir);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-05 --out out", dir.path()).exit_code == 0);
    const auto rows = parse_csv(read_file(dir / "out/openai-microsoft/2026-05/reconciliation.csv"));
    bool found = false;
    for (const auto& row : rows) {
        if (row.at("level") != "file" || fixture_name(row.at("import_file")) != "aws-cur/cur-2026-05.csv") continue;
        found = true;
        CHECK(row.at("rows_read") == "98");
        CHECK(row.at("rows_quarantined") == "3");
        CHECK(row.at("quarantine_reasons") == "bad-date=1; bad-number=1; column-count=1");
        CHECK(row.at("rows_imported") == "95");
    }
    CHECK(found);
}
