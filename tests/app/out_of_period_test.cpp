// A charge dated outside its file's billing period (an Azure row dated February in a May bill)
// is imported and settles in the month it is charged; the import summary names it, and
// reconciliation.csv counts it (lines_outside_billing_period), so an analyst sees it.
#include "tests/app/late_data_support.hpp"

#include <doctest/doctest.h>

using namespace revshare::testing;

namespace {

// The late MCA export of a May bill with its one row dated 2026-02-12.
std::string february_row_in_may_bill() {
    std::string text = late_mca_export("7a1c4e9b-0000-4000-8000-00000000beef", 5, "12.34", "INV-OOP-1");
    const std::size_t at = text.find(",05/12/2026,");
    REQUIRE(at != std::string::npos);
    text.replace(at, 12, ",02/12/2026,");
    return text;
}

// The cells of the reconciliation.csv row of `level` for the import named `file`.
std::vector<std::string> reconciliation_row(const std::string& csv, const std::string& level, const std::string& file) {
    std::size_t at = 0;
    while (at < csv.size()) {
        const std::size_t end = csv.find('\n', at);
        const std::string line = csv.substr(at, end - at);
        at = end + 1;
        if (line.find("," + level + ",") == std::string::npos || line.find(file) == std::string::npos) continue;
        std::vector<std::string> cells;
        std::size_t from = 0;
        for (std::size_t comma; (comma = line.find(',', from)) != std::string::npos; from = comma + 1) {
            cells.push_back(line.substr(from, comma - from));
        }
        cells.push_back(line.substr(from));
        return cells;
    }
    FAIL("no " << level << " row for " << file);
    return {};
}

}  // namespace

TEST_CASE("Out of its billing period: named on import, settled in the month charged, counted in reconciliation.csv") {
    ScratchDir dir;
    load_fixtures_without_restated(dir);
    write_file(dir / "may-bill.csv", february_row_in_may_bill());
    const auto imported = run_revshare("--db r.db import may-bill.csv", dir.path());
    REQUIRE(imported.exit_code == 0);
    CHECK(imported.out.find("  note: 1 line is charged outside its billing period (the first: line 2, charged 2026-02-12 in "
                            "the billing period 2026-05-01 to 2026-06-01): each settles in the month it is charged, and "
                            "reconciliation.csv counts them (lines_outside_billing_period)\n") != std::string::npos);
    REQUIRE(run_revshare("--db r.db --quiet settle --period 2026-02", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-02 --out out", dir.path()).exit_code == 0);
    const std::string csv = read_file(dir / "out/openai-microsoft/2026-02/reconciliation.csv");
    CHECK(csv.substr(0, csv.find('\n'))
              .ends_with(",cost_matched,lines_outside_billing_period,cost_outside_billing_period,rows_already_known"));
    const auto file_row = reconciliation_row(csv, "file", "may-bill.csv");
    const auto account_row = reconciliation_row(csv, "account", "may-bill.csv");
    CHECK(file_row[file_row.size() - 3] == "1");
    CHECK(file_row[file_row.size() - 2] == "");
    CHECK(file_row.back() == "0");  // rows_already_known: seller feeds only
    CHECK(account_row[account_row.size() - 3] == "1");
    CHECK(account_row[account_row.size() - 2] == "12.34");
    CHECK(account_row.back() == "");
    // The fixtures' own files have none.
    const auto ea_row = reconciliation_row(csv, "account", "ea-2026-02.csv");
    CHECK(ea_row[ea_row.size() - 3] == "0");
}
