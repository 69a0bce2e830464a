#include "jobs/quarantine_list.hpp"

#include "engine/core/diagnostic.hpp"
#include "engine/core/error.hpp"
#include "reports/csv_writer.hpp"
#include "runtime/atomic_file.hpp"
#include "schema/import_store.hpp"

#include <set>

namespace revshare::app {
namespace {

constexpr std::size_t delivered_shown_max = 200;  // bytes shown on a terminal; the CSV holds every one
// The importers keep a quarantined row's first 4096 bytes (importers/export_reader.cpp); a row
// kept at that size may be longer, and show-line reads it whole from the archive.
constexpr std::size_t raw_bytes_kept_max = 4096;

std::string plural(std::size_t count, const std::string& word) {
    return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

std::string status_text(const schema::QuarantinedRow& row) {
    if (!row.restated_by) return "unresolved";
    return "resolved: import " + std::to_string(*row.restated_by) + " delivered every scope of import " +
           std::to_string(row.import_id) + " again";
}

// `cur.csv:14:9: error[bad-number]: reason` (no column when the whole row is at fault).
std::string row_headline(const schema::QuarantinedRow& row) {
    std::string text = printable(row.delivery) + ":" + std::to_string(row.source_line);
    if (row.column_number > 0) text += ":" + std::to_string(row.column_number);
    return text + ": error[" + printable(row.code) + "]: " + printable(row.reason);
}

// The first bytes of a long row, cut where a UTF-8 character starts.
std::string delivered_shown(const schema::QuarantinedRow& row) {
    const std::string& raw = row.raw;
    if (raw.size() <= delivered_shown_max) return escaped_bytes(raw);
    std::size_t cut = delivered_shown_max;
    while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;
    std::string text = escaped_bytes(std::string_view(raw).substr(0, cut)) + "... (" + std::to_string(raw.size()) +
                       " bytes kept; --csv FILE writes them whole";
    if (raw.size() >= raw_bytes_kept_max) {
        text += "; the row may be longer: revshare show-line --import " + std::to_string(row.import_id) + " --line " +
                std::to_string(row.source_line) + " reads it from the archive";
    }
    return text + ")";
}

std::string nothing_selected(const schema::QuarantineFilter& filter) {
    std::string text = "no quarantined rows";
    if (filter.import_id) text += " in import " + std::to_string(*filter.import_id);
    if (filter.imported_since) text += " in imports made on or after " + *filter.imported_since;
    return text + "\n";
}

}  // namespace

std::vector<schema::QuarantinedRow> load_quarantine_listing(schema::Database& db, const schema::QuarantineFilter& filter) {
    if (filter.import_id && !schema::load_import(db, *filter.import_id)) {
        throw Error("quarantine: no import " + std::to_string(*filter.import_id) + " (see revshare imports)");
    }
    return schema::load_quarantined_rows(db, filter);
}

std::string escaped_bytes(std::string_view bytes) {
    std::string text;
    text.reserve(bytes.size());
    std::size_t start = 0;
    for (std::size_t i = 0; i <= bytes.size(); ++i) {
        if (i < bytes.size() && bytes[i] != '\\') continue;
        text += printable(bytes.substr(start, i - start));  // controls and stray bytes as \xNN
        if (i < bytes.size()) text += "\\\\";
        start = i + 1;
    }
    return text;
}

std::string quarantine_as_text(const std::vector<schema::QuarantinedRow>& rows, const schema::QuarantineFilter& filter) {
    if (rows.empty()) return nothing_selected(filter);
    std::string text;
    std::set<std::int64_t> imports;
    std::size_t unresolved = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        if (imports.insert(row.import_id).second) {
            std::size_t of_import = 0;
            for (std::size_t j = i; j < rows.size() && rows[j].import_id == row.import_id; ++j) ++of_import;
            text += "import " + std::to_string(row.import_id) + " " + printable(row.delivery) + " (" + printable(row.format) +
                    ", imported " + printable(row.imported_at) + "): " + plural(of_import, "quarantined row") + ", " +
                    status_text(row) + "\n";
        }
        if (!row.restated_by) ++unresolved;
        text += "  " + row_headline(row) + "\n    delivered: " + delivered_shown(row) + "\n";
    }
    return text + plural(rows.size(), "quarantined row") + " in " + plural(imports.size(), "import") + ": " +
           std::to_string(unresolved) + " unresolved, " + std::to_string(rows.size() - unresolved) + " resolved\n";
}

std::string quarantine_as_csv(const std::vector<schema::QuarantinedRow>& rows) {
    reports::CsvBuilder csv({"import_id", "file", "format", "imported_at", "line", "column", "field", "code", "reason",
                             "delivered", "bytes_kept", "status", "restated_by"});
    for (const auto& row : rows) {
        csv.number(std::to_string(row.import_id)).text(printable(row.delivery)).text(printable(row.format));
        csv.text(printable(row.imported_at)).number(std::to_string(row.source_line)).number(std::to_string(row.column_number));
        csv.text(printable(row.field)).text(printable(row.code)).text(printable(row.reason)).text(escaped_bytes(row.raw));
        csv.number(std::to_string(row.raw.size())).text(row.restated_by ? "resolved" : "unresolved");
        csv.number(row.restated_by ? std::to_string(*row.restated_by) : std::string());
        csv.end_row();
    }
    return csv.str();
}

void write_quarantine_csv(const std::vector<schema::QuarantinedRow>& rows, const std::filesystem::path& path) {
    // A bare file name is in the current folder (the atomic write makes its temporary beside it).
    write_file_atomically(std::filesystem::absolute(path), quarantine_as_csv(rows));
}

std::int64_t count_unresolved_quarantine(schema::Database& db) { return schema::count_unresolved_quarantined_rows(db); }

}  // namespace revshare::app
