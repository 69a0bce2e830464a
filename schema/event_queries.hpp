#pragma once
// What the seller feeds' event tables say (formats.md S4), read back: an import's outcomes for
// `imports`, the line an already-known row repeats for `show-line`, and the checks `verify`
// makes of supersession per event.
#include "schema/database.hpp"
#include "schema/event_ledger.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace revshare::schema {

// An import's rows as events, as stored.
[[nodiscard]] EventCounts load_event_outcomes(Database& db, std::int64_t import_id);

// The rows of `import_id` that repeated a known version: (source line, the line they repeat).
[[nodiscard]] std::vector<std::pair<std::int64_t, std::int64_t>> load_known_rows(Database& db, std::int64_t import_id);
// The line that the already-known row `source_line` of `import_id` repeats (nullopt: none).
[[nodiscard]] std::optional<std::int64_t> load_known_row(Database& db, std::int64_t import_id, std::int64_t source_line);

// What each delivered row of a seller import did, in source line order (`revshare events`).
struct EventRow {
    std::int64_t source_line = 0;
    std::string event_key;          // empty for a quarantined row (its bytes are in the quarantine)
    std::optional<std::int64_t> valid_from;   // AWS versions
    std::optional<std::int64_t> update_date;
    std::string outcome;            // new, newer, older, already known, quarantined
    std::optional<std::int64_t> line_id;      // the line it stored, or the line it repeats
    bool current = false;           // that line is its event's current line now
    bool deleted = false;           // a deleted version
    std::string detail;             // a quarantined row's code; a repeat's first delivery (import and line)
};
[[nodiscard]] std::vector<EventRow> load_event_rows(Database& db, std::int64_t import_id);

// The event version each row of a seller import stored or repeated, by source line: what
// `verify --deep` compares with the row read again from the archived delivery.
struct StoredEventVersion {
    std::int64_t source_line = 0;
    std::int64_t line_id = 0;  // the line stored, or the one repeated
    std::string event_key;
    std::optional<std::int64_t> valid_from;
    std::optional<std::int64_t> update_date;
    bool deleted = false;
    std::string content;
    bool repeat = false;  // an already-known row
};
[[nodiscard]] std::vector<StoredEventVersion> load_event_versions_of_import(Database& db, std::int64_t import_id);

// What is wrong with the stored supersession per event, each naming the event and the line:
// an event with two current lines, a line current (or not) against the rule of S4 recomputed
// from its versions and imports, an event_line row of no seller import or whose line is of
// another import, a known row pointing at no line of its event. Empty when all holds.
[[nodiscard]] std::vector<std::string> event_problems(Database& db, std::size_t limit);

}  // namespace revshare::schema
