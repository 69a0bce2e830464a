// `revshare values COLUMN [--period YYYY-MM] [--limit N] [--csv]`: the distinct values of a text
// column of the current lines, with their line counts (jobs/column_values.hpp).
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "engine/core/diagnostic.hpp"
#include "jobs/column_values.hpp"

#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <iostream>

namespace revshare::app {
namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// The column a contract's `match` names so (the contract parser's names, case-sensitive).
TextColumn parse_column(const std::string& name) {
    if (const auto column = text_column_from_name(name)) return *column;
    std::string names;
    std::string meant;
    for (std::size_t i = 0; i < text_column_count; ++i) {
        const std::string_view known = text_column_name(static_cast<TextColumn>(i));
        names += (i == 0 ? "" : ", ") + std::string(known);
        if (same_ignoring_case(known, name)) meant = " (did you mean " + std::string(known) + "?)";
    }
    throw UsageError("values: unknown column '" + printable(name) + "'" + meant +
                     "; expected a text column of the normalised line: " + names);
}

std::size_t parse_limit(const std::string& text) {
    std::size_t limit = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), limit);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || limit == 0) {
        throw UsageError("values: --limit '" + printable(text) + "': expected a whole number of values, at least 1");
    }
    return limit;
}

}  // namespace

int command_values(const GlobalOptions& options, Arguments& arguments) {
    ValuesRequest request;
    if (const auto period = arguments.take_option("period")) request.period = parse_period_option("values", *period);
    if (const auto limit = arguments.take_option("limit")) request.limit = parse_limit(*limit);
    request.csv = arguments.take_flag("csv");
    const auto words = arguments.positionals();
    if (words.size() != 1) throw UsageError("usage: revshare values COLUMN [--period YYYY-MM] [--limit N] [--csv]");
    request.column = parse_column(words.front());
    schema::Database db(options.db_path);
    db.make_query_only();  // values never writes
    SQLite::Transaction snapshot(db.sql());
    std::cout << column_values_text(db, request);
    return 0;
}

}  // namespace revshare::app
