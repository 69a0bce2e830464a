#include "schema/event_queries.hpp"

#include "schema/event_key_hash.hpp"

#include <SQLiteCpp/Statement.h>

#include <tuple>

namespace revshare::schema {

EventCounts load_event_outcomes(Database& db, std::int64_t import_id) {
    EventCounts outcomes;
    SQLite::Statement known(db.sql(), "SELECT rows_already_known FROM import WHERE import_id = ?");
    known.bind(1, import_id);
    if (known.executeStep()) outcomes.already_known = known.getColumn(0).getInt64();
    SQLite::Statement counts(db.sql(), "SELECT outcome, count(*), sum(deleted) FROM event_line WHERE import_id = ? GROUP BY 1");
    counts.bind(1, import_id);
    while (counts.executeStep()) {
        const std::string outcome = counts.getColumn(0).getString();
        const std::int64_t lines = counts.getColumn(1).getInt64();
        if (outcome == "new") outcomes.new_events = lines;
        if (outcome == "older") outcomes.older_versions = lines;
        if (outcome == "newer") {
            outcomes.newer_versions = lines;
            outcomes.deletions = counts.getColumn(2).getInt64();
        }
    }
    SQLite::Statement superseded(db.sql(), "SELECT import_id, count(*) FROM event_line WHERE superseded_by = ?1 AND "
                                           "import_id <> ?1 GROUP BY 1 ORDER BY 1");
    superseded.bind(1, import_id);
    while (superseded.executeStep()) outcomes.superseded[superseded.getColumn(0).getInt64()] = superseded.getColumn(1).getInt64();
    return outcomes;
}

std::vector<std::pair<std::int64_t, std::int64_t>> load_known_rows(Database& db, std::int64_t import_id) {
    SQLite::Statement query(db.sql(), "SELECT source_line, line_id FROM event_known_row WHERE import_id = ? ORDER BY 1");
    query.bind(1, import_id);
    std::vector<std::pair<std::int64_t, std::int64_t>> rows;
    while (query.executeStep()) rows.emplace_back(query.getColumn(0).getInt64(), query.getColumn(1).getInt64());
    return rows;
}

std::optional<std::int64_t> load_known_row(Database& db, std::int64_t import_id, std::int64_t source_line) {
    SQLite::Statement query(db.sql(), "SELECT line_id FROM event_known_row WHERE import_id = ? AND source_line = ?");
    query.bind(1, import_id);
    query.bind(2, source_line);
    if (!query.executeStep()) return std::nullopt;
    return query.getColumn(0).getInt64();
}

std::vector<EventRow> load_event_rows(Database& db, std::int64_t import_id) {
    SQLite::Statement query(
        db.sql(),
        "SELECT l.source_line, e.event_key, e.valid_from, e.update_date, e.outcome, e.line_id, e.superseded_by IS NULL, "
        "e.deleted, '' FROM event_line e JOIN line l ON l.line_id = e.line_id WHERE e.import_id = ?1 "
        "UNION ALL SELECT k.source_line, e.event_key, e.valid_from, e.update_date, 'already known', k.line_id, "
        "e.superseded_by IS NULL, e.deleted, 'first delivered by import ' || e.import_id || ', line ' || l.source_line "
        "FROM event_known_row k JOIN event_line e ON e.line_id = k.line_id JOIN line l ON l.line_id = k.line_id WHERE "
        "k.import_id = ?1 "
        "UNION ALL SELECT q.source_line, '', NULL, NULL, 'quarantined', NULL, 0, 0, q.code FROM quarantine q WHERE "
        "q.import_id = ?1 ORDER BY 1");
    query.bind(1, import_id);
    std::vector<EventRow> rows;
    while (query.executeStep()) {
        EventRow row;
        row.source_line = query.getColumn(0).getInt64();
        row.event_key = query.getColumn(1).getString();
        if (!query.getColumn(2).isNull()) row.valid_from = query.getColumn(2).getInt64();
        if (!query.getColumn(3).isNull()) row.update_date = query.getColumn(3).getInt64();
        row.outcome = query.getColumn(4).getString();
        if (!query.getColumn(5).isNull()) row.line_id = query.getColumn(5).getInt64();
        row.current = query.getColumn(6).getInt() != 0;
        row.deleted = query.getColumn(7).getInt() != 0;
        row.detail = query.getColumn(8).getString();
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<StoredEventVersion> load_event_versions_of_import(Database& db, std::int64_t import_id) {
    SQLite::Statement query(db.sql(),
                            "SELECT l.source_line, e.line_id, e.event_key, e.valid_from, e.update_date, e.deleted, e.content, 0 "
                            "FROM event_line e JOIN line l ON l.line_id = e.line_id WHERE e.import_id = ?1 UNION ALL "
                            "SELECT k.source_line, k.line_id, coalesce(e.event_key, ''), e.valid_from, e.update_date, "
                            "coalesce(e.deleted, 0), coalesce(e.content, ''), 1 FROM event_known_row k LEFT JOIN event_line e "
                            "ON e.line_id = k.line_id WHERE k.import_id = ?1 ORDER BY 1");
    query.bind(1, import_id);
    std::vector<StoredEventVersion> versions;
    while (query.executeStep()) {
        StoredEventVersion version;
        version.source_line = query.getColumn(0).getInt64();
        version.line_id = query.getColumn(1).getInt64();
        version.event_key = query.getColumn(2).getString();
        if (!query.getColumn(3).isNull()) version.valid_from = query.getColumn(3).getInt64();
        if (!query.getColumn(4).isNull()) version.update_date = query.getColumn(4).getInt64();
        version.deleted = query.getColumn(5).getInt() != 0;
        version.content = query.getColumn(6).getString();
        version.repeat = query.getColumn(7).getInt() != 0;
        versions.push_back(std::move(version));
    }
    return versions;
}

namespace {

struct EventLineRow {
    std::int64_t line_id = 0;
    std::int64_t import_id = 0;
    std::optional<std::int64_t> valid_from;
    std::optional<std::int64_t> update_date;
    bool deleted = false;
    std::string outcome;
    std::optional<std::int64_t> superseded_by;
};

std::string import_text(std::optional<std::int64_t> id) { return id ? "import " + std::to_string(*id) : "none"; }

// S4's rule over one event's lines (in import order): which import each line stops being
// current at, and each line's outcome.
void check_event(const std::string& format, const std::string& key, const std::vector<EventLineRow>& lines,
                 std::vector<std::string>& problems, std::size_t limit) {
    std::vector<std::optional<std::int64_t>> expected(lines.size());
    std::vector<std::string> outcome(lines.size());
    std::optional<std::size_t> latest;  // index of the latest version (AWS) or latest line (Microsoft)
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const EventLineRow& line = lines[i];
        const bool versioned = line.valid_from && line.update_date && latest && lines[*latest].valid_from &&
                               lines[*latest].update_date;
        const bool later = !latest || !versioned ||
                           std::tie(*line.valid_from, *line.update_date) >
                               std::tie(*lines[*latest].valid_from, *lines[*latest].update_date);
        outcome[i] = !latest ? "new" : later ? "newer" : "older";
        if (!later) {
            expected[i] = line.import_id;  // an older version: never current
            continue;
        }
        if (latest && !expected[*latest]) expected[*latest] = line.import_id;
        latest = i;
        if (line.deleted) expected[i] = line.import_id;  // a deletion: no line of the event is current
    }
    for (std::size_t i = 0; i < lines.size() && problems.size() < limit; ++i) {
        const std::string name = format + " event " + key + ", line " + std::to_string(lines[i].line_id) + " (import " +
                                 std::to_string(lines[i].import_id) + ")";
        if (lines[i].superseded_by != expected[i]) {
            problems.push_back(name + ": stored as current until " + import_text(lines[i].superseded_by) +
                               ", but its versions give " + import_text(expected[i]) +
                               " (the event tables were edited): the event's lines would count wrongly");
        } else if (lines[i].outcome != outcome[i]) {
            problems.push_back(name + ": stored as a '" + lines[i].outcome + "' version, but its versions make it '" +
                               outcome[i] + "' (event_line.outcome was edited)");
        }
    }
}

}  // namespace

namespace {

// event_line rows whose import or line is not theirs.
void foreign_event_rows(Database& db, std::size_t limit, std::vector<std::string>& problems) {
    SQLite::Statement foreign(db.sql(),
                              "SELECT e.line_id, e.import_id, e.format, coalesce(i.format, '(no import)'), l.import_id FROM "
                              "event_line e LEFT JOIN import i ON i.import_id = e.import_id LEFT JOIN line l ON l.line_id "
                              "= e.line_id WHERE i.format IS NOT e.format OR l.import_id IS NOT e.import_id ORDER BY 1 LIMIT ?");
    foreign.bind(1, static_cast<std::int64_t>(limit));
    while (foreign.executeStep()) {
        problems.push_back("event_line of line " + foreign.getColumn(0).getString() + " says import " +
                           foreign.getColumn(1).getString() + " of format " + foreign.getColumn(2).getString() +
                           ", but that import is " + foreign.getColumn(3).getString() + " and the line is of import " +
                           (foreign.getColumn(4).isNull() ? std::string("none") : foreign.getColumn(4).getString()) +
                           " (the event tables were edited)");
    }
}

// Seller imports whose lines, event rows and repeated rows do not add up to their counts.
void event_count_problems(Database& db, std::size_t limit, std::vector<std::string>& problems) {
    SQLite::Statement counts(db.sql(),
                             "SELECT i.import_id, i.format, i.rows_imported - i.rows_already_known, (SELECT count(*) FROM "
                             "line l WHERE l.import_id = i.import_id), (SELECT count(*) FROM event_line e WHERE e.import_id "
                             "= i.import_id), i.rows_already_known, (SELECT count(*) FROM event_known_row k WHERE "
                             "k.import_id = i.import_id) FROM import i WHERE i.format IN ('aws-marketplace-billing-events', "
                             "'microsoft-payouts') ORDER BY 1");
    while (counts.executeStep() && problems.size() < limit) {
        const std::string name = "import " + counts.getColumn(0).getString() + " (" + counts.getColumn(1).getString() + ")";
        const std::int64_t expected = counts.getColumn(2).getInt64();
        if (counts.getColumn(3).getInt64() != expected || counts.getColumn(4).getInt64() != expected) {
            problems.push_back(name + " says it stored " + std::to_string(expected) + " lines (rows imported less rows "
                               "already known), but " + counts.getColumn(3).getString() + " lines and " +
                               counts.getColumn(4).getString() + " event versions are stored (lines or event rows were "
                               "added or deleted)");
        } else if (counts.getColumn(5).getInt64() != counts.getColumn(6).getInt64()) {
            problems.push_back(name + " says " + counts.getColumn(5).getString() + " rows repeated a known version, but " +
                               counts.getColumn(6).getString() + " such rows are recorded (event_known_row was edited)");
        }
    }
}

// AWS versions without their dates, and repeated rows pointing at no earlier line.
void unordered_and_dangling(Database& db, std::size_t limit, std::vector<std::string>& problems) {
    SQLite::Statement unversioned(db.sql(), "SELECT line_id, event_key FROM event_line WHERE format = "
                                            "'aws-marketplace-billing-events' AND (valid_from IS NULL OR update_date IS "
                                            "NULL) ORDER BY 1 LIMIT ?");
    unversioned.bind(1, static_cast<std::int64_t>(limit));
    while (unversioned.executeStep() && problems.size() < limit) {
        problems.push_back("aws-marketplace-billing-events event " + unversioned.getColumn(1).getString() + ", line " +
                           unversioned.getColumn(0).getString() + ": no valid_from or update_date, so its version "
                           "cannot be ordered (event_line was edited)");
    }
    SQLite::Statement known(db.sql(), "SELECT k.import_id, k.source_line, k.line_id FROM event_known_row k LEFT JOIN "
                                      "event_line e ON e.line_id = k.line_id WHERE e.line_id IS NULL OR e.import_id > "
                                      "k.import_id ORDER BY 1, 2 LIMIT ?");
    known.bind(1, static_cast<std::int64_t>(limit));
    while (known.executeStep() && problems.size() < limit) {
        problems.push_back("import " + known.getColumn(0).getString() + ", line " + known.getColumn(1).getString() +
                           ": recorded as repeating line " + known.getColumn(2).getString() +
                           ", which no earlier seller delivery stored (event_known_row was edited)");
    }
}

// Every event's lines against S4's rule (check_event).
void current_line_problems(Database& db, std::size_t limit, std::vector<std::string>& problems) {
    // By the key hash first (its index gives that order; one key's rows stay together).
    SQLite::Statement all(db.sql(), "SELECT format, event_key, line_id, import_id, valid_from, update_date, deleted, outcome, "
                                    "superseded_by, key_hash FROM event_line ORDER BY key_hash, format, event_key, import_id, "
                                    "line_id");
    std::vector<EventLineRow> lines;
    std::string format;
    std::string key;
    while (problems.size() < limit) {
        const bool more = all.executeStep();
        if (!lines.empty() && (!more || all.getColumn(0).getString() != format || all.getColumn(1).getString() != key)) {
            check_event(format, key, lines, problems, limit);
            lines.clear();
        }
        if (!more) break;
        format = all.getColumn(0).getString();
        key = all.getColumn(1).getString();
        EventLineRow line;
        line.line_id = all.getColumn(2).getInt64();
        line.import_id = all.getColumn(3).getInt64();
        if (!all.getColumn(4).isNull()) line.valid_from = all.getColumn(4).getInt64();
        if (!all.getColumn(5).isNull()) line.update_date = all.getColumn(5).getInt64();
        line.deleted = all.getColumn(6).getInt() != 0;
        line.outcome = all.getColumn(7).getString();
        if (!all.getColumn(8).isNull()) line.superseded_by = all.getColumn(8).getInt64();
        if (all.getColumn(9).getInt64() != event_key_hash(key)) {
            // A later delivery would look the event up by the hash, miss it, and take it for new.
            problems.push_back(format + " event " + key + ", line " + std::to_string(line.line_id) + ": key_hash " +
                               all.getColumn(9).getString() + " is not its key's hash " +
                               std::to_string(event_key_hash(key)) + " (event_line was edited)");
        }
        lines.push_back(std::move(line));
    }
}

}  // namespace

std::vector<std::string> event_problems(Database& db, std::size_t limit) {
    std::vector<std::string> problems;
    foreign_event_rows(db, limit, problems);
    event_count_problems(db, limit, problems);
    unordered_and_dangling(db, limit, problems);
    current_line_problems(db, limit, problems);
    return problems;
}

}  // namespace revshare::schema
