// `revshare contract add FILE | check FILE [--period YYYY-MM] | list | show ID`.
#include "cli/command_support.hpp"
#include "engine/core/diagnostic.hpp"
#include "jobs/clock.hpp"
#include "cli/commands.hpp"
#include "jobs/contract_check.hpp"
#include "jobs/contracts.hpp"
#include "jobs/settle_service.hpp"
#include "engine/core/limits.hpp"
#include "engine/core/sha256.hpp"
#include "engine/rules/contract_parse.hpp"
#include "schema/contract_store.hpp"
#include "schema/settlement_store.hpp"

#include <SQLiteCpp/Transaction.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace revshare::app {
namespace {

// Prints a refused file's diagnostics to stderr, each as the parser renders it; returns "N errors".
std::string print_errors(const rules::ParsedContract& parsed) {
    for (const auto& error : parsed.errors) std::cerr << error.render() << "\n";
    return std::to_string(parsed.errors.size()) + (parsed.errors.size() == 1 ? " error" : " errors");
}

int contract_add(const GlobalOptions& options, const std::string& path) {
    const std::string text = read_contract_file(path);
    const auto parsed = rules::parse_contract(text, path);
    if (!parsed.contract) {
        const std::string errors = print_errors(parsed);
        std::cerr << printable(path) << ": refused (" << errors << "); nothing was stored\n";
        return 2;
    }
    const rules::Contract& contract = *parsed.contract;
    schema::Database db(options.db_path);
    SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    check_closed_versions_unchanged(db, contract, path);
    schema::StoredContract stored;
    stored.contract_id = contract.id;
    stored.sha256 = Sha256::of(text);
    stored.text = text;
    stored.file_name = path;
    stored.added_at = utc_now_text();
    const auto result = schema::store_contract_text(db, stored);
    transaction.commit();
    if (!result.inserted) {
        std::cout << printable(path) << ": contract " << contract.id << " is already stored with this text (sha256 "
                  << stored.sha256 << "); nothing changed\n";
    } else {
        std::cout << printable(path) << ": stored contract " << contract.id << " (" << contract.versions.size() << (contract.versions.size() == 1 ? " version" : " versions") << ", sha256 "
                  << stored.sha256 << ")\n";
    }
    return 0;
}

int contract_list(const GlobalOptions& options) {
    schema::Database db(options.db_path);
    for (const auto& stored : schema::load_current_contracts(db)) {
        const rules::Contract contract = parse_stored_contract(stored);
        std::cout << contract.id << "  " << printable(contract.name) << "  " << contract.currency.code() << "  "
                  << contract.versions.size() << (contract.versions.size() == 1 ? " version" : " versions") << "  sha256 " << stored.sha256 << "  added " << stored.added_at
                  << "\n";
    }
    return 0;
}

int contract_show(const GlobalOptions& options, const std::string& id) {
    schema::Database db(options.db_path);
    const auto stored = schema::load_current_contract(db, id);
    if (!stored) throw Error("contract show: no contract '" + id + "' (see revshare contract list)");
    const rules::Contract contract = parse_stored_contract(*stored);
    std::cout << "# contract " << contract.id << ": " << printable(contract.name) << "\n# currency " << contract.currency.code()
              << ", cost column " << cost_column_name(contract.cost_column) << "\n# stored from " << stored->file_name
              << " on " << stored->added_at << ", sha256 " << stored->sha256 << "\n";
    for (const auto& version : contract.versions) {
        std::cout << "# version " << version.id << " from " << format_day(version.effective_from) << ": ";
        for (std::size_t i = 0; i < version.rules.size(); ++i) std::cout << (i ? ", " : "") << version.rules[i].id;
        std::cout << "\n";
    }
    std::cout << stored->text;
    return 0;
}

// The period settled in memory under the checked contract, then its match tables that match
// nothing: exit 1 when there is one (a person should look), 2 when FX rates are missing.
int contract_check_period(const GlobalOptions& options, const rules::Contract& contract, const Period& period) {
    schema::Database db(options.db_path);
    db.make_query_only();  // a check never writes
    SQLite::Transaction snapshot(db.sql());
    const ContractCheck check = check_contract_in_period(db, contract, period);
    if (!check.version_in_force) {
        const rules::Version& first = contract.versions.front();
        std::cout << "no version of " << contract.id << " is in force in " << period.to_string() << " (its first version, "
                  << first.id << ", takes effect on " << format_day(first.effective_from) << "): nothing to settle\n";
        return 0;
    }
    if (!check.statement_table.empty()) std::cout << "settled in memory, nothing stored:\n" << check.statement_table;
    for (const auto& table : check.unmatched_tables) std::cout << "warning: " << table << "\n";
    const std::string in = period.to_string();
    if (check.tables_checked == 0) {
        std::cout << "no rule is in force in " << in << ": no match table to try\n";
    } else if (check.unmatched_tables.empty() && check.tables_checked == 1) {
        std::cout << "the match table of the rule in force matches lines of " << in << "\n";
    } else if (check.unmatched_tables.empty()) {
        std::cout << "all " << check.tables_checked << " match tables of the rules in force match lines of " << in << "\n";
    }
    if (!check.missing_rates.empty()) {
        std::cerr << "revshare: error: contract check " << contract.id << " " << period.to_string()
                  << ": missing FX rates into the contract currency for: " << missing_rates_text(check.missing_rates)
                  << "\nhint: import them with revshare fx import FILE (a rate may be at most 7 days older than the line)\n";
        return 2;
    }
    return check.unmatched_tables.empty() ? 0 : 1;
}

int contract_check(const GlobalOptions& options, const std::string& path, const std::optional<Period>& period) {
    const auto parsed = rules::parse_contract(read_contract_file(path, "contract check"), path);
    if (!parsed.contract) {
        const std::string errors = print_errors(parsed);
        std::cerr << printable(path) << ": invalid (" << errors << ")\n";
        return 2;
    }
    const rules::Contract& contract = *parsed.contract;
    std::cout << printable(path) << ": valid: contract " << contract.id << ", " << contract.versions.size()
              << (contract.versions.size() == 1 ? " version" : " versions") << "\n";
    return period ? contract_check_period(options, contract, *period) : 0;
}

}  // namespace

int command_contract(const GlobalOptions& options, Arguments& arguments) {
    const auto period_text = arguments.take_option("period");
    const auto words = arguments.positionals();
    if (words.size() == 2 && words[0] == "check") {
        std::optional<Period> period;
        if (period_text) period = parse_period_option("contract check", *period_text);
        return contract_check(options, words[1], period);
    }
    if (period_text) throw UsageError("contract: --period goes with contract check FILE only");
    if (words.size() == 2 && words[0] == "add") return contract_add(options, words[1]);
    if (words.size() == 1 && words[0] == "list") return contract_list(options);
    if (words.size() == 2 && words[0] == "show") return contract_show(options, words[1]);
    throw UsageError("usage: revshare contract add FILE | contract check FILE [--period YYYY-MM] | contract list | "
                     "contract show ID");
}

}  // namespace revshare::app
