#include "schema/audit_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace revshare::schema {

void append_audit_entry(Database& db, const AuditEntry& entry) {
    SQLite::Statement insert(db.sql(), "INSERT INTO audit_log (at, os_user, command, arguments, exit_code, summary) "
                                       "VALUES (?,?,?,?,?,?)");
    insert.bind(1, entry.at);
    insert.bind(2, entry.os_user);
    insert.bind(3, entry.command);
    insert.bind(4, entry.arguments);
    insert.bind(5, entry.exit_code);
    insert.bind(6, entry.summary);
    insert.exec();
}

std::vector<AuditEntry> load_audit_entries(Database& db) {
    SQLite::Statement query(db.sql(), "SELECT entry_id, at, os_user, command, arguments, exit_code, summary "
                                      "FROM audit_log ORDER BY entry_id");
    std::vector<AuditEntry> entries;
    while (query.executeStep()) {
        entries.push_back(AuditEntry{query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                                     query.getColumn(2).getString(), query.getColumn(3).getString(),
                                     query.getColumn(4).getString(), query.getColumn(5).getInt64(),
                                     query.getColumn(6).getString()});
    }
    return entries;
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
    return text;
}

}  // namespace revshare::schema
