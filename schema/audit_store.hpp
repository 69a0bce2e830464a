#pragma once
// The audit log (table audit_log, append-only: triggers refuse UPDATE and DELETE).
#include "schema/database.hpp"

#include <cstdint>
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
};

void append_audit_entry(Database& db, const AuditEntry& entry);
[[nodiscard]] std::vector<AuditEntry> load_audit_entries(Database& db);
// The database state in one line: counts, then the latest run's and close's hashes.
[[nodiscard]] std::string load_database_summary(Database& db);

}  // namespace revshare::schema
