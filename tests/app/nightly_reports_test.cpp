// The nightly job writes every report of issues 6 and 22 beside statement.csv and net.csv, the same
// bytes `revshare report` writes for the same run.
#include "tests/app/nightly_test_support.hpp"

using namespace revshare::testing;
using namespace revshare::testing::nightly;

TEST_CASE("nightly: writes lines.csv, reconciliation.csv, variance.csv, statement.html and statement.xlsx like report does") {
    ScratchDir dir;
    fill_inbox(dir / "inbox", fixture_exports());
    add_contract(dir);
    const auto night = run_revshare(nightly_command, dir.path(), first_night);
    REQUIRE_MESSAGE(night.exit_code == 1, night.err);  // 3 rows of cur-2026-05.csv are quarantined
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-04 --out by-report", dir.path()).exit_code == 0);
    for (const std::string name : {"statement.csv", "net.csv", "lines.csv", "reconciliation.csv", "variance.csv",
                                   "statement.html", "statement.xlsx"}) {
        CAPTURE(name);
        const auto nightly_file = dir / ("out/openai-microsoft/2026-04/" + name);
        REQUIRE(std::filesystem::exists(nightly_file));
        CHECK(read_file(nightly_file) == read_file(dir / ("by-report/openai-microsoft/2026-04/" + name)));
    }
}
