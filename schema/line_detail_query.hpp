#pragma once
// Read-only queries behind the line-detail and reconciliation reports (issue 6): every line of
// the imports that touch a period, streamed in line_id order with its provenance and the text
// an analyst needs, plus the per-file counts and quarantine reasons of those imports.
#include "engine/core/period.hpp"
#include "schema/database.hpp"
#include "schema/import_store.hpp"
#include "schema/period_lines.hpp"

#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace revshare::schema {

// One stored line as the reports show it. Text columns are the stored values.
struct LineDetail {
    std::int64_t line_id = 0;
    std::int64_t import_id = 0;
    std::int64_t source_line = 0;
    Instant charge_period_start{};
    bool superseded = false;  // its scope was superseded by an import within the high-water mark
    std::string provider_name;
    std::string billing_account_id;
    std::string sub_account_id;
    std::string charge_category;
    std::string service_name;
    std::string sku_meter;
    std::string billing_currency;
    std::optional<std::string> cost;  // the selection's cost column; nullopt = empty cell
};

// Every line of every import (up to the selection's high-water mark) that has at least one
// line charged in the selection's period, in line_id order: the same order in which
// PeriodLineSource yields the period's current lines, so the two merge in one pass.
// One import at a time, each read as a range of line ids (an import's lines are inserted in
// one transaction, so their ids are contiguous and the ranges do not overlap): SQLite walks
// the table in rowid order and never sorts, so memory does not grow with the lines.
class LineDetailCursor {
public:
    LineDetailCursor(Database& db, const LineSelection& selection);
    bool next(LineDetail& line);

private:
    struct ImportRange {
        std::int64_t import_id = 0;
        std::int64_t first_line_id = 0;
        std::int64_t last_line_id = 0;
    };
    bool start_next_range();
    SQLite::Statement query_;
    StoredTextDictionary texts_;  // caches each distinct text once
    std::vector<ImportRange> ranges_;  // by first_line_id
    std::size_t next_range_ = 0;
    bool active_ = false;
};

struct ImportSummary {
    ImportRecord import;
    std::vector<std::pair<std::string, std::int64_t>> quarantined_by_code;  // code, rows; by code
};
// The imports LineDetailCursor reads, by import id, with their quarantine counts by reason.
[[nodiscard]] std::vector<ImportSummary> load_imports_touching(Database& db, const LineSelection& selection);

}  // namespace revshare::schema
