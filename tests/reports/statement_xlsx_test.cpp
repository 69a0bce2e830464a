// statement.xlsx written from crafted tables and read back from its XML: each cell's type,
// value and number format, the banner, the frozen header, the Lines sheet's row limit and
// note, and the same bytes twice.
#include "reports/statement_xlsx.hpp"
#include "tests/reports/xlsx_test_support.hpp"

using namespace revshare::testing;
using namespace revshare::testing::xlsx;
using revshare::reports::CellKind;
using revshare::reports::ReportCell;
using revshare::reports::ReportTable;
using revshare::reports::StatementWorkbook;

namespace {

ReportCell text(std::string value) { return ReportCell{CellKind::text, std::move(value)}; }
ReportCell number(std::string value) { return ReportCell{CellKind::number, std::move(value)}; }

// lines.csv rows as its reader gives them (text cells as csv_cell wrote them).
class Rows final : public revshare::reports::LinesSheetSource {
public:
    explicit Rows(std::vector<std::vector<std::string>> rows) : rows_(std::move(rows)) {}
    bool next(std::vector<std::string>& fields) override {
        if (next_ == rows_.size()) return false;
        fields = rows_[next_++];
        return true;
    }
    std::size_t taken() const { return next_; }

private:
    std::vector<std::vector<std::string>> rows_;
    std::size_t next_ = 0;
};

const std::vector<std::string> lines_header = {"line_id", "billing_account", "cost_currency", "cost", "fx_rate", "currency",
                                               "settlement_cost", "net_of_rule"};

std::vector<std::vector<std::string>> line_rows(int count) {
    std::vector<std::vector<std::string>> rows;
    for (int i = 1; i <= count; ++i) {
        rows.push_back({std::to_string(i), "'=SUM(A1:A9)", "JPY", "-1234.5678901234", "0.0065432198765", "USD", "-8.0754321",
                        ""});
    }
    return rows;
}

StatementWorkbook workbook(bool closed, Rows* lines) {
    StatementWorkbook book{"0042", revshare::Period::parse("2026-04").value(), closed, {}, {}, {}, {}, {}, nullptr,
                          revshare::reports::xlsx_sheet_rows_max, false, {}};
    book.statement = ReportTable{{"period", "contract", "payer", "currency", "basis", "share", "lines"},
                                 {{text("2026-04"), text("0042"), text("=1+1"), text("USD"), number("993798.521539746459145"),
                                   number("-1234.50"), number("3")},
                                  {text("2026-04"), text("0042"), text("@cmd"), text("JPY"), number("1234567.5"),
                                   number("-0.5"), number("0")}}};
    book.net = ReportTable{{"period", "contract", "from_party", "to_party", "currency", "amount"}, {}};
    book.reconciliation = ReportTable{{"import_id", "billing_account", "currency", "cost_matched"},
                                      {{number("7"), text("012345678901"), text(""), number("")}}};
    book.variance = ReportTable{{"rule", "basis_change_percent", "share_change_percent"},
                                {{text("+plus"), number("-12.35"), number("")}}};
    book.lines_header = lines_header;
    book.lines = lines;
    return book;
}

std::string write(const ScratchDir& dir, const std::string& name, const StatementWorkbook& book) {
    const auto path = dir / name;
    static_cast<void>(revshare::reports::write_statement_xlsx(path.string(), book));
    return path.string();
}

}  // namespace

