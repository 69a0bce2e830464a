#include "jobs/event_conflicts.hpp"

#include "engine/core/error.hpp"
#include "importers/column_index.hpp"
#include "importers/csv/byte_source.hpp"
#include "importers/csv/csv_reader.hpp"
#include "importers/export_reader.hpp"


namespace revshare::app {
namespace {

// The field's 1-based column, found as the importers find columns (Microsoft's in any letter
// case; AWS's names are lower case already); 0 when the header has none.
std::int64_t column_of(const std::vector<std::string>& header, const std::string& field) {
    const auto position = importers::ColumnIndex(header, importers::ColumnIndex::Case::insensitive).find(field);
    return position ? static_cast<std::int64_t>(*position) + 1 : 0;
}

}  // namespace

std::vector<Diagnostic> conflicting_version_rows(const std::filesystem::path& archived, const std::string& shown,
                                                 const std::vector<schema::EventConflict>& conflicts) {
    std::vector<Diagnostic> rows;
    if (conflicts.empty()) return rows;
    importers::CsvReader reader(importers::open_byte_source(archived.string()), shown);
    importers::CsvRecord record;
    Diagnostic error;
    std::vector<std::string> header;
    auto next = conflicts.begin();  // sorted by source line (EventLedger::resolve)
    while (next != conflicts.end()) {
        const auto status = reader.next(record, error);
        if (status == importers::CsvReader::Status::end) break;
        if (status != importers::CsvReader::Status::record) continue;  // quarantined already, never a conflict
        if (header.empty()) {
            for (auto field : record.fields) {
                if (header.empty() && field.starts_with("\xEF\xBB\xBF")) field.remove_prefix(3);  // the BOM
                header.push_back(importers::normalise_header_name(field));
            }
            continue;
        }
        while (next != conflicts.end() && next->source_line == record.line) {
            Diagnostic row;
            row.location = SourceLocation{shown, record.line, column_of(header, next->field)};
            row.code = DiagnosticCode::conflicting_version;
            row.message = next->message;
            row.field = next->field;
            row.raw_line = std::string(record.raw);
            row.hint = "a marketplace delivers each version of an event once; ask it which content is right, and "
                       "import the corrected delivery";
            rows.push_back(std::move(row));
            ++next;
        }
    }
    if (next != conflicts.end()) {
        throw Error(shown + ": the archived copy has no record at line " + std::to_string(next->source_line) +
                    ", which the import read; nothing was imported", ExitCode::locked_or_invariant);
    }
    return rows;
}

}  // namespace revshare::app
