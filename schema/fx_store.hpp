#pragma once
// FX rates in the database. A rate identical to a stored one is ignored; a different rate for
// a stored (date, base, quote) is a conflict: nothing is stored and the conflicts are returned.
#include "engine/core/fx_rate.hpp"
#include "schema/database.hpp"

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

}  // namespace revshare::schema
