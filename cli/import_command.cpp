// `revshare import [--format NAME] FILE...`: each file in its own transaction (jobs/import_file.hpp),
// each CSV of a zip too (jobs/import_zip.hpp);
// `revshare init` and `revshare imports`.
#include "cli/commands.hpp"
#include "jobs/event_summary.hpp"
#include "jobs/import_file.hpp"
#include "jobs/import_zip.hpp"
#include "jobs/nightly_files.hpp"
#include "jobs/stop_request.hpp"
#include "schema/import_store.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace revshare::app {

int command_import(const GlobalOptions& options, Arguments& arguments) {
    std::optional<importers::Format> forced;
    if (const auto name = arguments.take_option("format")) {
        forced = importers::format_from_name(*name);
        if (!forced) throw UsageError("import: unknown --format '" + *name + "'; expected one of " + importers::format_names_list());
    }
    const auto files = arguments.positionals();
    if (files.empty()) throw UsageError("import: name at least one file to import");
    schema::Database db(options.db_path);
    remove_abandoned_archive_temporaries(db);
    int worst = 0;
    for (const auto& file : files) {
        int code = 0;
        try {
            // A zip prints and counts its own failures, member by member.
            code = is_zip_delivery(file) ? import_zip(db, file, forced, options.quiet).exit_code()
                                                : import_one(db, file, forced, options.quiet).exit_code();
        } catch (const Interrupted&) {
            std::cerr << printable(file) << ": interrupted; nothing of it was imported\n";
            throw;
        } catch (const Error& e) {
            // The messages of the byte source already start with the file name.
            const std::string message = e.what();
            std::cerr << "revshare: error: " << printable(message.rfind(file + ": ", 0) == 0 ? message : file + ": " + message)
                      << "\n";
            std::cerr << printable(file) << ": refused; nothing was imported\n";
            code = static_cast<int>(e.exit_code());
        }
        worst = std::max(worst, code);
    }
    return worst;
}

int command_init(const GlobalOptions& options, Arguments& arguments) {
    (void)arguments.positionals();
    schema::Database db(options.db_path);
    std::cout << printable(options.db_path.string()) << ": schema version " << db.schema_version() << "\n";
    return 0;
}

int command_imports(const GlobalOptions& options, Arguments& arguments) {
    (void)arguments.positionals();
    schema::Database db(options.db_path);
    const auto imports = schema::load_imports(db);
    // The format column fits the longest name listed (14 unless a seller feed is there).
    int width = 14;
    for (const auto& record : imports) width = std::max(width, static_cast<int>(printable(record.format).size()));
    std::cout << "import  " << std::string("format") + std::string(static_cast<std::size_t>(width) - 4, ' ')
              << "rows  lines  quarantined  imported_at           file\n";
    for (const auto& record : imports) {
        char line[512];
        std::snprintf(line, sizeof line, "%6lld  %-*s %5lld  %5lld  %11lld  %-20s  ", static_cast<long long>(record.import_id),
                      width, printable(record.format).substr(0, 200).c_str(), static_cast<long long>(record.rows_read),
                      // Lines stored: a seller feed's rows that repeated a known version store none.
                      static_cast<long long>(record.rows_imported - record.rows_already_known),
                      static_cast<long long>(record.rows_quarantined),
                      record.imported_at.c_str());
        std::cout << line << printable(record.delivery_name()) << "\n";
        if (const std::string events = stored_event_summary(db, record); !events.empty()) {
            std::cout << "        events: " << events << "\n";
        }
    }
    return 0;
}

}  // namespace revshare::app
