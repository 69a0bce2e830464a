#pragma once
// Contracts retired and removed (table contract_change, migration 0018): append-only rows,
// chained by hash, and the deletion `contract remove` makes (the only code that deletes a
// contract's texts and runs).
#include "engine/core/period.hpp"
#include "schema/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace revshare::schema {

enum class ContractChangeKind { retire, remove };
[[nodiscard]] const char* contract_change_kind_name(ContractChangeKind kind);

struct ContractChange {
    std::int64_t change_id = 0;
    std::string contract_id;
    ContractChangeKind kind = ContractChangeKind::retire;
    std::optional<Period> from_period;  // retire only: no month from it on is settled
    std::string changed_at;
    std::string detail;
    std::string previous_sha256;  // "" for the first row
    std::string chain_sha256;
};

// SHA-256 of `previous` and each field of `change` but the two hashes, length-prefixed.
[[nodiscard]] std::string contract_change_chain_sha256(const std::string& previous, const ContractChange& change);

// Appends `change` (its id and hashes are set here) after the last row. Call inside a write
// transaction. Returns the row as stored.
ContractChange append_contract_change(Database& db, const ContractChange& change);
// Every row by change_id. A row whose kind or from_period this version does not write is an
// Error (exit 3) naming it.
[[nodiscard]] std::vector<ContractChange> load_contract_changes(Database& db);
// The month from which the contract is retired: its latest retire row after its latest remove
// row; nullopt when it is not retired.
[[nodiscard]] std::optional<Period> load_retired_from(Database& db, const std::string& contract_id);

// What a remove deleted: the contract's texts (their SHA-256, oldest first) and its runs
// (their periods, every run, current or replaced, by run id).
struct DeletedContract {
    std::vector<std::string> text_sha256s;
    std::vector<std::string> run_periods;
};
// Deletes every text and run of the contract and the rows that hang off its runs (statement,
// net and journal rows, cap, year and revenue totals, imports read, adjusted periods). The
// caller has checked that no period of it is closed. Call inside a write transaction.
DeletedContract delete_contract(Database& db, const std::string& contract_id);

}  // namespace revshare::schema
