// statement.html rendered by headless Chromium (Debian's `chromium`, installed by
// scripts/install-deps): the page loads without errors, its rendered numbers are those of
// statement.csv and net.csv, it prints on A4 pages, and it needs nothing from the network.
#include "tests/reports/report_test_support.hpp"

#include <regex>

using namespace revshare::testing;
using namespace revshare::testing::reports;

namespace {

struct Rendered {
    int exit_code = 0;
    std::string out;
    std::string err;
};

// Runs chromium headless on `page` with `arguments` (as root it needs --no-sandbox).
Rendered chromium(const std::filesystem::path& page, const std::string& arguments, const ScratchDir& scratch) {
    const auto out = scratch / "chromium.out";
    const auto err = scratch / "chromium.err";
    const std::string command = "chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr "
                                "--user-data-dir='" + (scratch / "profile").string() + "' " + arguments + " 'file://" +
                                page.string() + "' >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    return Rendered{WIFEXITED(status) ? WEXITSTATUS(status) : 128, read_file(out), read_file(err)};
}

// The text of every <td class="...CLASS..."> in `html` inside rows of class `row_class`, row by row.
std::vector<std::vector<std::string>> cells_of(const std::string& html, const std::string& row_class) {
    std::vector<std::vector<std::string>> rows;
    const std::regex row("<tr class=\"" + row_class + "\">(.*?)</tr>");
    const std::regex cell("<td[^>]*>(.*?)</td>");
    for (auto r = std::sregex_iterator(html.begin(), html.end(), row); r != std::sregex_iterator(); ++r) {
        const std::string body = (*r)[1];
        std::vector<std::string> cells;
        for (auto c = std::sregex_iterator(body.begin(), body.end(), cell); c != std::sregex_iterator(); ++c) cells.push_back((*c)[1]);
        rows.push_back(cells);
    }
    return rows;
}

// Chromium's log lines that mean the page had a problem (console messages, failed loads).
void check_no_page_errors(const Rendered& rendered) {
    CHECK(rendered.exit_code == 0);
    CHECK(rendered.err.find("CONSOLE") == std::string::npos);
    CHECK(rendered.err.find("Uncaught") == std::string::npos);
    CHECK(rendered.err.find("net::ERR") == std::string::npos);
}

}  // namespace

TEST_CASE("statement.html renders in headless Chromium: no page errors, the numbers of statement.csv, A4 pages") {
    REQUIRE_MESSAGE(std::system("command -v chromium >/dev/null") == 0, "chromium is missing: run scripts/install-deps");
    ScratchDir dir;
    load_and_settle(dir);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-04 --out out", dir.path()).exit_code == 0);
    const auto page = dir / "out/openai-microsoft/2026-04/statement.html";
    const std::string html = read_file(page);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(std::regex_replace(html, std::regex("xmlns=\"http://www.w3.org/2000/svg\""), "").find("http") == std::string::npos);

    const auto png = dir / "statement.png";
    const auto shot = chromium(page, "--window-size=1240,1754 --screenshot='" + png.string() + "'", dir);
    check_no_page_errors(shot);
    const std::string image = read_file(png);
    REQUIRE(image.size() > 20000);  // a rendered page, not a blank one
    CHECK(image.substr(1, 3) == "PNG");

    const auto dom = chromium(page, "--dump-dom", dir);
    check_no_page_errors(dom);
    const auto statement = parse_csv(read_file(dir / "out/openai-microsoft/2026-04/statement.csv"));
    const auto rows = cells_of(dom.out, "statement-row");
    REQUIRE(rows.size() == statement.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CAPTURE(i);
        REQUIRE(rows[i].size() == 9);
        CHECK(rows[i][1] == statement[i].at("version"));
        CHECK(rows[i][2] == statement[i].at("rule"));
        CHECK(rows[i][5] == statement[i].at("lines"));
        CHECK(rows[i][6] == statement[i].at("basis"));
        CHECK(rows[i][7] == statement[i].at("share"));
    }
    // The why cell of the amendment's capped row, as the browser shows it.
    CHECK(rows[3][8] == "tiers give 17881.50; lowered to the maximum 150000.00 prorated to 3/30 of 2026-04; cap "
                        "msft-lifetime: 105000.00 left");
    CHECK(dom.out.find("DRAFT: 2026-04 is an open period") != std::string::npos);
    const auto net = parse_csv(read_file(dir / "out/openai-microsoft/2026-04/net.csv"));
    const auto net_rows = cells_of(dom.out, "net-row");
    REQUIRE(net_rows.size() == net.size());
    for (std::size_t i = 0; i < net_rows.size(); ++i) {
        CHECK(net_rows[i] == std::vector<std::string>{net[i].at("from_party"), net[i].at("to_party"), net[i].at("amount")});
    }
    CHECK(dom.out.find("<svg") != std::string::npos);

    const auto pdf = dir / "statement.pdf";
    const auto printed = chromium(page, "--no-pdf-header-footer --print-to-pdf='" + pdf.string() + "'", dir);
    check_no_page_errors(printed);
    const std::string document = read_file(pdf);
    const std::regex page_object("/Type\\s*/Page[^s]");
    const auto pages = std::distance(std::sregex_iterator(document.begin(), document.end(), page_object), std::sregex_iterator());
    CHECK(pages >= 1);
    CHECK(pages <= 3);
    CHECK(document.find("/MediaBox [0 0 594.9") != std::string::npos);  // A4: 595 × 842 points
}
