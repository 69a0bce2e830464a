// `revshare contract add FILE | list | show ID`.
#include "engine/core/diagnostic.hpp"
#include "jobs/clock.hpp"
#include "cli/commands.hpp"
#include "jobs/contracts.hpp"
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

int contract_add(const GlobalOptions& options, const std::string& path) {
    const std::string text = read_contract_file(path);
    const auto parsed = rules::parse_contract(text, path);
    if (!parsed.contract) {
        for (const auto& error : parsed.errors) std::cerr << error.render() << "\n";
        std::cerr << printable(path) << ": refused (" << parsed.errors.size() << (parsed.errors.size() == 1 ? " error" : " errors")
                  << "); nothing was stored\n";
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
        std::cout << printable(path) << ": stored contract " << contract.id << " (" << contract.versions.size() << " versions, sha256 "
                  << stored.sha256 << ")\n";
    }
    return 0;
}

int contract_list(const GlobalOptions& options) {
    schema::Database db(options.db_path);
    for (const auto& stored : schema::load_current_contracts(db)) {
        const rules::Contract contract = parse_stored_contract(stored);
        std::cout << contract.id << "  " << printable(contract.name) << "  " << contract.currency.code() << "  "
                  << contract.versions.size() << " versions  sha256 " << stored.sha256 << "  added " << stored.added_at
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

}  // namespace

int command_contract(const GlobalOptions& options, Arguments& arguments) {
    const auto words = arguments.positionals();
    if (words.size() == 2 && words[0] == "add") return contract_add(options, words[1]);
    if (words.size() == 1 && words[0] == "list") return contract_list(options);
    if (words.size() == 2 && words[0] == "show") return contract_show(options, words[1]);
    throw UsageError("usage: revshare contract add FILE | contract list | contract show ID");
}

}  // namespace revshare::app
