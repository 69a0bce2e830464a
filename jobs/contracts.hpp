#pragma once
// Stored contract texts back to Contract values, and the append-only rule for versions.
#include "engine/rules/contract.hpp"
#include "schema/contract_store.hpp"

#include <string>

namespace revshare::app {

// Parses a stored text; stored texts were validated when added, so failure is an invariant
// failure (exit 3), e.g. after a change of the contract rules in a newer revshare.
[[nodiscard]] rules::Contract parse_stored_contract(const schema::StoredContract& stored);

// Refuses (throws Error, exit 2) a new text that changes or removes a version used by a closed
// period of the same contract: "add a version instead".
void check_closed_versions_unchanged(schema::Database& db, const rules::Contract& contract, const std::string& file_name);

// A contract file's text (`contract add`, `contract check`: `command` starts the messages). A
// FIFO or a device is refused at once (exit 2); a text over the contract limit reaches the
// parser, which names the limit.
[[nodiscard]] std::string read_contract_file(const std::string& path, const std::string& command = "contract add");

}  // namespace revshare::app
