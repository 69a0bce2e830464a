#include "schema/closed_periods.hpp"

#include "engine/core/error.hpp"

#include <SQLiteCpp/Statement.h>

namespace revshare::schema {

std::set<Period> load_closed_periods(Database& db, const std::string& contract_id) {
    SQLite::Statement query(db.sql(), "SELECT period FROM period_close WHERE contract_id = ?");
    query.bind(1, contract_id);
    std::set<Period> periods;
    while (query.executeStep()) {
        const std::string text = query.getColumn(0).getString();
        const auto period = Period::parse(text);
        if (!period) throw Error("internal invariant failed: period_close has period '" + text + "'", ExitCode::locked_or_invariant);
        periods.insert(*period);
    }
    return periods;
}

}  // namespace revshare::schema
