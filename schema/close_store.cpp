#include "schema/close_store.hpp"

#include "schema/stored_values.hpp"
#include "engine/core/sha256.hpp"

#include <SQLiteCpp/Statement.h>

namespace revshare::schema {
namespace {

constexpr const char* close_columns =
    "SELECT contract_id, period, run_id, statement_sha256, import_high_water, contract_sha256, "
    "previous_chain_sha256, chain_sha256, closed_at FROM period_close";

PeriodClose read_close(SQLite::Statement& query) {
    const std::string contract_id = query.getColumn(0).getString();
    const Period period = stored_period(query.getColumn(1).getString(), "period_close.period of " + contract_id);
    return PeriodClose{.contract_id = contract_id,
                       .period = period,
                       .run_id = query.getColumn(2).getInt64(),
                       .statement_sha256 = query.getColumn(3).getString(),
                       .import_high_water = query.getColumn(4).getInt64(),
                       .contract_sha256 = query.getColumn(5).getString(),
                       .previous_chain_sha256 = query.getColumn(6).getString(),
                       .chain_sha256 = query.getColumn(7).getString(),
                       .closed_at = query.getColumn(8).getString()};
}

}  // namespace

std::vector<PeriodClose> load_period_closes(Database& db, const std::string& contract_id) {
    SQLite::Statement query(db.sql(), std::string(close_columns) +
                                          " WHERE ?1 = '' OR contract_id = ?1 ORDER BY contract_id, period");
    query.bind(1, contract_id);
    std::vector<PeriodClose> closes;
    while (query.executeStep()) closes.push_back(read_close(query));
    return closes;
}

std::optional<PeriodClose> load_period_close(Database& db, const std::string& contract_id, const Period& period) {
    SQLite::Statement query(db.sql(), std::string(close_columns) + " WHERE contract_id = ? AND period = ?");
    query.bind(1, contract_id);
    query.bind(2, period.to_string());
    if (!query.executeStep()) return std::nullopt;
    return read_close(query);
}

std::vector<Period> load_never_settled_periods_adjusted_by_closes(Database& db, const std::string& contract_id) {
    SQLite::Statement query(db.sql(), "SELECT DISTINCT a.for_period FROM run_adjusted_period a JOIN period_close c ON "
                                      "c.run_id = a.run_id WHERE c.contract_id = ? AND a.closed_run_id IS NULL ORDER BY 1");
    query.bind(1, contract_id);
    std::vector<Period> periods;
    while (query.executeStep()) periods.push_back(stored_period(query.getColumn(0).getString(), "run_adjusted_period.for_period"));
    return periods;
}

std::string compute_chain_sha256(const PeriodClose& close) {
    return Sha256::of(close.previous_chain_sha256 + "\n" + close.contract_id + "\n" + close.period.to_string() + "\n" +
                      close.statement_sha256 + "\n" + std::to_string(close.import_high_water) + "\n" +
                      close.contract_sha256);
}

void store_period_close(Database& db, const PeriodClose& close) {
    SQLite::Statement insert(db.sql(),
                             "INSERT INTO period_close (contract_id, period, run_id, statement_sha256, import_high_water, "
                             "contract_sha256, previous_chain_sha256, chain_sha256, closed_at) VALUES (?,?,?,?,?,?,?,?,?)");
    insert.bind(1, close.contract_id);
    insert.bind(2, close.period.to_string());
    insert.bind(3, close.run_id);
    insert.bind(4, close.statement_sha256);
    insert.bind(5, close.import_high_water);
    insert.bind(6, close.contract_sha256);
    insert.bind(7, close.previous_chain_sha256);
    insert.bind(8, close.chain_sha256);
    insert.bind(9, close.closed_at);
    insert.exec();
}

std::string close_record_text(const PeriodClose& close) {
    return "revshare close record v1\ncontract_id " + close.contract_id + "\nperiod " + close.period.to_string() +
           "\nrun_id " + std::to_string(close.run_id) + "\nstatement_sha256 " + close.statement_sha256 +
           "\nimport_high_water " + std::to_string(close.import_high_water) + "\ncontract_sha256 " +
           close.contract_sha256 + "\nprevious_chain_sha256 " + close.previous_chain_sha256 + "\nchain_sha256 " +
           close.chain_sha256 + "\nclosed_at " + close.closed_at + "\n";
}

std::vector<CloseSignature> load_close_signatures(Database& db) {
    SQLite::Statement query(db.sql(), "SELECT contract_id, period, public_key_sha256, signature_hex FROM close_signature "
                                      "ORDER BY contract_id, period");
    std::vector<CloseSignature> signatures;
    while (query.executeStep()) {
        signatures.push_back(CloseSignature{.contract_id = query.getColumn(0).getString(),
                                            .period = query.getColumn(1).getString(),
                                            .public_key_sha256 = query.getColumn(2).getString(),
                                            .signature_hex = query.getColumn(3).getString()});
    }
    return signatures;
}

void store_close_signature(Database& db, const CloseSignature& signature) {
    SQLite::Statement insert(db.sql(), "INSERT INTO close_signature (contract_id, period, public_key_sha256, signature_hex) "
                                       "VALUES (?,?,?,?)");
    insert.bind(1, signature.contract_id);
    insert.bind(2, signature.period);
    insert.bind(3, signature.public_key_sha256);
    insert.bind(4, signature.signature_hex);
    insert.exec();
}

}  // namespace revshare::schema
