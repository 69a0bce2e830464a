#pragma once
// statement.xlsx: a period's reports as one workbook for a spreadsheet (docs/reports.md
// "statement.xlsx"), written with libxlsxwriter. Sheets Statement, Net, Reconciliation,
// Variance (the cells of the CSV files of the same names, as values) and Lines (lines.csv's
// rows up to the sheet's row limit, then a note pointing to lines.csv).
//
// Row 1 of every sheet is a banner ("open period: draft" or "closed period"), row 2 the
// header, frozen. Cell types follow the column (xlsx_columns.hpp): texts (identifiers, dates,
// names) are strings, so leading zeros stay and nothing from input is ever a formula; counts
// are numbers; an amount is two columns, `NAME` the amount rounded half-to-even to its
// currency's minor units as a number with that many decimals (a double, for display and
// pivoting only: converted from the exact Decimal text, never computed with), and
// `NAME_exact` the exact decimal as text, which is authoritative where a double cannot hold
// it (a 21-digit basis).
//
// The same input gives the same bytes: fixed document properties (created: the period's
// first day), no clock. libxlsxwriter 1.1.4 has no in-memory output, so this writes the file
// at `path` itself; the caller gives a temporary name and renames it (jobs/report_files.cpp).
#include "engine/core/period.hpp"
#include "reports/csv_writer.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::reports {

// lines.csv's rows, one at a time: each field unquoted, text cells still as csv_cell wrote
// them (text_cell_value undoes the leading `'`).
class LinesSheetSource {
public:
    // The next row (without the header); false after the last.
    virtual bool next(std::vector<std::string>& fields) = 0;

protected:
    ~LinesSheetSource() = default;
};

// Rows in a sheet (Excel and LibreOffice both stop there).
inline constexpr std::size_t xlsx_sheet_rows_max = 1048576;

struct StatementWorkbook {
    std::string contract_id;
    Period period;
    bool closed = false;  // false: the banner says "open period: draft"
    ReportTable statement;
    ReportTable net;
    ReportTable reconciliation;
    ReportTable variance;
    std::vector<std::string> lines_header;  // lines.csv's
    LinesSheetSource* lines = nullptr;      // its rows (none when null)
    // Rows per sheet, banner and header included (tests: a few, to see the note).
    std::size_t sheet_rows_max = xlsx_sheet_rows_max;
    // ZIP64: needed once a sheet's XML passes 4 GB (a Lines sheet of a million long rows);
    // off otherwise, as some spreadsheets warn about a small file that uses it.
    bool use_zip64 = false;
    // Where libxlsxwriter keeps its temporary parts (unnamed mkstemp files) while it writes;
    // empty: the workbook's own folder.
    std::string scratch_folder;
};

// `text` as an XLSX string cell must hold it so that a spreadsheet shows it as written: OOXML
// reads `_xHHHH_` as the character U+HHHH, so each such run's `_` is written `_x005F_`
// (libxlsxwriter 1.1.4 does not). `_x0041_` is shown as `_x0041_`, not `A`.
[[nodiscard]] std::string ooxml_escaped(std::string_view text);

struct WorkbookWritten {
    std::size_t lines_rows = 0;     // lines.csv rows in the Lines sheet
    bool lines_truncated = false;   // more followed: the note points to lines.csv
};

// Writes the workbook to `path`; its temporary files go to `path`'s folder. Throws Error
// when libxlsxwriter fails (the file may then be incomplete: the caller removes it), or when
// a sheet other than Lines has more rows than a sheet holds.
WorkbookWritten write_statement_xlsx(const std::string& path, const StatementWorkbook& workbook);

}  // namespace revshare::reports
