#pragma once
// How an import of a seller feed reads as events (formats.md S4), said the same way by
// `import` and `imports`: `21 rows: 6 new, 1 newer (superseding import 1: 1), 0 older,
// 14 already known, 0 quarantined`.
#include "schema/database.hpp"
#include "schema/event_ledger.hpp"
#include "schema/import_store.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace revshare::app {

[[nodiscard]] std::string event_summary(std::int64_t rows_read, const schema::EventCounts& counts,
                                        std::int64_t quarantined);
// The stored import's, or "" for an import of another format.
[[nodiscard]] std::string stored_event_summary(schema::Database& db, const schema::ImportRecord& import);

// For a row of a seller delivery that repeated a known version (S4): `already known: this
// version was first delivered by import 1, line 5 (line id 12), the line that counts for it`.
// nullopt for any other row.
[[nodiscard]] std::optional<std::string> known_row_line(schema::Database& db, std::int64_t import_id,
                                                        std::int64_t source_line);

// `revshare events --import N`: one CSV row per delivered row of a seller import, what it did
// (formats.md S4): import_id, source_line, event_key, valid_from, update_date, outcome (new,
// newer, older, already known, quarantined), line_id (the line it stored or repeats), current
// (whether that line is its event's current line now), deleted, detail. Throws an Error for an
// import that is not a seller feed's.
[[nodiscard]] std::string event_rows_csv(schema::Database& db, std::int64_t import_id);
// The same, written to `path` atomically.
void write_event_rows_csv(schema::Database& db, std::int64_t import_id, const std::filesystem::path& path);

}  // namespace revshare::app
