#pragma once
// `revshare quarantine [--import ID] [--since DATE] [--csv FILE]`: the quarantined rows with
// where they were (delivery, line, column), why (code and reason), the bytes delivered (escaped)
// and whether each is still unresolved (schema/quarantine_store.hpp says when one is resolved).
#include "schema/database.hpp"
#include "schema/quarantine_store.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::app {

// The rows the filter selects. An --import that names no import is an Error (exit 2).
[[nodiscard]] std::vector<schema::QuarantinedRow> load_quarantine_listing(schema::Database& db,
                                                                          const schema::QuarantineFilter& filter);

// Delivered bytes as text that is safe on a terminal and in a UTF-8 CSV, and reversible: a
// backslash is written `\\`, a control character (NUL, ESC, CR, LF, ...) or a byte that is not
// part of valid UTF-8 `\xNN` (two upper-case hex digits); other UTF-8 text as it is.
[[nodiscard]] std::string escaped_bytes(std::string_view bytes);

// For a terminal: the rows grouped by import, each as `file:line:col: error[code]: reason`
// with the delivered bytes beneath (the first 200 bytes; the CSV has every byte kept), and a last
// line with the counts. `filter` words the line printed when nothing is selected.
[[nodiscard]] std::string quarantine_as_text(const std::vector<schema::QuarantinedRow>& rows,
                                             const schema::QuarantineFilter& filter);

// The CSV (reports/csv_writer.hpp: spreadsheet-safe), one row per quarantined row:
// import_id,file,format,imported_at,line,column,field,code,reason,delivered,bytes_kept,status,restated_by
[[nodiscard]] std::string quarantine_as_csv(const std::vector<schema::QuarantinedRow>& rows);
// The same, written to `path` atomically.
void write_quarantine_csv(const std::vector<schema::QuarantinedRow>& rows, const std::filesystem::path& path);

// The unresolved quarantined rows of every import (nightly's summary).
[[nodiscard]] std::int64_t count_unresolved_quarantine(schema::Database& db);

}  // namespace revshare::app
