#pragma once
// Import store: the only code that writes imports, normalised lines, scopes and quarantined
// rows. The caller owns the transaction (one per imported file).
#include "engine/core/diagnostic.hpp"
#include "engine/core/usage_record.hpp"
#include "schema/database.hpp"
#include "schema/event_ledger.hpp"
#include "schema/line_encoding.hpp"
#include "schema/text_interner.hpp"

#include <SQLiteCpp/Statement.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

namespace revshare::schema {

struct ImportRecord {
    std::int64_t import_id = 0;
    std::string file_name;
    std::int64_t size_bytes = 0;
    std::string sha256;
    std::string format;
    std::int64_t rows_read = 0;
    std::int64_t rows_imported = 0;
    std::int64_t rows_quarantined = 0;
    std::string imported_at;
    std::string archive_name;
    std::int64_t mapping = 1;  // the importers' mapping version that made its lines (importers::Mapping)
    std::string member_name;  // the CSV's path inside a zip delivery; empty when the delivery is the CSV
    std::int64_t rows_already_known = 0;  // seller feeds: rows that repeated a known version (no line)
    [[nodiscard]] std::string delivery_name() const;
};

// An import's delivery as messages and reports name it: the file as named when it was
// imported, and for a CSV read out of a zip, `<zip>:<member>` (`cur.csv.zip:cur-00001.csv`).
[[nodiscard]] std::string delivery_name(const std::string& file_name, const std::string& member_name);

[[nodiscard]] std::optional<ImportRecord> load_import_by_sha256(Database& db, const std::string& sha256);
[[nodiscard]] std::optional<ImportRecord> load_import(Database& db, std::int64_t import_id);
// The newest import that superseded a scope of `import_id` (nullopt: all its scopes count).
[[nodiscard]] std::optional<ImportRecord> load_import_superseding(Database& db, std::int64_t import_id);
[[nodiscard]] std::vector<ImportRecord> load_imports(Database& db);
// Whether an import of exactly `size_bytes` bytes exists: when none does, a file of that size
// cannot have been imported, and its SHA-256 can be computed alongside the import.
[[nodiscard]] bool import_of_size_exists(Database& db, std::int64_t size_bytes);

// A scope of an import (engine/core/scope_key.hpp): (provider, key, billing period).
struct ScopeSummary {
    std::string provider_name;
    TextColumn key_column = TextColumn::BillingAccountId;  // or SubAccountId, when the lines have no billing account
    std::string key_text;                                  // that column's value as delivered (the scope's first line)
    Instant billing_period_start{};
    std::int64_t lines = 0;
};

// A scope that a new import took over: the new import's scope, and the import superseded.
struct Supersession {
    std::int64_t superseded_import_id = 0;
    std::string superseded_file_name;  // its delivery_name()
    ScopeSummary scope;      // provider, key and period as the new import delivered them
    std::int64_t lines = 0;  // lines of the old import that stopped counting
};

class ImportWriter {
public:
    // Inserts the import row (counts are filled in by finish(); a header without its sha256
    // yet gets it from store_identity()).
    ImportWriter(Database& db, const ImportRecord& header);
    [[nodiscard]] std::int64_t import_id() const { return import_id_; }

    // Stores `line`, encoding it (LineEncoder) into `encoded`. Lines are inserted
    // `lines_per_insert` at a time (one statement runs for several rows), so both must stay
    // alive and unchanged until flush() (which finish() calls too).
    void store_line(const UsageRecord& line, EncodedLine& encoded);
    // Inserts the lines store_line() still holds.
    void flush();
    void store_reject(const Diagnostic& diagnostic);
    // The SHA-256 and size of the bytes parsed and their name in the archive (once complete).
    void store_identity(const std::string& sha256, std::int64_t size_bytes, const std::string& archive_name);
    // A seller feed (formats.md S4): rows are events, superseded per event and version (`aws`:
    // AWS's (valid_from, update_date) versions; else Microsoft's order of import), never per
    // scope. Before the first store_line().
    void key_by_event(const std::string& format, bool aws);
    [[nodiscard]] bool keyed_by_event() const { return ledger_ != nullptr; }
    // Once every row was stored (key_by_event only): decides the events (EventLedger::resolve),
    // takes back the lines of rows that turned out to conflict, and returns the rows to
    // quarantine as conflicting-version, for the caller to store_reject() with their bytes.
    [[nodiscard]] std::vector<EventConflict> resolve_events();
    [[nodiscard]] const EventOutcomes& event_outcomes() const { return outcomes_; }
    // Writes the row counts and supersedes earlier imports of the same scopes.
    [[nodiscard]] std::vector<Supersession> finish(std::int64_t rows_read);

