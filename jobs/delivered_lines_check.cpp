#include "jobs/delivered_lines_check.hpp"

#include "engine/core/error.hpp"
#include "importers/csv/byte_source.hpp"
#include "importers/export_reader.hpp"
#include "jobs/archived_copy.hpp"
#include "schema/event_queries.hpp"
#include "schema/import_store.hpp"
#include "schema/stored_lines.hpp"

#include <algorithm>

namespace revshare::app {
namespace {

constexpr std::size_t differences_named = 3;

// `line` in the form the import stored it, into `text` (reused: no allocation per line).
void as_stored(const UsageRecord& line, schema::StoredLineText& text) {
    text.source_line = line.source_line;
    text.charge_period_start = line.charge_period_start.time_since_epoch().count();
    text.charge_period_end = line.charge_period_end.time_since_epoch().count();
    text.billing_period_start = line.billing_period_start.time_since_epoch().count();
    text.billing_period_end = line.billing_period_end.time_since_epoch().count();
    for (std::size_t column = 0; column < text_column_count; ++column) text.texts[column] = line.text[column];
    text.texts[text_column_count] = line.tags;
    for (std::size_t column = 0; column < schema::line_number_count; ++column) {
        const auto& value = column < cost_column_count ? line.cost[column] : line.consumed_quantity;
        if (value) {
            text.numbers[column] = value->to_string();
        } else {
            text.numbers[column].reset();
        }
    }
}

std::string shown(const std::optional<std::string>& value) { return value ? "'" + *value + "'" : "empty"; }

// The first field in which a stored line differs from the delivered one.
std::string first_difference(const schema::StoredLineText& stored, const schema::StoredLineText& delivered) {
    const std::string at = "line " + std::to_string(delivered.source_line) + ": ";
    if (stored.source_line != delivered.source_line) {
        return "source line " + std::to_string(delivered.source_line) + " is stored as line " +
               std::to_string(stored.source_line);
    }
    if (stored.charge_period_start != delivered.charge_period_start || stored.charge_period_end != delivered.charge_period_end) {
        return at + "its charge period differs";
    }
    if (stored.billing_period_start != delivered.billing_period_start ||
        stored.billing_period_end != delivered.billing_period_end) {
        return at + "its billing period differs";
    }
    for (std::size_t column = 0; column <= text_column_count; ++column) {
        if (stored.texts[column] == delivered.texts[column]) continue;
        const std::string name =
            column == text_column_count ? "Tags" : std::string(text_column_name(static_cast<TextColumn>(column)));
        return at + name + " is stored as '" + stored.texts[column] + "', the delivery gives '" + delivered.texts[column] + "'";
    }
    for (std::size_t column = 0; column < schema::line_number_count; ++column) {
        if (stored.numbers[column] == delivered.numbers[column]) continue;
        const std::string name =
            column == cost_column_count ? "ConsumedQuantity" : std::string(cost_column_name(static_cast<CostColumn>(column)));
        return at + name + " is stored as " + shown(stored.numbers[column]) + ", the delivery gives " +
               shown(delivered.numbers[column]);
    }
    return at + "differs";
}

struct Differences {
    std::vector<std::string> named;
    std::size_t count = 0;
    void add(std::string what) {
        if (named.size() < differences_named) named.push_back(std::move(what));
        ++count;
    }
};

// A seller feed's rows that store no line although they map (formats.md S4): those that
// repeated a known version, and those quarantined as conflicting-version (decided from what
// was stored, not from the row). Sorted source lines.
std::vector<std::int64_t> rows_without_lines(schema::Database& db, const schema::ImportRecord& import,
                                             const std::vector<schema::StoredQuarantineRow>& quarantined) {
    std::vector<std::int64_t> rows;
    for (const auto& [row, line_id] : schema::load_known_rows(db, import.import_id)) rows.push_back(row);
    for (const auto& row : quarantined) {
        if (row.code == diagnostic_code_name(DiagnosticCode::conflicting_version)) rows.push_back(row.source_line);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

// A seller row read again against the event version stored for it (the line it stored, or the
// one it repeats, formats.md S4): key, version, deletion and content must be the delivered ones,
// or a version edited in the event tables would change which line counts.
class EventVersionCheck {
public:
    EventVersionCheck(schema::Database& db, const schema::ImportRecord& import) {
        const auto format = importers::format_from_name(import.format);
        if (!format || !importers::is_seller_format(*format)) return;
        aws_ = *format == importers::Format::aws_marketplace_billing_events;
        versions_ = schema::load_event_versions_of_import(db, import.import_id);
        active_ = true;
    }
    void check(const UsageRecord& line, Differences& differences) {
        if (!active_) return;
        while (next_ < versions_.size() && versions_[next_].source_line < line.source_line) ++next_;
        if (next_ == versions_.size() || versions_[next_].source_line != line.source_line) return;  // quarantined
        const schema::StoredEventVersion& stored = versions_[next_];
        const auto seconds = [](const std::optional<Instant>& at) {
            return at ? std::optional(at->time_since_epoch().count()) : std::nullopt;
        };
        const std::string at = "line " + std::to_string(line.source_line) + ": ";
        if (stored.event_key != line.event.key) {
            differences.add(at + "its event is stored as '" + stored.event_key + "', the delivery gives '" + line.event.key + "'");
        } else if (aws_ && (stored.valid_from != seconds(line.event.valid_from) ||
                            stored.update_date != seconds(line.event.update_date) || stored.deleted != line.event.deleted)) {
            differences.add(at + "its event version (valid_from, update_date, delete_date) is stored otherwise than "
                                 "the delivery gives");
        } else if (stored.content != schema::event_content(line, aws_)) {
            differences.add(at + (stored.repeat ? "it repeats line " + std::to_string(stored.line_id) +
                                                      ", whose version the delivery does not repeat"
                                                : std::string("its event version's stored content is not the delivery's")));
        }
    }

private:
    bool active_ = false;
    bool aws_ = true;
    std::vector<schema::StoredEventVersion> versions_;
    std::size_t next_ = 0;
};

// Reads the delivery and the stored lines side by side, both in source-line order.
void compare_lines(schema::Database& db, const schema::ImportRecord& import, importers::ExportReader& reader,
                   Differences& differences) {
    EventVersionCheck events(db, import);
    auto quarantined = schema::load_quarantine_rows(db, import.import_id);
    const std::vector<std::int64_t> unstored = rows_without_lines(db, import, quarantined);
    std::erase_if(quarantined, [](const schema::StoredQuarantineRow& row) {
        return row.code == diagnostic_code_name(DiagnosticCode::conflicting_version);
    });
    schema::StoredLineCursor stored(db, import.import_id);
    schema::StoredLineText stored_line;
    schema::StoredLineText delivered;
    std::vector<schema::StoredQuarantineRow> rejected;
    UsageRecord line;
    Diagnostic error;
    bool have_stored = stored.next(stored_line);
    for (auto status = reader.next(line, error); status != importers::ExportReader::Status::end;
         status = reader.next(line, error)) {
        if (status == importers::ExportReader::Status::rejected) {
            rejected.push_back(schema::StoredQuarantineRow{.source_line = error.location.line,
                                                           .column_number = error.location.column,
                                                           .field = error.field,
                                                           .code = std::string(diagnostic_code_name(error.code)),
                                                           .reason = error.message,
                                                           .raw = error.raw_line});
            continue;
        }
        events.check(line, differences);
        if (std::binary_search(unstored.begin(), unstored.end(), line.source_line)) continue;
        as_stored(line, delivered);
        // Both sides are in source-line order: a side ahead of the other lacks a line.
        while (have_stored && stored_line.source_line < delivered.source_line) {
            differences.add("a stored line (source line " + std::to_string(stored_line.source_line) + ") is not in the delivery");
            have_stored = stored.next(stored_line);
        }
        if (!have_stored || stored_line.source_line > delivered.source_line) {
            differences.add("line " + std::to_string(delivered.source_line) + " of the delivery is not stored");
            continue;
        }
        if (!(stored_line == delivered)) differences.add(first_difference(stored_line, delivered));
        have_stored = stored.next(stored_line);
    }
    for (; have_stored; have_stored = stored.next(stored_line)) {
        differences.add("a stored line (source line " + std::to_string(stored_line.source_line) + ") is not in the delivery");
    }
    for (std::size_t i = 0; i < std::max(quarantined.size(), rejected.size()); ++i) {
        if (i < quarantined.size() && i < rejected.size() && quarantined[i] == rejected[i]) continue;
        const auto& row = i < rejected.size() ? rejected[i] : quarantined[i];
        differences.add("the quarantined row of line " + std::to_string(row.source_line) +
                        " is not what the delivery gives (its reason, field or bytes differ, or it was added or removed)");
    }
    if (reader.rows_read() != import.rows_read) {
        differences.add("the delivery has " + std::to_string(reader.rows_read()) + " rows, the import says " +
                        std::to_string(import.rows_read));
    }
}

std::optional<std::string> import_problem(schema::Database& db, const schema::ImportRecord& import) {
    const std::string name = "import " + std::to_string(import.import_id) + " (" + import.delivery_name() + ")";
    if (archived_copy_problem(db.archive_dir(), import)) return std::nullopt;  // the archive check names it
    const auto format = importers::format_from_name(import.format);
    if (!format) return name + ": its format '" + import.format + "' is not one revshare reads (the import row was edited)";
    const auto mapping = importers::mapping_from_number(import.mapping);
    if (!mapping) {
        return name + ": its mapping version " + std::to_string(import.mapping) +
               " is not one revshare knows (the import row was edited)";
    }
    Diagnostic error;
    auto reader = importers::ExportReader::open(
        importers::open_byte_source((db.archive_dir() / import.archive_name).string()), import.delivery_name(), format, error,
        *mapping);
    if (!reader) return name + ": its archived delivery is now refused as a whole: " + error.headline();
    Differences differences;
    compare_lines(db, import, *reader, differences);
    if (differences.count == 0) return std::nullopt;
    std::string text = name + ": the stored lines are not what its archived delivery gives: ";
    for (std::size_t i = 0; i < differences.named.size(); ++i) text += (i == 0 ? "" : "; ") + differences.named[i];
    if (differences.count > differences.named.size()) {
        text += "; and " + std::to_string(differences.count - differences.named.size()) + " more";
    }
    return text;
}

}  // namespace

std::vector<std::string> delivered_line_problems(schema::Database& db) {
    std::vector<std::string> problems;
    for (const auto& import : schema::load_imports(db)) {
        try {
            if (auto problem = import_problem(db, import)) problems.push_back(std::move(*problem));
        } catch (const Error& error) {
            problems.push_back("import " + std::to_string(import.import_id) + " (" + import.delivery_name() +
                               "): its archived delivery cannot be read again: " + error.what());
        }
    }
    return problems;
}

}  // namespace revshare::app
