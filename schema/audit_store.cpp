#include "schema/audit_store.hpp"

#include "engine/core/sha256.hpp"
#include "schema/chained_fields.hpp"

#include <SQLiteCpp/Statement.h>

#include <utility>

namespace revshare::schema {

namespace {

// The chain hash after the last entry, and the last entry's id (0 when there is none). The
// last entry's stored hash when it has one; else (entries written before migration 0010) the
// chain over every entry, from their fields.
std::pair<std::string, std::int64_t> chain_head(Database& db) {
    SQLite::Statement last(db.sql(), "SELECT entry_id, chain_sha256 FROM audit_log ORDER BY entry_id DESC LIMIT 1");
    if (!last.executeStep()) return {"", 0};
    if (!last.getColumn(1).isNull()) return {last.getColumn(1).getString(), last.getColumn(0).getInt64()};
    std::string chain;
    std::int64_t last_id = 0;
    for (const auto& entry : load_audit_entries(db)) {
        chain = audit_chain_sha256(chain, entry);
        last_id = entry.entry_id;
    }
    return {chain, last_id};
}

}  // namespace

std::string audit_chain_sha256(const std::string& previous, const AuditEntry& entry) {
    std::string text = "revshare audit entry v1;";
    append_chained_field(text, previous);
    append_chained_field(text, std::to_string(entry.entry_id));
    append_chained_field(text, entry.at);
    append_chained_field(text, entry.os_user);
    append_chained_field(text, entry.command);
    append_chained_field(text, entry.arguments);
    append_chained_field(text, std::to_string(entry.exit_code));
    append_chained_field(text, entry.summary);
    return Sha256::of(text);
}

void append_audit_entry(Database& db, const AuditEntry& entry) {
    const auto [previous, last_id] = chain_head(db);
    AuditEntry chained = entry;
    chained.entry_id = last_id + 1;
    chained.previous_sha256 = previous;
    chained.chain_sha256 = audit_chain_sha256(previous, chained);
    SQLite::Statement insert(db.sql(), "INSERT INTO audit_log (entry_id, at, os_user, command, arguments, exit_code, "
                                       "summary, previous_sha256, chain_sha256) VALUES (?,?,?,?,?,?,?,?,?)");
    insert.bind(1, chained.entry_id);
    insert.bind(2, chained.at);
    insert.bind(3, chained.os_user);
    insert.bind(4, chained.command);
    insert.bind(5, chained.arguments);
    insert.bind(6, chained.exit_code);
    insert.bind(7, chained.summary);
    insert.bind(8, chained.previous_sha256);
    insert.bind(9, chained.chain_sha256);
    insert.exec();
}

std::vector<AuditEntry> load_audit_entries(Database& db) {
    SQLite::Statement query(db.sql(), "SELECT entry_id, at, os_user, command, arguments, exit_code, summary, "
                                      "coalesce(previous_sha256, ''), coalesce(chain_sha256, '') "
                                      "FROM audit_log ORDER BY entry_id");
    std::vector<AuditEntry> entries;
    while (query.executeStep()) {
        entries.push_back(AuditEntry{query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                                     query.getColumn(2).getString(), query.getColumn(3).getString(),
                                     query.getColumn(4).getString(), query.getColumn(5).getInt64(),
                                     query.getColumn(6).getString(), query.getColumn(7).getString(),
                                     query.getColumn(8).getString()});
    }
    return entries;
}

std::optional<std::int64_t> load_first_hashed_entry_id(Database& db) {
    SQLite::Statement query(db.sql(), "SELECT first_hashed_entry_id FROM audit_chain_start");
    if (!query.executeStep()) return std::nullopt;
    const std::int64_t first = query.getColumn(0).getInt64();
    if (query.executeStep()) return std::nullopt;  // more than its one row: not what migration 0010 wrote
    return first;
}

std::string load_database_summary(Database& db) {
    // Lines as the imports count them (verify checks that each import's count is its lines):
    // a count(*) over `line` would read the whole table, every command, at every size.
    SQLite::Statement counts(db.sql(),
                             "SELECT (SELECT count(*) FROM import), (SELECT coalesce(sum(rows_imported), 0) FROM import), "
                             "(SELECT count(*) FROM fx_rate), (SELECT count(*) FROM contract_text), "
                             "(SELECT count(*) FROM settlement_run), (SELECT count(*) FROM period_close)");
    counts.executeStep();
    std::string text = "imports " + counts.getColumn(0).getString() + ", lines " + counts.getColumn(1).getString() +
                       ", fx rates " + counts.getColumn(2).getString() + ", contract texts " +
                       counts.getColumn(3).getString() + ", runs " + counts.getColumn(4).getString() + ", closed " +
                       counts.getColumn(5).getString();
    SQLite::Statement run(db.sql(), "SELECT run_id, contract_id, period, statement_sha256 FROM settlement_run "
                                    "ORDER BY run_id DESC LIMIT 1");
    if (run.executeStep()) {
        text += "; latest run " + run.getColumn(0).getString() + " " + run.getColumn(1).getString() + " " +
                run.getColumn(2).getString() + " statement " + run.getColumn(3).getString();
    }
    SQLite::Statement close(db.sql(), "SELECT contract_id, period, chain_sha256 FROM period_close "
                                      "ORDER BY closed_at DESC, period DESC LIMIT 1");
    if (close.executeStep()) {
        text += "; latest close " + close.getColumn(0).getString() + " " + close.getColumn(1).getString() + " chain " +
                close.getColumn(2).getString();
    }
    // Retirements and removals (migration 0018), when there are any: their count and chain head,
    // which verify holds contract_change to.
    SQLite::Statement change(db.sql(), "SELECT change_id, chain_sha256 FROM contract_change ORDER BY change_id DESC LIMIT 1");
    if (change.executeStep()) {
        text += "; contract changes " + change.getColumn(0).getString() + " chain " + change.getColumn(1).getString();
    }
    return text;
}

}  // namespace revshare::schema
