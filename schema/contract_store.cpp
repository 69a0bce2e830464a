#include "schema/contract_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace revshare::schema {
namespace {

constexpr const char* columns = "contract_text_id, contract_id, sha256, text, file_name, added_at";

StoredContract read_contract(SQLite::Statement& query) {
    StoredContract contract;
    contract.contract_text_id = query.getColumn(0).getInt64();
    contract.contract_id = query.getColumn(1).getString();
    contract.sha256 = query.getColumn(2).getString();
    contract.text = query.getColumn(3).getString();
    contract.file_name = query.getColumn(4).getString();
    contract.added_at = query.getColumn(5).getString();
    return contract;
}

}  // namespace

std::optional<StoredContract> load_current_contract(Database& db, const std::string& contract_id) {
    SQLite::Statement query(db.sql(), std::string("SELECT ") + columns +
                                          " FROM contract_text WHERE contract_id = ? ORDER BY contract_text_id DESC LIMIT 1");
    query.bind(1, contract_id);
    if (!query.executeStep()) return std::nullopt;
    return read_contract(query);
}

std::optional<StoredContract> load_contract_text(Database& db, std::int64_t contract_text_id) {
    SQLite::Statement query(db.sql(), std::string("SELECT ") + columns + " FROM contract_text WHERE contract_text_id = ?");
    query.bind(1, contract_text_id);
    if (!query.executeStep()) return std::nullopt;
    return read_contract(query);
}

std::vector<StoredContract> load_current_contracts(Database& db) {
    SQLite::Statement query(db.sql(), std::string("SELECT ") + columns +
                                          " FROM contract_text c WHERE contract_text_id = (SELECT max(contract_text_id) "
                                          "FROM contract_text WHERE contract_id = c.contract_id) ORDER BY contract_id");
    std::vector<StoredContract> contracts;
    while (query.executeStep()) contracts.push_back(read_contract(query));
    return contracts;
}

StoreContractResult store_contract_text(Database& db, const StoredContract& contract) {
    const auto current = load_current_contract(db, contract.contract_id);
    if (current && current->sha256 == contract.sha256) return {current->contract_text_id, false};
    SQLite::Statement insert(db.sql(), "INSERT INTO contract_text (contract_id, sha256, text, file_name, added_at) "
                                       "VALUES (?,?,?,?,?)");
    insert.bind(1, contract.contract_id);
    insert.bind(2, contract.sha256);
    insert.bind(3, contract.text);
    insert.bind(4, contract.file_name);
    insert.bind(5, contract.added_at);
    insert.exec();
    return {db.sql().getLastInsertRowid(), true};
}

}  // namespace revshare::schema
