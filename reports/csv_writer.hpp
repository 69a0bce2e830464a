#pragma once
// CSV output for analysts (shared/spec/cli.md "Report files"): RFC 4180, UTF-8, `\n` line ends,
// and spreadsheet-safe: a text cell that begins with `=`, `+`, `-`, `@`, tab or carriage
// return gets a leading `'` so no spreadsheet runs it as a formula. Amount cells stay plain.
#include <string>
#include <string_view>
#include <vector>

namespace revshare::reports {

enum class CellKind { text, number };

// A report's cells as values, before CSV formatting (no leading `'`, no quotes): what a
// workbook sheet (reports/statement_xlsx.hpp) writes with each cell's own type.
struct ReportCell {
    CellKind kind = CellKind::text;
    std::string value;
};
struct ReportTable {
    std::vector<std::string> header;
    std::vector<std::vector<ReportCell>> rows;
};

// The value of a text cell as csv_cell wrote it, unquoted: without the leading `'` it got
// for beginning with `=`, `+`, `-`, `@`, tab or CR. (A value that itself began with `'` and
// one of those reads back without its `'`: csv_cell writes both the same.)
[[nodiscard]] std::string_view text_cell_value(std::string_view unquoted_cell);

// One cell as written: quoted when it holds a comma, quote, CR or LF; text cells neutralised.
[[nodiscard]] std::string csv_cell(std::string_view value, CellKind kind);

class CsvBuilder {
public:
    // keep_table: also keep every cell as a value (table()), for a workbook sheet.
    explicit CsvBuilder(const std::vector<std::string_view>& header, bool keep_table = false);
    CsvBuilder& text(std::string_view value);
    CsvBuilder& number(std::string_view value);
    void end_row();
    [[nodiscard]] const std::string& str() const { return out_; }
    [[nodiscard]] const ReportTable& table() const { return table_; }

private:
    void separator();
    void keep(CellKind kind, std::string_view value);
    std::string out_;
    bool keep_table_ = false;
    ReportTable table_;
    bool row_started_ = false;
};

}  // namespace revshare::reports
