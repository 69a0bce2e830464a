#pragma once
// Contract texts in the database: exact text and SHA-256, newest text per id in force.
#include "schema/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace revshare::schema {

struct StoredContract {
    std::int64_t contract_text_id = 0;
    std::string contract_id;
    std::string sha256;
    std::string text;
    std::string file_name;
    std::string added_at;
};

// The text in force (the newest) for `contract_id`.
[[nodiscard]] std::optional<StoredContract> load_current_contract(Database& db, const std::string& contract_id);
[[nodiscard]] std::optional<StoredContract> load_contract_text(Database& db, std::int64_t contract_text_id);
// Every contract id with its text in force, sorted by id.
[[nodiscard]] std::vector<StoredContract> load_current_contracts(Database& db);
// Makes the text (validated by the caller) the one in force. A text identical to the one in
// force is not stored again (its id is returned with `inserted` false).
struct StoreContractResult {
    std::int64_t contract_text_id = 0;
    bool inserted = false;
};
[[nodiscard]] StoreContractResult store_contract_text(Database& db, const StoredContract& contract);

}  // namespace revshare::schema
