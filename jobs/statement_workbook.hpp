#pragma once
// statement.xlsx of a period (reports/statement_xlsx.hpp): its Lines sheet is read back from
// the lines.csv just written (the line detail streams it; holding it again would not be
// bounded), the other sheets come from the same values as their CSV files.
#include "reports/statement_xlsx.hpp"

#include <filesystem>

namespace revshare::app {

// Writes `dir`/statement.xlsx atomically from `workbook` (its sheets but Lines) and
// `dir`/lines.csv. Throws Error when lines.csv cannot be read or the workbook written.
reports::WorkbookWritten write_statement_workbook(const std::filesystem::path& dir, reports::StatementWorkbook workbook);

}  // namespace revshare::app
