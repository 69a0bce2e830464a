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
#include "schema/batched_insert.hpp"
#include "schema/database.hpp"

#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::schema {

// What "repeats what is known" compares (S4), as event_line.content stores it: AWS, the action,
// transaction type, currency and amount as delivered (canonical number); Microsoft, a digest of
// the whole normalised line (costs as numbers, dates as instants).
[[nodiscard]] std::string event_content(const UsageRecord& line, bool aws);
void append_event_content(std::string& out, const UsageRecord& line, bool aws);

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
    // Every version of every event this import touches, compact (a million events take about
    // 100 bytes each): texts in two arenas, versions in one vector linked per event, events
    // found through an open-addressing table of their key hashes.
    struct Version {
        std::int64_t line_id = 0;      // a stored line's (0 for one of this file until resolve())
        std::int64_t sequence = -1;    // this file's: the stored line's sequence number
        std::int64_t import_id = 0;
        std::int64_t source_line = 0;  // this file's: the row that stored it (stored ones: looked up when needed)
        std::int64_t valid_from = 0;   // AWS only
        std::int64_t update_date = 0;  // AWS only
        std::int64_t superseded_by = 0;  // a stored line's (0: none)
        std::int64_t known_line_id = 0;  // Microsoft: this file's row repeated the earning's current line
        std::size_t content_at = 0;      // in contents_
        std::uint32_t content_size = 0;
        std::int32_t next = -1;          // the event's next version (stored ones first, then this file's in file order)
        std::int32_t extra = -1;         // in extras_: this file's repeats and conflicts of it
        bool in_file = false;
        bool retracted = false;  // this file delivered it with two contents
        bool deleted = false;
    };
    // What only a repeated or contradicted version of this file has.
    struct Extra {
        std::vector<std::int64_t> repeats;      // this file's rows that repeated it (source lines)
        std::vector<std::int64_t> conflicting;  // this file's rows that contradicted it (source lines)
        std::string conflict_field;             // the first field that differed
    };
    struct Event {
        std::int64_t hash = 0;
        std::size_t key_at = 0;  // in keys_
        std::uint32_t key_size = 0;
        std::int32_t first = -1;  // its versions, linked by Version::next
        std::int32_t last = -1;
    };

    [[nodiscard]] std::string_view key_of(const Event& event) const { return {keys_.data() + event.key_at, event.key_size}; }
    [[nodiscard]] std::string_view content_of(const Version& version) const {
        return {contents_.data() + version.content_at, version.content_size};
    }
    std::int32_t event_of(const std::string& key);
    std::int32_t add_event(const std::string& key, std::int64_t hash);
    void load_stored_versions(std::int32_t event, const std::string& key, std::int64_t hash);
    std::int32_t add_version(std::int32_t event, Version version, std::string_view content);
    [[nodiscard]] std::int32_t same_version(std::int32_t event, const UsageRecord& line) const;
    Extra& extra_of(Version& version);
    [[nodiscard]] std::int64_t stored_source_line(std::int64_t line_id);
    [[nodiscard]] EventConflict stored_conflict(const std::string& key, const Version& known, const std::string& content,
                                                std::int64_t row);
    void resolve_event(const Event& event, EventOutcomes& outcomes, const std::vector<std::int64_t>& line_ids);
    void resolve_aws(const Event& event, EventOutcomes& outcomes);
    void resolve_microsoft(const Event& event, EventOutcomes& outcomes);
    // The rows of a version this file delivered with two contents, all quarantined.
    void retract(std::string_view key, const Version& version, EventOutcomes& outcomes) const;
    void supersede(Version& version, EventOutcomes& outcomes);
    void insert_version(const Event& event, const Version& version, const char* outcome, std::int64_t superseded_by);
    void insert_known(std::int64_t row, std::int64_t line_id, EventOutcomes& outcomes);
    [[nodiscard]] std::string describe(const Version& version) const;

    Database& db_;
    std::string format_;
    bool aws_ = true;
    std::int64_t import_id_ = 0;
    bool any_stored_ = false;  // whether event_line holds any event of this format (else no lookups)
    std::vector<Event> events_;  // in the order first seen (deterministic writes)
    std::vector<std::int32_t> slots_;  // open addressing over events_ by hash (-1: empty); at most half full
    std::vector<Version> versions_;
    std::vector<Extra> extras_;
    std::string keys_;
    std::string contents_;
    std::string content_;  // the row being classified's
    // The version of the row just classified as `store`, until stored() names it (-1: none).
    std::int32_t pending_ = -1;
    std::vector<std::pair<std::int64_t, std::int64_t>> known_rows_;  // (source line, line id) of repeats of stored versions
    std::vector<EventConflict> stored_conflicts_;  // rows that contradicted a stored version
    SQLite::Statement load_;
    SQLite::Statement source_line_;
    SQLite::Statement supersede_;
    std::optional<BatchedInsert> insert_;
    std::optional<BatchedInsert> insert_known_;
};

}  // namespace revshare::schema