TEST_CASE("statement.xlsx: amounts as rounded numbers beside their exact text, identifiers and formulas as text") {
    ScratchDir dir;
    Rows lines(line_rows(1));
    const auto path = write(dir, "s.xlsx", workbook(false, &lines));
    const auto cells = sheet_cells(path, 1);  // Statement
    CHECK(cells.at("A1").type == "inlineStr");
    CHECK(cells.at("A1").value == "open period: draft");
    // period contract payer currency basis basis_exact share share_exact lines
    const std::vector<std::string> header = {"period", "contract", "payer", "currency", "basis", "basis_exact", "share",
                                             "share_exact", "lines"};
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string ref = std::string(1, static_cast<char>('A' + i)) + "2";
        CAPTURE(ref);
        CHECK(cells.at(ref).type == "inlineStr");
        CHECK(cells.at(ref).value == header[i]);
    }
    CHECK(cells.at("B3").type == "inlineStr");
    CHECK(cells.at("B3").value == "0042");
    CHECK(cells.at("C3").type == "inlineStr");
    CHECK(cells.at("C3").value == "=1+1");
    CHECK(cells.at("C4").value == "@cmd");
    CHECK(cells.at("E3").type == "");
    CHECK(cells.at("E3").value == "993798.52");
    CHECK(cells.at("E3").format == "#,##0.00");
    CHECK(cells.at("F3").type == "inlineStr");
    CHECK(cells.at("F3").value == "993798.521539746459145");
    CHECK(cells.at("G3").value == "-1234.5");
    CHECK(cells.at("G3").format == "#,##0.00");
    CHECK(cells.at("H3").value == "-1234.50");
    CHECK(cells.at("I3").type == "");
    CHECK(cells.at("I3").value == "3");
    CHECK(cells.at("I3").format == "0");
    // JPY has no minor units: 1234567.5 rounds half-to-even to 1234568, -0.5 to 0.
    CHECK(cells.at("E4").value == "1234568");
    CHECK(cells.at("E4").format == "#,##0");
    CHECK(cells.at("G4").value == "0");
    CHECK(cells.at("H4").value == "-0.5");
    CHECK(cells.size() == 1 + 9 + 2 * 9);
    for (int sheet = 1; sheet <= 5; ++sheet) {
        const std::string xml = zip_entry(path, "xl/worksheets/sheet" + std::to_string(sheet) + ".xml");
        CAPTURE(sheet);
        CHECK(xml.find("<f>") == std::string::npos);
        CHECK(xml.find("<f ") == std::string::npos);
        CHECK(xml.find("<pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" state=\"frozen\"/>") != std::string::npos);
        CHECK(xml.find("<cols><col min=\"1\" max=\"1\" width=\"") != std::string::npos);
    }
    const std::string workbook_xml = zip_entry(path, "xl/workbook.xml");
    for (const std::string name : {"Statement", "Net", "Reconciliation", "Variance", "Lines"}) {
        CHECK(workbook_xml.find("<sheet name=\"" + name + "\"") != std::string::npos);
    }
}

TEST_CASE("statement.xlsx: an empty sheet has its banner and header only; empty cells stay blank; leading zeros stay") {
    ScratchDir dir;
    const auto path = write(dir, "s.xlsx", workbook(true, nullptr));
    const auto net = sheet_cells(path, 2);
    CHECK(net.at("A1").value == "closed period");
    CHECK(net.at("G2").value == "amount_exact");
    CHECK(net.size() == 1 + 7);
    const auto reconciliation = sheet_cells(path, 3);
    CHECK(reconciliation.at("A3").value == "7");
    CHECK(reconciliation.at("A3").type == "");
    CHECK(reconciliation.at("B3").value == "012345678901");
    CHECK(reconciliation.at("B3").type == "inlineStr");
    CHECK(reconciliation.count("C3") == 0);
    CHECK(reconciliation.count("D3") == 0);
    CHECK(reconciliation.count("E3") == 0);
    const auto variance = sheet_cells(path, 4);
    CHECK(variance.at("A3").value == "+plus");
    CHECK(variance.at("B3").value == "-12.35");
    CHECK(variance.at("B3").format == "0.00");
    CHECK(variance.count("C3") == 0);
    const auto lines = sheet_cells(path, 5);
    CHECK(lines.at("A1").value == "closed period");
    CHECK(lines.at("K2").value == "net_of_rule");
    CHECK(lines.size() == 1 + 11);
}

TEST_CASE("statement.xlsx: Lines holds lines.csv's rows up to the sheet's limit, then a note pointing to lines.csv") {
    ScratchDir dir;
    Rows lines(line_rows(4));
    StatementWorkbook book = workbook(false, &lines);
    book.sheet_rows_max = 5;  // banner, header, 2 lines, the note
    const auto written = revshare::reports::write_statement_xlsx((dir / "s.xlsx").string(), book);
    CHECK(written.lines_rows == 2);
    CHECK(written.lines_truncated);
    CHECK(lines.taken() == 3);  // the third told that more follow; the fourth was never read
    const auto cells = sheet_cells(dir / "s.xlsx", 5);
    // line_id billing_account cost_currency cost cost_exact fx_rate fx_rate_exact currency settlement_cost
    // settlement_cost_exact net_of_rule
    CHECK(cells.at("A4").value == "2");
    CHECK(cells.at("B4").value == "=SUM(A1:A9)");
    CHECK(cells.at("B4").type == "inlineStr");
    CHECK(cells.at("D4").value == "-1235");  // JPY
    CHECK(cells.at("D4").format == "#,##0");
    CHECK(cells.at("E4").value == "-1234.5678901234");
    CHECK(cells.at("F4").value == "0.0065432198765");
    CHECK(cells.at("F4").format == "");
    CHECK(cells.at("G4").value == "0.0065432198765");
    CHECK(cells.at("I4").value == "-8.08");  // USD
    CHECK(cells.at("J4").value == "-8.0754321");
    CHECK(cells.count("K4") == 0);
    CHECK(cells.at("A5").value ==
          "lines.csv has more rows: this sheet holds its first 2 (a sheet holds 5 rows); lines.csv has every line");
    CHECK(cells.count("A6") == 0);

    Rows exactly(line_rows(2));
    StatementWorkbook full = workbook(false, &exactly);
    full.sheet_rows_max = 5;
    const auto fits = revshare::reports::write_statement_xlsx((dir / "f.xlsx").string(), full);
    CHECK(fits.lines_rows == 2);
    CHECK_FALSE(fits.lines_truncated);
    CHECK(sheet_cells(dir / "f.xlsx", 5).count("A5") == 0);
}

