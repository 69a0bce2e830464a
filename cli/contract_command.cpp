// `revshare contract add FILE | check FILE [--period YYYY-MM] | list | show ID | retire ID
// [--from YYYY-MM] | remove ID`.
#include "cli/command_support.hpp"
#include "engine/core/diagnostic.hpp"
#include "jobs/clock.hpp"
#include "cli/commands.hpp"
#include "jobs/contract_check.hpp"
#include "jobs/contract_retirement.hpp"
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
                  << contract.versions.size() << (contract.versions.size() == 1 ? " version" : " versions") << "  sha256 " << stored.sha256 << "  added " << stored.added_at;
        if (const auto retired = contract_retired_from(db, contract.id)) std::cout << "  retired from " << retired->to_string();
        std::cout << "\n";
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
    if (const auto retired = contract_retired_from(db, id)) {
        std::cout << "# retired from " << retired->to_string() << ": no month from then on is settled or closed\n";
    }
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

std::string periods_text(const std::vector<Period>& periods) {
    std::string text;
    for (const auto& period : periods) text += (text.empty() ? "" : ", ") + period.to_string();
    return text;
}

int contract_retire(const GlobalOptions& options, const std::string& id, const std::optional<std::string>& from_text) {
    std::optional<Period> from;
    if (from_text) {
        std::string why;
        from = Period::parse(*from_text, &why);
        if (!from) throw UsageError("contract retire: --from '" + printable(*from_text) + "': " + why);
    }
    schema::Database db(options.db_path);
    const RetireOutcome outcome = retire_contract(db, id, from);
    const std::string month = outcome.from.to_string();
    if (!outcome.stored) {
        std::cout << "contract " << id << " is already retired from " << month << "; nothing changed\n";
        return 0;
    }
    std::cout << "retired contract " << id << " from " << month
              << (outcome.earlier_from ? " (it was retired from " + outcome.earlier_from->to_string() + ")" : std::string())
              << ": no month from then on is settled or closed; its closed periods stay as they were\n";
    if (!outcome.draft_periods.empty()) {
        const bool one = outcome.draft_periods.size() == 1;
        std::cout << "note: its open run" << (one ? " of " : "s of ") << periods_text(outcome.draft_periods)
                  << (one ? " stays a draft, as it was" : " stay drafts, as they were") << ": never settled again, never closed\n";
    }
    return 0;
}

int contract_remove(const GlobalOptions& options, const std::string& id) {
    schema::Database db(options.db_path);
    const RemoveOutcome outcome = remove_contract(db, id);
    std::string texts;
    for (const auto& sha : outcome.text_sha256s) texts += (texts.empty() ? "" : ", ") + sha;
    std::cout << "removed contract " << id << ": deleted " << outcome.text_sha256s.size()
              << (outcome.text_sha256s.size() == 1 ? " contract text" : " contract texts") << " (sha256 " << texts << ") and "
              << outcome.run_periods.size() << (outcome.run_periods.size() == 1 ? " run" : " runs") << "\n";
    return 0;
}

}  // namespace

int command_contract(const GlobalOptions& options, Arguments& arguments) {
    const auto period_text = arguments.take_option("period");
    const auto from_text = arguments.take_option("from");
    const auto words = arguments.positionals();
    if (from_text && !(words.size() == 2 && words[0] == "retire")) {
        throw UsageError("contract: --from goes with contract retire ID only");
    }
    if (words.size() == 2 && words[0] == "check") {
        std::optional<Period> period;
        if (period_text) period = parse_period_option("contract check", *period_text);
        return contract_check(options, words[1], period);
    }
    if (period_text) throw UsageError("contract: --period goes with contract check FILE only");
    if (words.size() == 2 && words[0] == "add") return contract_add(options, words[1]);
    if (words.size() == 1 && words[0] == "list") return contract_list(options);
    if (words.size() == 2 && words[0] == "show") return contract_show(options, words[1]);
    if (words.size() == 2 && words[0] == "retire") return contract_retire(options, words[1], from_text);
    if (words.size() == 2 && words[0] == "remove") return contract_remove(options, words[1]);
    throw UsageError("usage: revshare contract add FILE | contract check FILE [--period YYYY-MM] | contract list | "
                     "contract show ID | contract retire ID [--from YYYY-MM] | contract remove ID");
}

}  // namespace revshare::app
