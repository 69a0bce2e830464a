#include "schema/contract_change_store.hpp"

#include "engine/core/error.hpp"
#include "engine/core/sha256.hpp"
#include "schema/chained_fields.hpp"

#include <SQLiteCpp/Statement.h>

namespace revshare::schema {
namespace {

ContractChange read_change(SQLite::Statement& query) {
    ContractChange change;
    change.change_id = query.getColumn(0).getInt64();
    change.contract_id = query.getColumn(1).getString();
    const std::string kind = query.getColumn(2).getString();
    const std::string where = "contract_change row " + std::to_string(change.change_id);
    if (kind != "retire" && kind != "remove") {
        throw Error("internal invariant failed: " + where + " has kind '" + kind + "' (retire or remove)",
                    ExitCode::locked_or_invariant);
    }
    change.kind = kind == "retire" ? ContractChangeKind::retire : ContractChangeKind::remove;
    if (!query.getColumn(3).isNull()) {
        const std::string text = query.getColumn(3).getString();
        change.from_period = Period::parse(text);
        if (!change.from_period) {
            throw Error("internal invariant failed: " + where + " has from_period '" + text + "', not a month YYYY-MM",
                        ExitCode::locked_or_invariant);
        }
    }
    change.changed_at = query.getColumn(4).getString();
    change.detail = query.getColumn(5).getString();
    change.previous_sha256 = query.getColumn(6).getString();
    change.chain_sha256 = query.getColumn(7).getString();
    return change;
}

std::vector<std::string> strings_of(Database& db, const char* sql, const std::string& contract_id) {
    SQLite::Statement query(db.sql(), sql);
    query.bind(1, contract_id);
    std::vector<std::string> values;
    while (query.executeStep()) values.push_back(query.getColumn(0).getString());
    return values;
}

}  // namespace

const char* contract_change_kind_name(ContractChangeKind kind) {
    return kind == ContractChangeKind::retire ? "retire" : "remove";
}

std::string contract_change_chain_sha256(const std::string& previous, const ContractChange& change) {
    std::string text = "revshare contract change v1;";
    append_chained_field(text, previous);
    append_chained_field(text, std::to_string(change.change_id));
    append_chained_field(text, change.contract_id);
    append_chained_field(text, contract_change_kind_name(change.kind));
    append_chained_field(text, change.from_period ? change.from_period->to_string() : std::string());
    append_chained_field(text, change.changed_at);
    append_chained_field(text, change.detail);
    return Sha256::of(text);
}

ContractChange append_contract_change(Database& db, const ContractChange& change) {
    SQLite::Statement last(db.sql(), "SELECT change_id, chain_sha256 FROM contract_change ORDER BY change_id DESC LIMIT 1");
    ContractChange stored = change;
    stored.change_id = 1;
    stored.previous_sha256.clear();
    if (last.executeStep()) {
        stored.change_id = last.getColumn(0).getInt64() + 1;
        stored.previous_sha256 = last.getColumn(1).getString();
    }
    stored.chain_sha256 = contract_change_chain_sha256(stored.previous_sha256, stored);
    SQLite::Statement insert(db.sql(), "INSERT INTO contract_change (change_id, contract_id, kind, from_period, changed_at, "
                                       "detail, previous_sha256, chain_sha256) VALUES (?,?,?,?,?,?,?,?)");
    insert.bind(1, stored.change_id);
    insert.bind(2, stored.contract_id);
    insert.bind(3, contract_change_kind_name(stored.kind));
    if (stored.from_period) insert.bind(4, stored.from_period->to_string());
    insert.bind(5, stored.changed_at);
    insert.bind(6, stored.detail);
    insert.bind(7, stored.previous_sha256);
    insert.bind(8, stored.chain_sha256);
    insert.exec();
    return stored;
}

std::vector<ContractChange> load_contract_changes(Database& db) {
    SQLite::Statement query(db.sql(), "SELECT change_id, contract_id, kind, from_period, changed_at, detail, "
                                      "previous_sha256, chain_sha256 FROM contract_change ORDER BY change_id");
    std::vector<ContractChange> changes;
    while (query.executeStep()) changes.push_back(read_change(query));
    return changes;
}

std::optional<Period> load_retired_from(Database& db, const std::string& contract_id) {
    SQLite::Statement query(db.sql(), "SELECT change_id, contract_id, kind, from_period, changed_at, detail, previous_sha256, "
                                      "chain_sha256 FROM contract_change WHERE contract_id = ? ORDER BY change_id DESC LIMIT 1");
    query.bind(1, contract_id);
    if (!query.executeStep()) return std::nullopt;
    const ContractChange latest = read_change(query);
    // Retirements only move earlier, so the latest retire row is the one in force.
    return latest.kind == ContractChangeKind::retire ? latest.from_period : std::nullopt;
}

DeletedContract delete_contract(Database& db, const std::string& contract_id) {
    DeletedContract deleted;
    deleted.text_sha256s = strings_of(db, "SELECT sha256 FROM contract_text WHERE contract_id = ? ORDER BY contract_text_id",
                                      contract_id);
    deleted.run_periods = strings_of(db, "SELECT period FROM settlement_run WHERE contract_id = ? ORDER BY run_id", contract_id);
    static constexpr const char* run_children[] = {
        "DELETE FROM statement_row WHERE run_id IN (SELECT run_id FROM settlement_run WHERE contract_id = ?1)",
        "DELETE FROM net_row WHERE run_id IN (SELECT run_id FROM settlement_run WHERE contract_id = ?1)",
        "DELETE FROM journal_entry WHERE run_id IN (SELECT run_id FROM settlement_run WHERE contract_id = ?1)",
        "DELETE FROM run_cap_total WHERE run_id IN (SELECT run_id FROM settlement_run WHERE contract_id = ?1)",
        "DELETE FROM run_cap_before WHERE run_id IN (SELECT run_id FROM settlement_run WHERE contract_id = ?1)",
        "DELETE FROM run_carried_before WHERE run_id IN (SELECT run_id FROM settlement_run WHERE contract_id = ?1)",
        "DELETE FROM run_import WHERE run_id IN (SELECT run_id FROM settlement_run WHERE contract_id = ?1)",
        "DELETE FROM run_adjusted_period WHERE run_id IN (SELECT run_id FROM settlement_run WHERE contract_id = ?1)",
        "DELETE FROM run_provider_revenue WHERE run_id IN (SELECT run_id FROM settlement_run WHERE contract_id = ?1)",
        "DELETE FROM run_revenue_stored WHERE run_id IN (SELECT run_id FROM settlement_run WHERE contract_id = ?1)",
        "DELETE FROM settlement_run WHERE contract_id = ?1",
        "DELETE FROM contract_text WHERE contract_id = ?1",
    };
    for (const char* sql : run_children) {
        SQLite::Statement statement(db.sql(), sql);
        statement.bind(1, contract_id);
        statement.exec();
    }
    return deleted;
}

}  // namespace revshare::schema
