// `revshare events --import ID [--out FILE]`: what each delivered row of a seller-feed import did
// (formats.md S4), as CSV (jobs/event_summary.hpp).
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "jobs/event_summary.hpp"

#include <charconv>
#include <iostream>

namespace revshare::app {

int command_events(const GlobalOptions& options, Arguments& arguments) {
    const auto import_text = arguments.take_option("import");
    const auto out = arguments.take_option("out");
    (void)arguments.positionals();
    if (!import_text) throw UsageError("events: give --import ID (an import of a seller feed; see revshare imports)");
    std::int64_t import_id = 0;
    const auto [end, error] = std::from_chars(import_text->data(), import_text->data() + import_text->size(), import_id);
    if (error != std::errc() || end != import_text->data() + import_text->size() || import_id <= 0) {
        throw UsageError("events: --import expects a positive whole number, got '" + printable(*import_text) + "'");
    }
    schema::Database db(options.db_path);
    if (out) {
        write_event_rows_csv(db, import_id, *out);
    } else {
        std::cout << event_rows_csv(db, import_id) << std::flush;
        if (!std::cout) throw Error("events: the CSV could not be written to standard output");
    }
    return 0;
}

}  // namespace revshare::app
