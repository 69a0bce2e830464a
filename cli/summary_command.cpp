// `revshare summary --year YYYY [--contract ID] --out DIR`: the contract year's statements as
// one table of periods x rules and the nets, per period, quarter and year
// (jobs/year_reports.hpp), written to DIR/<contract>/summary-YYYY.csv.
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "engine/core/diagnostic.hpp"
#include "engine/core/limits.hpp"
#include "jobs/year_reports.hpp"

#include <iostream>

namespace revshare::app {
namespace {

int parse_year(const std::string& text) {
    const bool digits = text.size() == 4 && text.find_first_not_of("0123456789") == std::string::npos;
    const int year = digits ? std::stoi(text) : 0;
    if (!digits || year < limits::year_min || year >= limits::year_max) {
        throw UsageError("summary: --year expects a year YYYY from " + std::to_string(limits::year_min) + " to " +
                         std::to_string(limits::year_max - 1) + ", got '" + printable(text) + "'");
    }
    return year;
}

}  // namespace

int command_summary(const GlobalOptions& options, Arguments& arguments) {
    const int year = parse_year(arguments.take_required("year"));
    const auto contract_id = arguments.take_option("contract");
    const std::filesystem::path out_dir = out_folder_option("summary", arguments);
    if (const auto extra = arguments.positionals(); !extra.empty()) {
        throw UsageError("summary: unexpected argument '" + printable(extra.front()) + "'");
    }
    schema::Database db(options.db_path);
    const auto written = write_year_summaries(db, YearSummaryRequest{year, contract_id, out_dir});
    if (options.quiet) return 0;
    for (const auto& summary : written) {
        std::cout << "wrote " << printable(summary.file.string()) << ": " << summary.contract_id << " " << summary.span
                  << ", " << summary.settled << " of 12 periods settled"
                  << (summary.missing.empty() ? "" : "; missing " + summary.missing) << "\n";
    }
    return 0;
}

}  // namespace revshare::app
