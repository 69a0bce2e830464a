#include "importers/field_reader.hpp"

#include "engine/core/number_limits.hpp"

namespace revshare::importers {

bool FieldReader::check_column_count() {
    if (record_.fields.size() == columns_.size()) return true;
    error_ = Diagnostic{};
    error_.location = SourceLocation{file_name_, record_.line, 0};
    error_.code = DiagnosticCode::column_count;
    error_.message = "expected " + std::to_string(columns_.size()) + " columns (as in the header), found " +
                     std::to_string(record_.fields.size());
    error_.hint = "a field with a comma must be quoted; check the row for a missing or extra separator";
    error_.raw_line = std::string(record_.raw.substr(0, 4096));
    return false;
}

std::string_view FieldReader::text(std::optional<std::size_t> position) const {
    if (!position || *position >= record_.fields.size()) return {};
    return record_.fields[*position];
}

std::string_view FieldReader::text_or_null(std::optional<std::size_t> position) const {
    const std::string_view value = text(position);
    return value == "NULL" ? std::string_view{} : value;
}

bool FieldReader::fail(DiagnosticCode code, std::optional<std::size_t> position, std::string message,
                       std::string hint) {
    error_ = Diagnostic{};
    error_.location = SourceLocation{file_name_, record_.line, position ? static_cast<std::int64_t>(*position) + 1 : 0};
    error_.code = code;
    error_.field = position ? columns_.name(*position) : std::string{};
    error_.message = error_.field.empty() ? std::move(message) : error_.field + ": " + message;
    error_.hint = std::move(hint);
    error_.raw_line = std::string(record_.raw.substr(0, 4096));
    return false;
}

bool FieldReader::decimal(std::optional<std::size_t> position, std::optional<Decimal>& value, bool null_literal) {
    const std::string_view cell = null_literal ? text_or_null(position) : text(position);
    value.reset();
    if (cell.find_first_not_of(" \t") == std::string_view::npos) return true;
    std::string why;
    value = Decimal::parse(cell, &why);
    if (!value) {
        return fail(DiagnosticCode::bad_number, position, "'" + std::string(cell.substr(0, 60)) + "' is not a number (" + why + ")",
                    "expected a decimal such as -3.5, 0.0000012345 or 1.2E-7");
    }
    return true;
}

bool FieldReader::cost(std::optional<std::size_t> position, std::optional<Decimal>& value, bool null_literal) {
    if (!decimal(position, value, null_literal)) return false;
    if (!value) return true;
    if (const auto problem = cost_limit_problem(*value)) {
        const std::string_view cell = text(position);
        return fail(DiagnosticCode::bad_number, position, "'" + std::string(cell.substr(0, 60)) + "' is " + *problem,
                    "a cost this large or this precise is not a real charge; check the export");
    }
    return true;
}

bool FieldReader::instant(std::optional<std::size_t> position, Instant& value) {
    std::optional<Instant> parsed;
    if (!optional_instant(position, parsed)) return false;
    if (!parsed) return fail(DiagnosticCode::missing_value, position, "a date is required here");
    value = *parsed;
    return true;
}

bool FieldReader::optional_instant(std::optional<std::size_t> position, std::optional<Instant>& value) {
    const std::string_view cell = text_or_null(position);
    value.reset();
    if (cell.empty()) return true;
    std::string why;
    value = parse_instant(cell, &why);
    if (!value) {
        return fail(DiagnosticCode::bad_date, position,
                    "'" + std::string(cell.substr(0, 60)) + "' is " + (why.empty() ? "not a valid date" : why),
                    "expected 2026-04-28T00:00:00Z, 2026-04-28 00:00:00, 2026-04-28 or 04/28/2026");
    }
    return true;
}

std::string normalise_tags(std::string_view tags) {
    std::size_t begin = tags.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return {};
    std::size_t end = tags.find_last_not_of(" \t");
    const std::string_view trimmed = tags.substr(begin, end - begin + 1);
    if (trimmed == "NULL" || trimmed == "{}") return trimmed == "{}" ? "{}" : "";
    if (trimmed.front() == '{') return std::string(trimmed);
    return "{" + std::string(trimmed) + "}";
}

}  // namespace revshare::importers
