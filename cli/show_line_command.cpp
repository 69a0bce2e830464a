// `revshare show-line (--line-id ID | --import ID --line N)`: the exact row the cloud
// delivered behind a normalised line, read back from the archive, column by column.
#include "engine/core/diagnostic.hpp"
#include "cli/commands.hpp"
#include "jobs/archived_copy.hpp"
#include "jobs/event_summary.hpp"
#include "importers/csv/csv_reader.hpp"
#include "importers/export_reader.hpp"
#include "schema/import_store.hpp"
#include "schema/line_query.hpp"

#include <iostream>

namespace revshare::app {
namespace {

std::int64_t parse_count(const std::string& flag, const std::string& text) {
    try {
        std::size_t used = 0;
        const long long value = std::stoll(text, &used);
        if (used == text.size() && value > 0) return value;
    } catch (const std::exception&) {
    }
    throw UsageError("show-line: " + flag + " expects a positive whole number, got '" + text + "'");
}

}  // namespace

int command_show_line(const GlobalOptions& options, Arguments& arguments) {
    const auto line_id_text = arguments.take_option("line-id");
    const auto import_text = arguments.take_option("import");
    const auto line_text = arguments.take_option("line");
    (void)arguments.positionals();
    schema::Database db(options.db_path);
    std::int64_t import_id = 0;
    std::int64_t source_line = 0;
    if (line_id_text) {
        const auto where = schema::load_line_source(db, parse_count("--line-id", *line_id_text));
        if (!where) throw Error("show-line: no normalised line " + *line_id_text);
        import_id = where->first;
        source_line = where->second;
    } else if (import_text && line_text) {
        import_id = parse_count("--import", *import_text);
        source_line = parse_count("--line", *line_text);
    } else {
        throw UsageError("show-line: give --line-id ID, or --import ID and --line N");
    }
    const auto record = schema::load_import(db, import_id);
    if (!record) throw Error("show-line: no import " + std::to_string(import_id));
    // The archive is evidence: its bytes are called "delivered" only once they hash to the import's.
    if (const auto problem = archived_copy_problem(db.archive_dir(), *record)) {
        throw Error("show-line: " + *problem + "; its rows are not shown as delivered", ExitCode::locked_or_invariant);
    }
    const auto archived = db.archive_dir() / record->archive_name;
    importers::CsvReader reader(importers::open_byte_source(archived.string()), record->delivery_name());
    importers::CsvRecord row;
    Diagnostic error;
    std::vector<std::string> header;
    for (;;) {
        const auto status = reader.next(row, error);
        if (status == importers::CsvReader::Status::end) break;
        if (header.empty() && status == importers::CsvReader::Status::record) {
            for (const auto field : row.fields) header.push_back(importers::normalise_header_name(field));
            continue;
        }
        const std::int64_t line = status == importers::CsvReader::Status::record ? row.line : error.location.line;
        if (line < source_line) continue;
        if (line > source_line) break;
        // The row, its header and the file name are input: escaped.
        std::cout << printable(record->delivery_name()) << ":" << source_line << " (import " << import_id << ", archived as "
                  << record->archive_name << ")\n";
        if (status == importers::CsvReader::Status::error) {
            std::cout << error.render() << "\n";
            return 0;
        }
        std::cout << printable(row.raw) << "\n\n";
        if (const auto repeated = known_row_line(db, import_id, source_line)) {
            std::cout << "  " << *repeated << "\n";
        }
        for (std::size_t i = 0; i < row.fields.size(); ++i) {
            const std::string name = i < header.size() ? header[i] : "(column " + std::to_string(i + 1) + ")";
            if (!row.fields[i].empty()) std::cout << "  " << printable(name) << " = " << printable(row.fields[i]) << "\n";
        }
        return 0;
    }
    throw Error("show-line: " + record->delivery_name() + " has no record starting at line " + std::to_string(source_line));
}

}  // namespace revshare::app
