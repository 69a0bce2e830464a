#include "jobs/event_summary.hpp"

#include "engine/core/error.hpp"
#include "engine/core/period.hpp"
#include "importers/format.hpp"
#include "reports/csv_writer.hpp"
#include "runtime/atomic_file.hpp"
#include "schema/event_queries.hpp"
#include "schema/line_query.hpp"

namespace revshare::app {

std::string event_summary(std::int64_t rows_read, const schema::EventCounts& counts, std::int64_t quarantined) {
    std::string text = std::to_string(rows_read) + " rows: " + std::to_string(counts.new_events) + " new, " +
                       std::to_string(counts.newer_versions) + " newer";
    std::string detail;
    if (counts.deletions > 0) {
        detail = "of which " + std::to_string(counts.deletions) + (counts.deletions == 1 ? " deletion" : " deletions");
    }
    std::string superseding;
    for (const auto& [import_id, lines] : counts.superseded) {
        superseding += (superseding.empty() ? "superseding import " : ", import ") + std::to_string(import_id) + ": " +
                       std::to_string(lines);
    }
    if (!superseding.empty()) detail += (detail.empty() ? "" : "; ") + superseding;
    if (!detail.empty()) text += " (" + detail + ")";
    return text + ", " + std::to_string(counts.older_versions) + " older, " + std::to_string(counts.already_known) +
           " already known, " + std::to_string(quarantined) + " quarantined";
}

std::string stored_event_summary(schema::Database& db, const schema::ImportRecord& import) {
    const auto format = importers::format_from_name(import.format);
    if (!format || !importers::is_seller_format(*format)) return "";
    return event_summary(import.rows_read, schema::load_event_outcomes(db, import.import_id), import.rows_quarantined);
}

std::optional<std::string> known_row_line(schema::Database& db, std::int64_t import_id, std::int64_t source_line) {
    const auto line_id = schema::load_known_row(db, import_id, source_line);
    if (!line_id) return std::nullopt;
    const auto first = schema::load_line_source(db, *line_id);
    if (!first) {
        return "already known: it repeats line id " + std::to_string(*line_id) + ", which is not stored (run revshare verify)";
    }
    return "already known: this version was first delivered by import " + std::to_string(first->first) + ", line " +
           std::to_string(first->second) + " (line id " + std::to_string(*line_id) +
           "); this row stored no line of its own";
}

std::string event_rows_csv(schema::Database& db, std::int64_t import_id) {
    const auto import = schema::load_import(db, import_id);
    if (!import) throw Error("events: no import " + std::to_string(import_id));
    const auto format = importers::format_from_name(import->format);
    if (!format || !importers::is_seller_format(*format)) {
        throw Error("events: import " + std::to_string(import_id) + " is " + import->format +
                    ", not a seller feed: its rows are lines of scopes, not events (see revshare imports)");
    }
    const auto instant = [](const std::optional<std::int64_t>& seconds) {
        return seconds ? format_instant(Instant(std::chrono::seconds(*seconds))) : std::string();
    };
    reports::CsvBuilder csv({"import_id", "source_line", "event_key", "valid_from", "update_date", "outcome", "line_id",
                             "current", "deleted", "detail"});
    for (const auto& row : schema::load_event_rows(db, import_id)) {
        csv.number(std::to_string(import_id)).number(std::to_string(row.source_line)).text(row.event_key);
        csv.text(instant(row.valid_from)).text(instant(row.update_date)).text(row.outcome);
        csv.number(row.line_id ? std::to_string(*row.line_id) : std::string());
        const bool stored = row.line_id.has_value();
        csv.text(stored ? (row.current ? "yes" : "no") : "").text(stored ? (row.deleted ? "yes" : "no") : "");
        csv.text(row.detail);
        csv.end_row();
    }
    return csv.str();
}

void write_event_rows_csv(schema::Database& db, std::int64_t import_id, const std::filesystem::path& path) {
    // A bare file name is in the current folder (the atomic write makes its temporary beside it).
    write_file_atomically(std::filesystem::absolute(path), event_rows_csv(db, import_id));
}

}  // namespace revshare::app
