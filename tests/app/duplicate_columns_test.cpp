// A header that names a column twice is refused as a whole (which column holds the values
// cannot be known), in every format; names compare as the format's lookups compare them.
#include "tests/app/export_rows.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace revshare::testing;

namespace {

// Adds `extra` as the last column of the header and `value` as the last cell of every row.
std::string with_last_column(const std::string& file, const std::string& extra, const std::string& value) {
    std::string result;
    std::size_t start = 0;
    bool header = true;
    while (start < file.size()) {
        const std::size_t end = file.find('\n', start);
        result += file.substr(start, end - start) + "," + (header ? extra : value) + "\n";
        header = false;
        start = end + 1;
    }
    return result;
}

struct CostHeader {
    std::string format;
    std::string name;
    int position = 0;  // 1-based
};

void check_refused(const std::filesystem::path& dir, const std::string& expected_error) {
    const auto result = run_revshare("--db r.db import x.csv", dir);
    CHECK(result.exit_code == 2);
    CHECK(result.out == "");
    CHECK(result.err.rfind(expected_error, 0) == 0);
    CHECK(result.err.find("x.csv: refused; nothing was imported\n") != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "0");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM line") == "0");
}

}  // namespace

TEST_CASE("duplicate columns: the cost column twice refuses the file, in every format") {
    const std::vector<CostHeader> costs = {
        {"aws-cur", "lineItem/UnblendedCost", 12}, {"aws-cur-athena", "line_item_unblended_cost", 12},
        {"aws-cur2", "line_item_unblended_cost", 12}, {"azure-ea", "CostInBillingCurrency", 2},
        {"azure-mca", "costInBillingCurrency", 2},   {"focus", "BilledCost", 1},
    };
    for (const auto& cost : costs) {
        CAPTURE(cost.format);
        ScratchDir dir;
        const ExportFormat format = export_format(cost.format);
        const std::string file = format.file({{"111122223333", format.sub_account("1"), "104.7389492064"}});
        write_file(dir / "x.csv", with_last_column(file, cost.name, "27000000"));
        const int last = static_cast<int>(std::count(format.header.begin(), format.header.end(), ',')) + 2;
        check_refused(dir.path(), "x.csv:1: error[broken-header]: column \"" + cost.name + "\" appears twice (columns " +
                                      std::to_string(cost.position) + " and " + std::to_string(last) + ")\n");
        // Forced to the format, the same.
        CHECK(run_revshare("--db r.db import --format " + cost.format + " x.csv", dir.path()).exit_code == 2);
    }
}

TEST_CASE("duplicate columns: Azure names are the same in any letter case; FOCUS and AWS names are not") {
    ScratchDir dir;
    const ExportFormat mca = export_format("azure-mca");
    const std::string file = mca.file({{"A1", mca.sub_account("1"), "104.7389492064"}});
    write_file(dir / "x.csv", with_last_column(file, "SUBSCRIPTIONID", "other"));
    check_refused(dir.path(), "x.csv:1: error[broken-header]: column \"subscriptionId\" appears twice (columns 9 and 10, "
                              "spelt \"subscriptionId\" and \"SUBSCRIPTIONID\": Azure column names match in any letter "
                              "case)\n");

    // FOCUS names match exactly: `billedcost` is another (unread) column.
    const ExportFormat focus = export_format("focus");
    write_file(dir / "f.csv", with_last_column(focus.file({{"A1", "S1", "104.7389492064"}}), "billedcost", "27000000"));
    const auto imported = run_revshare("--db r.db import f.csv", dir.path());
    CHECK(imported.exit_code == 0);
    CHECK(query_value(dir / "r.db", "SELECT BilledCost FROM normalised_line") == "104.7389492064");
}

TEST_CASE("duplicate columns: names compare after the header's normalisation; empty names are no column's") {
    ScratchDir dir;
    const ExportFormat focus = export_format("focus");
    const std::string file = focus.file({{"A1", "S1", "104.7389492064"}});
    // Surrounding spaces are not part of a name.
    write_file(dir / "x.csv", with_last_column(file, " BilledCost ", "27000000"));
    check_refused(dir.path(), "x.csv:1: error[broken-header]: column \"BilledCost\" appears twice (columns 1 and 12)\n");
    // Three times: every position is named.
    write_file(dir / "x.csv", with_last_column(with_last_column(file, "BilledCost", "1"), "BilledCost", "2"));
    check_refused(dir.path(), "x.csv:1: error[broken-header]: column \"BilledCost\" appears 3 times (columns 1, 12 and 13)\n");
    // The first name whose second occurrence comes first.
    write_file(dir / "x.csv", with_last_column(with_last_column(file, "SubAccountId", "S2"), "BilledCost", "2"));
    check_refused(dir.path(), "x.csv:1: error[broken-header]: column \"SubAccountId\" appears twice (columns 11 and 12)\n");

    // Empty names (a trailing separator, blank cells) are never looked up: any number of them imports.
    write_file(dir / "e.csv", with_last_column(with_last_column(file, "", ""), " ", "x"));
    const auto imported = run_revshare("--db r.db import e.csv", dir.path());
    CHECK(imported.exit_code == 0);
    CHECK(imported.out == "e.csv: imported as import 1 (focus): 1 rows read, 1 lines, 0 quarantined\n");
    CHECK(query_value(dir / "r.db", "SELECT BilledCost FROM normalised_line") == "104.7389492064");
}
