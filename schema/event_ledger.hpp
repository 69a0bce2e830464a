#pragma once
// The events a seller-feed import delivers (formats.md, "Seller-side marketplace feeds", S4):
// which rows store a line (a new event, a newer or an older version), which repeat what is
// known (no line), which conflict with what is known (quarantined), and, once the file is
// read, which event's line is current. Used by ImportWriter, in the import's transaction.
//
// Rows are decided in file order as they arrive. A version delivered twice in one file with
// different contents is found only at its second row: the rows of that version in the file
// are then all quarantined (S5), the ones already stored taken back at resolve(). So labels
// (new, newer, older) and supersession are computed at resolve(), over what stands.
#include "engine/core/usage_record.hpp"
#include "schema/database.hpp"

#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace revshare::schema {

// What "repeats what is known" compares (S4), as event_line.content stores it: AWS, the action,
// transaction type, currency and amount as delivered (canonical number); Microsoft, a digest of
// the whole normalised line (costs as numbers, dates as instants).
[[nodiscard]] std::string event_content(const UsageRecord& line, bool aws);

// What a row does, decided as it arrives.
struct EventRowDecision {
    enum class Kind { store, already_known, conflicting };
    Kind kind = Kind::store;
};

// A row quarantined as conflicting-version: its delivered bytes are read back from the archive
// (the ledger never holds them), and `field` names the column that differs.
struct EventConflict {
    std::int64_t source_line = 0;
    std::int64_t line_id = 0;  // the line it had stored, taken back (0: it stored none)
    std::string field;
    std::string message;
};

// What an import's rows did as events (S4): lines stored by outcome, deletions among the newer
// versions, rows that repeated a known version, and the imports whose lines its versions
// superseded (import id -> lines).
struct EventCounts {
    std::int64_t new_events = 0;
    std::int64_t newer_versions = 0;
    std::int64_t deletions = 0;
    std::int64_t older_versions = 0;
    std::int64_t already_known = 0;
    std::map<std::int64_t, std::int64_t> superseded;
};

// What resolve() decided, for the import's counts and summary.
struct EventOutcomes : EventCounts {
    std::vector<EventConflict> conflicts;  // in source line order
};

class EventLedger {
public:
    // `aws`: versions are (valid_from, update_date) and may be deleted; else versions are the
    // order of import (microsoft-payouts).
    EventLedger(Database& db, std::string format, bool aws, std::int64_t import_id);

    // The row's fate. `store`: the caller stores the line and then calls stored() with its
    // sequence number among this import's stored lines (0, 1, ...).
    [[nodiscard]] EventRowDecision classify(const UsageRecord& line);
    void stored(std::int64_t sequence);
    // Once every row was classified and its line stored: `line_ids[sequence]` is each stored
    // line's id. Writes event_line, event_known_row and the supersessions; returns the counts
    // and the rows to quarantine (their lines, if any, are for the caller to take back).
    [[nodiscard]] EventOutcomes resolve(const std::vector<std::int64_t>& line_ids);

private:
    struct Version {
        std::int64_t line_id = 0;   // a stored line's (0 for one of this file until resolve())
        std::int64_t sequence = -1;  // this file's: the stored line's sequence number
        std::int64_t import_id = 0;
        std::int64_t source_line = 0;  // this file's: the row that stored it
        std::optional<std::int64_t> valid_from;
        std::optional<std::int64_t> update_date;
        bool deleted = false;
        std::string content;
        std::optional<std::int64_t> superseded_by;  // a stored line's
        std::int64_t known_line_id = 0;  // Microsoft: this file's row repeated the earning's current line
        bool in_file = false;
        bool retracted = false;                  // this file delivered it with two contents
        std::vector<std::int64_t> repeats;       // this file's rows that repeated it (source lines)
        std::vector<std::int64_t> conflicting;   // this file's rows that contradicted it (source lines)
        std::string conflict_field;              // the first field that differed
    };
    struct Event {
        std::vector<Version> versions;  // stored ones first (import order), then this file's in file order
    };
    Event& event_of(const std::string& key);
    [[nodiscard]] Version* same_version(Event& event, const UsageRecord& line);
    [[nodiscard]] std::string content_of(const UsageRecord& line) const;
    void resolve_aws(const std::string& key, Event& event, EventOutcomes& outcomes);
    void resolve_microsoft(const std::string& key, Event& event, EventOutcomes& outcomes);
    // The rows of a version this file delivered with two contents, all quarantined.
    void retract(const std::string& key, const Version& version, EventOutcomes& outcomes) const;
    void supersede(Version& version, EventOutcomes& outcomes);
    void insert_version(const std::string& key, const Version& version, const char* outcome,
                        std::optional<std::int64_t> superseded_by);
    [[nodiscard]] std::string describe(const Version& version) const;

    Database& db_;
    std::string format_;
    bool aws_ = true;
    std::int64_t import_id_ = 0;
    bool any_stored_ = false;  // whether event_line holds any event of this format (else no lookups)
    std::unordered_map<std::string, Event> events_;
    std::vector<const std::string*> order_;  // keys in the order first seen (deterministic writes)
    // The event and version of each row just classified as `store`, until stored() names it.
    Version* pending_ = nullptr;
    std::vector<std::pair<std::int64_t, std::int64_t>> known_rows_;  // (source line, line id) of repeats of stored versions
    std::vector<EventConflict> stored_conflicts_;  // rows that contradicted a stored version
    SQLite::Statement load_;
    SQLite::Statement insert_;
    SQLite::Statement supersede_;
};

}  // namespace revshare::schema
