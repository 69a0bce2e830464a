#include "jobs/event_summary.hpp"

#include "importers/format.hpp"
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

}  // namespace revshare::app