TEST_CASE("statement.xlsx: the same input gives the same bytes; the properties are fixed") {
    ScratchDir dir;
    Rows first(line_rows(3));
    Rows second(line_rows(3));
    const auto a = write(dir, "a.xlsx", workbook(false, &first));
    const auto b = write(dir, "b.xlsx", workbook(false, &second));
    CHECK(read_file(a) == read_file(b));
    const std::string core = zip_entry(a, "docProps/core.xml");
    CHECK(core.find("<dc:title>revshare statement 0042 2026-04</dc:title>") != std::string::npos);
    CHECK(core.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-04-01T00:00:00Z</dcterms:created>") != std::string::npos);
    CHECK(core.find("<cp:contentStatus>open period: draft</cp:contentStatus>") != std::string::npos);
    // No file of libxlsxwriter's is left in the folder.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
    CHECK(files == 2);
}

TEST_CASE("statement.xlsx: a sheet with more rows than a sheet holds is an error, not a truncated statement") {
    ScratchDir dir;
    StatementWorkbook book = workbook(false, nullptr);
    book.sheet_rows_max = 3;  // banner, header, one row: the statement has two
    CHECK_THROWS_WITH(revshare::reports::write_statement_xlsx((dir / "s.xlsx").string(), book),
                      "cannot write statement.xlsx: sheet Statement has 2 rows, more than a sheet holds");
}

TEST_CASE("statement.xlsx: a text with a tab, markup or a control character stays one text cell of well-formed XML") {
    ScratchDir dir;
    StatementWorkbook book = workbook(false, nullptr);
    book.reconciliation.rows[0][1] = text("\t<b>&amp;\x01");
    const auto path = write(dir, "s.xlsx", book);
    const auto cells = sheet_cells(path, 3);
    CHECK(cells.at("B3").type == "inlineStr");
    // OOXML writes a control character as _xHHHH_ (a spreadsheet shows U+0001).
    CHECK(cells.at("B3").value == "\t<b>&amp;_x0001_");
    const std::string xml = zip_entry(path, "xl/worksheets/sheet3.xml");
    CHECK(xml.find("<t xml:space=\"preserve\">\t&lt;b&gt;&amp;amp;_x0001_</t>") != std::string::npos);
}

TEST_CASE("statement.xlsx: a text longer than a cell holds is a note pointing to the CSV, not an error or a cut text") {
    ScratchDir dir;
    StatementWorkbook book = workbook(false, nullptr);
    book.reconciliation.rows[0][1] = text(std::string(32767, 'x'));
    book.variance.rows[0][0] = text(std::string(32768, 'y'));
    const auto path = write(dir, "s.xlsx", book);
    CHECK(sheet_cells(path, 3).at("B3").value == std::string(32767, 'x'));
    CHECK(sheet_cells(path, 4).at("A3").value == "(32768 bytes: longer than a cell holds; the CSV file has it)");
}

TEST_CASE("statement.xlsx: a text holding _xHHHH_ is written so that a spreadsheet shows it as it is, not decoded") {
    using revshare::reports::ooxml_escaped;
    CHECK(ooxml_escaped("_x0041_") == "_x005F_x0041_");
    CHECK(ooxml_escaped("a_x00e9_b_x0041_") == "a_x005F_x00e9_b_x005F_x0041_");
    CHECK(ooxml_escaped("__x0041__") == "__x005F_x0041__");
    CHECK(ooxml_escaped("_x004_") == "_x004_");      // three digits: not an escape
    CHECK(ooxml_escaped("_x00G1_") == "_x00G1_");    // not hex
    CHECK(ooxml_escaped("_x0041") == "_x0041");      // no closing underscore
    CHECK(ooxml_escaped("plain text") == "plain text");
}
