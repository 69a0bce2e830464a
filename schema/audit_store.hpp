#pragma once
// The audit log (table audit_log, append-only: triggers refuse UPDATE and DELETE).
#include "schema/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace revshare::schema {

struct AuditEntry {
    std::int64_t entry_id = 0;
    std::string at;
    std::string os_user;
    std::string command;
    std::string arguments;
    std::int64_t exit_code = 0;
    std::string summary;
    // The chain (migration 0010): empty for an entry written before it.
    std::string previous_sha256;
    std::string chain_sha256;
};

// The chain hash of `entry` after entries whose chain hash is `previous` ("" before the first):
// SHA-256 of `previous` and each field but the two hashes, each field length-prefixed so that no
// two entries hash alike.
[[nodiscard]] std::string audit_chain_sha256(const std::string& previous, const AuditEntry& entry);

// Appends `entry` (its id, previous_sha256 and chain_sha256 are set here) as the next link of
// the chain. Call inside a write transaction.
void append_audit_entry(Database& db, const AuditEntry& entry);
[[nodiscard]] std::vector<AuditEntry> load_audit_entries(Database& db);
// The first entry written with its hashes (audit_chain_start, migration 0010), or nullopt when
// that row is missing (verify names it).
[[nodiscard]] std::optional<std::int64_t> load_first_hashed_entry_id(Database& db);
// The database state in one line: counts, then the latest run's and close's hashes.
[[nodiscard]] std::string load_database_summary(Database& db);

}  // namespace revshare::schema
