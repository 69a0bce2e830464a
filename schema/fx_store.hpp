#pragma once
// FX rates in the database. A rate identical to a stored one is ignored; a different rate for
// a stored (date, base, quote) is a conflict: nothing is stored and the conflicts are returned.
#include "engine/core/fx_rate.hpp"
#include "schema/database.hpp"

#include <SQLiteCpp/Database.h>

#include <string>
#include <vector>

namespace revshare::schema {

struct FxConflict {
    FxRate stored;
    FxRate offered;
};

struct FxStoreResult {
    std::int64_t added = 0;
    std::int64_t already_stored = 0;
    std::vector<FxConflict> conflicts;  // non-empty: nothing was stored
};

// Runs in its own transaction.
[[nodiscard]] FxStoreResult store_fx_rates(Database& db, const std::vector<FxRate>& rates, const std::string& file_name);
[[nodiscard]] std::vector<FxRate> load_fx_rates(Database& db);
// The rates stored up to `rowid_high_water` (a run's fx_high_water): the table as it stood.
[[nodiscard]] std::vector<FxRate> load_fx_rates_up_to(Database& db, std::int64_t rowid_high_water);
// The largest fx_rate rowid (0 when empty): rates are only ever added, so it marks a state.
[[nodiscard]] std::int64_t load_fx_high_water(Database& db);
// The rates stored up to `rowid_high_water`, in the order they were stored (an evidence pack's
// fx.csv: the rates a run read are a prefix of it).
[[nodiscard]] std::vector<FxRate> load_fx_rates_in_stored_order(Database& db, std::int64_t rowid_high_water);

// The FX table's seals (migration 0012): store_fx_rates seals what it added, so a rate edited,
// deleted or added by hand is found. The seal through row N is SHA-256 over "revshare fx seal
// v1", then each row up to N in rowid order as "rowid,date,base,quote,rate" lines.
// One problem per seal the table no longer gives, and for rows stored after the last seal.
[[nodiscard]] std::vector<std::string> fx_seal_problems(Database& db);
// Seals every rate stored (a no-op when the last seal covers them). Call inside a transaction.
void seal_fx_rates(SQLite::Database& db);

}  // namespace revshare::schema
