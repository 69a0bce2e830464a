// `revshare fx import FILE`: all or nothing.
#include "engine/core/diagnostic.hpp"
#include "cli/commands.hpp"
#include "importers/fx_file.hpp"
#include "schema/fx_store.hpp"

#include <iostream>

namespace revshare::app {

int command_fx(const GlobalOptions& options, Arguments& arguments) {
    const auto words = arguments.positionals();
    if (words.size() != 2 || words[0] != "import") throw UsageError("usage: revshare fx import FILE");
    const std::string& path = words[1];
    const auto file = importers::read_fx_file(path, path);
    if (!file.errors.empty()) {
        for (const auto& error : file.errors) std::cerr << error.render() << "\n";
        std::cerr << printable(path) << ": refused (" << file.errors.size() << " errors); no rate was stored\n";
        return 2;
    }
    schema::Database db(options.db_path);
    const auto result = schema::store_fx_rates(db, file.rates, path);
    if (!result.conflicts.empty()) {
        for (const auto& conflict : result.conflicts) {
            std::cerr << printable(path) << ": error[fx-conflict]: " << conflict.offered.base << "/" << conflict.offered.quote
                      << " on " << format_day(conflict.offered.date) << " is stored as "
                      << conflict.stored.rate.to_string() << ", the file says " << conflict.offered.rate.to_string()
                      << "\n";
        }
        std::cerr << printable(path) << ": refused: a stored rate never changes; no rate was stored\n";
        return 2;
    }
    std::cout << printable(path) << ": " << result.added << " rates added, " << result.already_stored << " already stored\n";
    return 0;
}

}  // namespace revshare::app
