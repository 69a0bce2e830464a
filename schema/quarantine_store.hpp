#pragma once
// The quarantined rows (table quarantine) as `revshare quarantine` lists them and `nightly`
// counts them: each with its import, and whether it is still unresolved.
//
// A quarantined row is resolved when every scope its import delivered (provider, billing
// account, billing period) was delivered again by a later import: the cloud's restatement
// replaced the whole delivery the row came from, so the row no longer stands for anything
// missing (had it been read again and failed again, the later import holds it as a row of its
// own). Otherwise it is unresolved: an import with no scope (every row quarantined) and a seller
// feed's import (its scopes are never superseded, formats.md S4) stay unresolved.
#include "schema/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace revshare::schema {

struct QuarantineFilter {
    std::optional<std::int64_t> import_id;
    std::optional<std::string> imported_since;  // YYYY-MM-DD: imports made on that UTC day or later
};

struct QuarantinedRow {
    std::int64_t import_id = 0;
    std::string delivery;  // the import's delivery_name()
    std::string format;
    std::string imported_at;
    std::int64_t source_line = 0;
    std::int64_t column_number = 0;  // 0 when the whole row is at fault
    std::string field;
    std::string code;
    std::string reason;
    std::string raw;  // the bytes delivered, exactly
    // Resolved: the last of the later imports that delivered the import's scopes again.
    std::optional<std::int64_t> restated_by;
};

// The rows the filter selects, by import, source line and column.
[[nodiscard]] std::vector<QuarantinedRow> load_quarantined_rows(Database& db, const QuarantineFilter& filter);
// Every import's quarantined rows that are unresolved (the rule above).
[[nodiscard]] std::int64_t count_unresolved_quarantined_rows(Database& db);

}  // namespace revshare::schema
