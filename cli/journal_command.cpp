// `revshare journal --period YYYY-MM [--contract ID] --format hledger|beancount|csv --out FILE`:
// the period's double-entry journal for a ledger or an ERP (jobs/journal_export.hpp); `--out -`
// writes it to standard output.
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "engine/core/diagnostic.hpp"
#include "jobs/journal_export.hpp"

#include <filesystem>
#include <iostream>
#include <system_error>

namespace revshare::app {
namespace {

// `--out r.db` would replace the database with the journal (and its -wal file would be as bad).
void refuse_database_as_out(const std::filesystem::path& out, const std::filesystem::path& db) {
    std::error_code error;
    for (const std::string suffix : {"", "-wal", "-shm", "-journal"}) {
        const std::filesystem::path file = db.string() + suffix;
        if (std::filesystem::equivalent(out, file, error)) {
            throw UsageError("journal: --out " + printable(out.string()) + " is the database" +
                             (suffix.empty() ? "" : "'s " + suffix.substr(1) + " file") + "; give another file name");
        }
    }
}

}  // namespace

int command_journal(const GlobalOptions& options, Arguments& arguments) {
    const Period period = parse_period_option("journal", arguments.take_required("period"));
    const auto contract_id = arguments.take_option("contract");
    const auto format_name = arguments.take_option("format");
    const auto out = arguments.take_option("out");
    if (const auto extra = arguments.positionals(); !extra.empty()) {
        throw UsageError("journal: unexpected argument '" + printable(extra.front()) + "'");
    }
    if (!format_name) throw UsageError("journal: give --format hledger, beancount or csv");
    const auto format = reports::journal_format_from_name(*format_name);
    if (!format) {
        throw UsageError("journal: --format expects hledger, beancount or csv, got '" + printable(*format_name) + "'");
    }
    if (!out) throw UsageError("journal: give --out FILE (or --out - for standard output)");
    schema::Database db(options.db_path);
    const JournalExport journal = export_journal(db, JournalRequest{period, contract_id, *format});
    for (const auto& warning : journal.warnings) std::cerr << "revshare: warning: " << printable(warning) << "\n";
    if (*out == "-") {
        std::cout << journal.text << std::flush;
        if (!std::cout) throw Error("journal: the journal could not be written to standard output");
        return 0;
    }
    refuse_database_as_out(*out, options.db_path);
    write_journal_file(*out, journal.text);
    if (!options.quiet) {
        std::cout << "wrote " << printable(*out) << ": " << journal.transactions << " transactions of "
                  << journal.contracts.size() << (journal.contracts.size() == 1 ? " contract" : " contracts") << " ("
                  << reports::journal_format_name(*format) << ")\n";
    }
    return 0;
}

}  // namespace revshare::app
