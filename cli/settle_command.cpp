// `revshare settle --period YYYY-MM [--contract ID]`.
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "jobs/contract_retirement.hpp"
#include "jobs/contracts.hpp"
#include "jobs/settle_service.hpp"
#include "schema/contract_store.hpp"

#include <iostream>

namespace revshare::app {

std::filesystem::path out_folder_option(const std::string& command, Arguments& arguments) {
    const std::filesystem::path out = arguments.take_required("out");
    std::filesystem::path prefix;
    for (const auto& part : out) {
        prefix /= part;
        std::error_code error;
        const auto status = std::filesystem::status(prefix, error);
        if (std::filesystem::exists(status) && !std::filesystem::is_directory(status)) {
            throw UsageError(command + ": --out " + out.string() + ": " + prefix.string() +
                             " is a file, not a folder; name a folder (it is created when missing)");
        }
        if (!std::filesystem::exists(status) && std::filesystem::is_symlink(std::filesystem::symlink_status(prefix, error))) {
            throw UsageError(command + ": --out " + out.string() + ": " + prefix.string() +
                             " is a link to nothing; name a folder (it is created when missing)");
        }
    }
    return out;
}

Period parse_period_option(const std::string& command, const std::string& text) {
    std::string why;
    const auto period = Period::parse(text, &why);
    if (!period) throw UsageError(command + ": --period '" + text + "': " + why);
    return *period;
}

int command_settle(const GlobalOptions& options, Arguments& arguments) {
    const Period period = parse_period_option("settle", arguments.take_required("period"));
    const auto contract_id = arguments.take_option("contract");
    const bool allow_empty = arguments.take_flag("allow-empty");
    (void)arguments.positionals();
    schema::Database db(options.db_path);
    int exit_code = 0;
    int settled = 0;
    int retired = 0;  // contracts left out: retired in the period
    for (const auto& stored : selected_contracts(db, contract_id, "settle")) {
        // Without --contract, a contract whose first version comes after the period is left out.
        if (!contract_id && !has_version_in_force(parse_stored_contract(stored), period)) continue;
        // Without --contract, a contract retired in the period is left out too (named, it is refused).
        if (!contract_id && is_retired_in(db, stored.contract_id, period)) {
            ++retired;
            continue;
        }
        ++settled;
        const ContractOutcome outcome = settle_contract_through(db, stored, SettleRequest{period, true, allow_empty});
        for (const auto& step : outcome.periods) {
            if (!step.missing_rates.empty()) {
                std::cerr << "revshare: error: settle " << outcome.contract_id << " " << step.period.to_string()
                          << ": missing FX rates into the contract currency for: " << missing_rates_text(step.missing_rates)
                          << "\nhint: import them with revshare fx import FILE (a rate may be at most 7 days older than "
                             "the line); nothing was stored for this period or later ones\n";
                exit_code = 2;
            } else if (step.settled) {
                std::cout << "settled " << outcome.contract_id << " " << step.period.to_string() << " (run "
                          << step.run_id << ")\n";
            }
        }
        if (outcome.interrupted) throw *outcome.interrupted;
    }
    if (settled == 0 && retired > 0) {
        throw Error("settle: every contract with a version in force in " + period.to_string() +
                    " is retired by then (revshare log names the retirements); nothing to settle");
    }
    if (settled == 0) throw Error("settle: no contract has a version in force in " + period.to_string() + "; nothing to settle");
    return exit_code;
}

}  // namespace revshare::app
