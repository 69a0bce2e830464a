#pragma once
// The lines and quarantined rows of one import as stored, in the form the import stored them
// (texts resolved, numbers as their canonical decimal text), in source-line order: what
// `verify --deep` compares with the archived delivery read again (jobs/delivered_lines_check).
#include "engine/core/usage_record.hpp"
#include "schema/database.hpp"

#include <SQLiteCpp/Statement.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace revshare::schema {

inline constexpr std::size_t line_number_count = 5;  // billed, effective, list, contracted cost; consumed quantity

struct StoredLineText {
    std::int64_t source_line = 0;
    std::int64_t charge_period_start = 0;  // seconds
    std::int64_t charge_period_end = 0;
    std::int64_t billing_period_start = 0;
    std::int64_t billing_period_end = 0;
    std::array<std::string, text_column_count + 1> texts;  // the TextColumns in order, then tags
    std::array<std::optional<std::string>, line_number_count> numbers;
    friend bool operator==(const StoredLineText&, const StoredLineText&) = default;
};

// The lines settle and report read: those of the import in the line_id range its scope periods
// record (a line stored outside it is read by nothing; verify's row counts find it).
class StoredLineCursor {
public:
    StoredLineCursor(Database& db, std::int64_t import_id);
    // The next line by source line; false after the last (and on every call after it).
    bool next(StoredLineText& line);

private:
    [[nodiscard]] const std::string& text(std::int64_t text_id);
    SQLite::Statement query_;
    SQLite::Statement text_query_;
    bool done_ = false;
    std::unordered_map<std::int64_t, std::string> texts_;
};

struct StoredQuarantineRow {
    std::int64_t source_line = 0;
    std::int64_t column_number = 0;
    std::string field;
    std::string code;
    std::string reason;
    std::string raw;
    friend bool operator==(const StoredQuarantineRow&, const StoredQuarantineRow&) = default;
};

// The quarantined rows of `import_id`, by source line.
[[nodiscard]] std::vector<StoredQuarantineRow> load_quarantine_rows(Database& db, std::int64_t import_id);

}  // namespace revshare::schema
