#include "schema/run_revenue_store.hpp"

#include "schema/stored_values.hpp"

#include <SQLiteCpp/Statement.h>

namespace revshare::schema {

void store_run_revenue(Database& db, std::int64_t run_id, const std::map<std::string, Decimal>& revenue_by_provider) {
    SQLite::Statement stored(db.sql(), "INSERT INTO run_revenue_stored (run_id) VALUES (?)");
    stored.bind(1, run_id);
    stored.exec();
    SQLite::Statement insert(db.sql(), "INSERT INTO run_provider_revenue (run_id, provider_name, revenue) VALUES (?,?,?)");
    for (const auto& [provider, revenue] : revenue_by_provider) {
        insert.reset();
        insert.bind(1, run_id);
        insert.bind(2, provider);
        insert.bind(3, revenue.to_string());
        insert.exec();
    }
}

std::optional<std::map<std::string, Decimal>> load_run_revenue(Database& db, std::int64_t run_id) {
    SQLite::Statement stored(db.sql(), "SELECT 1 FROM run_revenue_stored WHERE run_id = ?");
    stored.bind(1, run_id);
    if (!stored.executeStep()) return std::nullopt;
    SQLite::Statement query(db.sql(), "SELECT provider_name, revenue FROM run_provider_revenue WHERE run_id = ? "
                                      "ORDER BY provider_name");
    query.bind(1, run_id);
    std::map<std::string, Decimal> revenue;
    while (query.executeStep()) {
        revenue.emplace(query.getColumn(0).getString(),
                        stored_decimal(query.getColumn(1).getString(),
                                       "run_provider_revenue.revenue of run " + std::to_string(run_id)));
    }
    return revenue;
}

}  // namespace revshare::schema
