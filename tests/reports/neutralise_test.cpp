// Text from the inputs in the reports: a cell that starts with `=` or `@` is neutralised with
// a leading `'` in every CSV (cli.md), and every input text is HTML-escaped in statement.html.
#include "tests/reports/report_test_support.hpp"

#include <regex>

using namespace revshare::testing;
using namespace revshare::testing::reports;

namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
    return text;
}

}  // namespace

TEST_CASE("reports: descriptions starting with = or @ are neutralised in every CSV and escaped in the HTML") {
    ScratchDir dir;
    // The Azure FOCUS April export with a formula for ServiceName and one for BillingAccountId.
    std::string export_text = read_file(fixtures_dir() / "exports/azure-focus/focus-2026-04.csv");
    export_text = replaced(export_text, ",Azure AI Services,", ",=1+2,");
    export_text = replaced(export_text, "/providers/Microsoft.Billing/billingAccounts/55554444", "@SUM(A1)");
    write_file(dir / "focus-2026-04.csv", export_text);
    std::string contract = read_file(fixtures_dir() / "contracts/openai-microsoft.toml");
    contract = replaced(contract, "name        = \"OpenAI / Microsoft revenue share\"",
                        "name        = \"=OpenAI <script>alert('x')</script> & \\\"Co\\\"\"");
    contract = replaced(contract, "microsoft = \"Microsoft Corporation\"", "microsoft = \"@Microsoft <b>Corp</b>\"");
    write_file(dir / "contract.toml", contract);
    REQUIRE(run_revshare("--db r.db import focus-2026-04.csv", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db contract add contract.toml", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db settle --period 2026-04", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-04 --out out", dir.path()).exit_code == 0);
    const auto folder = dir / "out/openai-microsoft/2026-04";

    const std::string lines = read_file(folder / "lines.csv");
    CHECK(lines.find(",'@SUM(A1),") != std::string::npos);
    CHECK(lines.find(",'=1+2,") != std::string::npos);
    CHECK(read_file(folder / "reconciliation.csv").find(",'@SUM(A1),USD,") != std::string::npos);
    for (const std::string name : {"statement.csv", "net.csv", "lines.csv", "reconciliation.csv", "variance.csv"}) {
        CAPTURE(name);
        for (const auto& row : parse_csv(read_file(folder / name))) {
            for (const auto& [column, cell] : row) {
                const auto& column_name = column;  // clang 14 cannot capture a structured binding (CAPTURE is a lambda)
                CAPTURE(column_name);
                const bool number = std::regex_match(cell, std::regex("-?[0-9]+(\\.[0-9]+)?"));
                const bool formula_start = !cell.empty() && std::string("=+-@\t\r").find(cell[0]) != std::string::npos;
                CHECK((number || !formula_start));
            }
        }
    }

    const std::string html = read_file(folder / "statement.html");
    CHECK(html.find("<h1>=OpenAI &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;</h1>") != std::string::npos);
    CHECK(html.find("<td>@Microsoft &lt;b&gt;Corp&lt;/b&gt;</td>") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<b>") == std::string::npos);
}
