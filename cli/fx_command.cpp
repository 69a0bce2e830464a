// `revshare fx import [--format rows|ecb|wide] [--base CCY] FILE`: all or nothing.
#include "engine/core/currency.hpp"
#include "engine/core/diagnostic.hpp"
#include "cli/commands.hpp"
#include "importers/fx_file.hpp"
#include "schema/fx_store.hpp"

#include <iostream>
#include <optional>
#include <utility>

namespace revshare::app {

namespace {

constexpr const char* fx_usage = "usage: revshare fx import [--format rows|ecb|wide] [--base CCY] FILE";

// --format and --base: rows (the default) and ecb take no base; wide needs one.
std::pair<importers::FxFileFormat, std::string> fx_file_kind(const std::optional<std::string>& format_name,
                                                             const std::optional<std::string>& base) {
    const auto format = importers::fx_file_format_from_name(format_name.value_or("rows"));
    if (!format) {
        throw UsageError("fx import: unknown --format '" + printable(*format_name) + "' (rows, ecb or wide)");
    }
    if (*format == importers::FxFileFormat::wide) {
        if (!base) throw UsageError("fx import: --format wide needs --base CCY, the currency each rate is the price of");
        if (!Currency::from_code(*base)) {
            throw UsageError("fx import: --base '" + printable(*base) + "' is not an ISO 4217 currency code");
        }
        return {*format, *base};
    }
    if (base) {
        throw UsageError(*format == importers::FxFileFormat::ecb
                             ? "fx import: --base is for --format wide; the ECB's rates are all of 1 EUR"
                             : "fx import: --base is for --format wide; a rows file names each rate's base");
    }
    return {*format, ""};
}

}  // namespace

int command_fx(const GlobalOptions& options, Arguments& arguments) {
    const auto format_name = arguments.take_option("format");
    const auto base = arguments.take_option("base");
    const auto words = arguments.positionals();
    if (words.size() != 2 || words[0] != "import") throw UsageError(fx_usage);
    const auto [format, base_currency] = fx_file_kind(format_name, base);
    const std::string& path = words[1];
    const auto file = importers::read_fx_file(path, path, format, base_currency);
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
    std::cout << printable(path) << ": " << result.added << " rates added, " << result.already_stored << " already stored";
    if (format != importers::FxFileFormat::rows) {
        std::cout << ", " << file.cells_without_rate << " cells without a rate (N/A or empty)";
        std::int64_t unknown = 0;
        std::string codes;
        for (const auto& [code, count] : file.unknown_currencies) {
            unknown += count;
            codes += (codes.empty() ? "" : ", ") + code;
        }
        if (unknown > 0) std::cout << ", " << unknown << " rates not stored (currencies revshare does not know: " << codes << ")";
    }
    std::cout << "\n";
    return 0;
}

}  // namespace revshare::app
