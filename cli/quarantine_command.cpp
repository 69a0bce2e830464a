// `revshare quarantine [--import ID] [--since YYYY-MM-DD] [--csv FILE]`: the quarantined rows
// and whether each is still unresolved (jobs/quarantine_list.hpp). Reads only.
#include "cli/commands.hpp"
#include "engine/core/diagnostic.hpp"
#include "engine/core/period.hpp"
#include "jobs/quarantine_list.hpp"

#include <charconv>
#include <iostream>

namespace revshare::app {
namespace {

std::int64_t parse_import_id(const std::string& text) {
    std::int64_t import_id = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), import_id);
    if (error != std::errc() || end != text.data() + text.size() || import_id <= 0) {
        throw UsageError("quarantine: --import expects an import id, a positive whole number (see revshare imports), got '" +
                         printable(text) + "'");
    }
    return import_id;
}

std::string parse_since(const std::string& text) {
    std::string why;
    if (!parse_iso_date(text, &why)) {
        throw UsageError("quarantine: --since expects a date YYYY-MM-DD (UTC), got '" + printable(text) + "'" +
                         (why.empty() ? std::string() : ": " + why));
    }
    return text;
}

}  // namespace

int command_quarantine(const GlobalOptions& options, Arguments& arguments) {
    schema::QuarantineFilter filter;
    if (const auto text = arguments.take_option("import")) filter.import_id = parse_import_id(*text);
    if (const auto text = arguments.take_option("since")) filter.imported_since = parse_since(*text);
    const auto csv = arguments.take_option("csv");
    if (!arguments.positionals().empty()) throw UsageError("quarantine: takes no other arguments than its options");
    if (csv && csv->empty()) throw UsageError("quarantine: --csv needs a file name");
    schema::Database db(options.db_path);
    db.make_query_only();  // a listing never writes
    const auto rows = load_quarantine_listing(db, filter);
    if (!csv) {
        std::cout << quarantine_as_text(rows, filter) << std::flush;
        if (!std::cout) throw Error("quarantine: the listing could not be written to standard output");
        return 0;
    }
    write_quarantine_csv(rows, *csv);
    std::size_t unresolved = 0;
    for (const auto& row : rows) unresolved += row.restated_by ? 0 : 1;
    std::cout << printable(*csv) << ": " << rows.size() << (rows.size() == 1 ? " quarantined row" : " quarantined rows")
              << " (" << unresolved << " unresolved)\n";
    return 0;
}

}  // namespace revshare::app
