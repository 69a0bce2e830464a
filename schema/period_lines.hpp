#pragma once
// The current (not superseded) normalised lines of one period, streamed from SQLite into the
// settlement engine, and the text dictionary behind their text ids.
#include "engine/core/period.hpp"
#include "engine/core/usage_record.hpp"
#include "engine/settle/settle_inputs.hpp"
#include "schema/database.hpp"

#include <SQLiteCpp/Statement.h>

#include <map>
#include <string>
#include <vector>

namespace revshare::schema {

// Which lines count: those of scopes not superseded, imported up to `import_high_water`
// (a replay passes the high-water mark of the run it replays; settle passes the newest).
struct LineSelection {
    Period period;
    CostColumn cost_column = CostColumn::BilledCost;
    std::int64_t import_high_water = 0;
};

class PeriodLineSource final : public settle::LineSource {
public:
    PeriodLineSource(Database& db, const LineSelection& selection);
    bool next(settle::LineInput& line) override;

private:
    SQLite::Statement query_;
};

class StoredTextDictionary final : public rules::TextDictionary {
public:
    explicit StoredTextDictionary(Database& db);
    [[nodiscard]] const std::string& text(std::int64_t id) const override;

private:
    mutable SQLite::Statement query_;
    mutable std::map<std::int64_t, std::string> cache_;
};

[[nodiscard]] std::int64_t load_import_high_water(Database& db);
// Sorted ids of the imports that have current lines in the selection.
[[nodiscard]] std::vector<std::int64_t> load_imports_in_selection(Database& db, const LineSelection& selection);
// Sorted ids of the scopes that have current lines in the selection (changes when an import
// adds lines or supersedes a scope): part of a settlement's input fingerprint.
[[nodiscard]] std::vector<std::int64_t> load_scopes_in_selection(Database& db, const LineSelection& selection);
// Number of current lines in the period (any cost), for deciding whether a period has data.
[[nodiscard]] std::int64_t count_lines_in_selection(Database& db, const LineSelection& selection);
// Periods (sorted) that have current lines, from the first to the last.
[[nodiscard]] std::vector<Period> load_periods_with_lines(Database& db);

}  // namespace revshare::schema
