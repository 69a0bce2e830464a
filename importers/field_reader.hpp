#pragma once
// FieldReader: typed access to one record's fields for a RowMapper, producing diagnostics that
// name file, line, column number and column name. Every parse goes through here so that all
// importers report bad numbers and dates the same way.
#include "engine/core/decimal.hpp"
#include "engine/core/diagnostic.hpp"
#include "engine/core/period.hpp"
#include "importers/column_index.hpp"
#include "importers/csv/csv_reader.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace revshare::importers {

class FieldReader {
public:
    FieldReader(const CsvRecord& record, const ColumnIndex& columns, const std::string& file_name, Diagnostic& error)
        : record_(record), columns_(columns), file_name_(file_name), error_(error) {}

    // Checks the field count against the header; false (with a column_count diagnostic) if not equal.
    bool check_column_count();

    // Raw text of the column at `position` (empty when absent: `position` nullopt).
    [[nodiscard]] std::string_view text(std::optional<std::size_t> position) const;
    // Text with the literal `NULL` of database dumps read as empty (FOCUS samples).
    [[nodiscard]] std::string_view text_or_null(std::optional<std::size_t> position) const;

    // Decimal; an empty cell (or NULL when `null_literal`) gives nullopt in `value`.
    // Returns false with a bad_number diagnostic on text that is not a number.
    bool decimal(std::optional<std::size_t> position, std::optional<Decimal>& value, bool null_literal = false);
    // A cost column: decimal() within the limits settlement needs (cost_limit_problem);
    // beyond them a bad_number diagnostic stating the limit.
    bool cost(std::optional<std::size_t> position, std::optional<Decimal>& value, bool null_literal = false);
    // Required instant (any form formats.md lists). False with bad_date/missing_value otherwise.
    bool instant(std::optional<std::size_t> position, Instant& value);
    // Optional instant: empty (or NULL) leaves `value` nullopt.
    bool optional_instant(std::optional<std::size_t> position, std::optional<Instant>& value);

    // Records a diagnostic about `position` and returns false (for mapper-specific checks).
    bool fail(DiagnosticCode code, std::optional<std::size_t> position, std::string message, std::string hint = {});

private:
    const CsvRecord& record_;
    const ColumnIndex& columns_;
    const std::string& file_name_;
    Diagnostic& error_;
};

// JSON object text for the `Tags` column: Azure EA's brace-less form gets braces; empty stays empty.
[[nodiscard]] std::string normalise_tags(std::string_view tags);

}  // namespace revshare::importers