    // The import's scopes, in key order (after finish(): with their line counts).
    [[nodiscard]] std::vector<ScopeSummary> scopes() const;
    [[nodiscard]] std::int64_t lines_stored() const { return lines_stored_; }
    [[nodiscard]] std::int64_t rejects_stored() const { return rejects_stored_; }

private:
    using ScopeKey = std::tuple<std::string, std::string, std::int64_t>;  // provider, scope_key(), period start
    struct Scope {
        std::int64_t scope_id = 0;
        ScopeSummary summary;
    };
    std::int64_t scope_id_for(const UsageRecord& line);

    Database& db_;
    std::int64_t import_id_ = 0;
    TextInterner texts_;
    LineEncoder encoder_;
    NewValues new_values_;  // what encoder_ saw first in the line being stored
    // Texts get their text_value ids, combinations their line_dimensions rows.
    void add_new_values(const NewValues& values);
    std::vector<std::int64_t> text_ids_;        // text_value id of each text number of the LineEncoder
    std::vector<std::int64_t> dimensions_ids_;  // line_dimensions id of each combination number
    static constexpr std::size_t lines_per_insert = 16;
    struct PendingLine {
        const UsageRecord* line = nullptr;
        const EncodedLine* encoded = nullptr;
        std::int64_t scope_id = 0;
    };
    std::vector<PendingLine> pending_;
    void insert_lines(SQLite::Statement& statement, std::span<const PendingLine> lines);
    SQLite::Statement insert_line_;   // one line
    SQLite::Statement insert_lines_;  // lines_per_insert lines
    SQLite::Statement insert_dimensions_;
    SQLite::Statement insert_reject_;
    SQLite::Statement insert_scope_;
    std::map<ScopeKey, Scope> scopes_;
    // The previous line's scope, and the text of the column that keyed it as that line delivered it.
    Scope* last_scope_ = nullptr;
    std::string last_key_text_;
    // Per (scope id, charge month start): lines and their line_id range (table scope_period).
    struct PeriodLines {
        std::int64_t lines = 0;
        std::int64_t first_line_id = 0;
        std::int64_t last_line_id = 0;
    };
    std::map<std::pair<std::int64_t, std::int64_t>, PeriodLines> scope_periods_;
    // The month of the previous line's ChargePeriodStart, [start, end) in seconds: most lines
    // share it, so the calendar is consulted once per month rather than once per line.
    std::int64_t month_start_ = 0;
    std::int64_t month_end_ = 0;
    void count_scope_period(std::int64_t scope_id, Instant charge_period_start, std::int64_t line_id);
    void store_scope_periods();
    std::int64_t lines_stored_ = 0;
    std::int64_t rejects_stored_ = 0;
    // Seller feeds: the events, each stored line's id and (scope, month) in storage order, what
    // resolve_events() decided, and the rows not stored (repeats and conflicts) until then.
    std::unique_ptr<EventLedger> ledger_;
    std::vector<std::int64_t> line_ids_;
    std::vector<std::pair<std::int64_t, std::int64_t>> line_places_;
    std::int64_t rows_unstored_ = 0;
    EventOutcomes outcomes_;
    bool events_resolved_ = false;
    void take_back_line(std::int64_t line_id);
};

}  // namespace revshare::schema
