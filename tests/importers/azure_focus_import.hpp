#pragma once
// Test helpers for the Azure and FOCUS importer tests: read a whole export through
// ExportReader (as the import stage does) and look at its lines and rejects.
#include "engine/core/usage_record.hpp"
#include "importers/csv/byte_source.hpp"
#include "importers/csv/csv_reader.hpp"
#include "importers/export_reader.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace revshare::testing {

struct ImportedFile {
    importers::Format format = importers::Format::focus;
    std::vector<std::string> header;
    std::vector<UsageRecord> lines;
    std::vector<Diagnostic> rejects;
    std::int64_t rows_read = 0;
    std::vector<std::string> notes;  // ExportReader::notes() once every row was read
};

// Opens `path` (the format detected from its header unless `forced`) and reads every row.
inline ImportedFile import_file(const std::filesystem::path& path, const std::string& display_name,
                                std::optional<importers::Format> forced = std::nullopt,
                                importers::Mapping mapping = importers::current_mapping) {
    Diagnostic error;
    auto reader = importers::ExportReader::open(path.string(), display_name, forced, error, mapping);
    REQUIRE_MESSAGE(reader != nullptr, error.render());
    ImportedFile file;
    file.format = reader->format();
    file.header = reader->header();
    UsageRecord line;
    for (;;) {
        const auto status = reader->next(line, error);
        if (status == importers::ExportReader::Status::end) break;
        if (status == importers::ExportReader::Status::line) file.lines.push_back(line);
        if (status == importers::ExportReader::Status::rejected) file.rejects.push_back(error);
    }
    file.rows_read = reader->rows_read();
    file.notes = reader->notes();
    CHECK(static_cast<std::int64_t>(file.lines.size() + file.rejects.size()) == file.rows_read);
    return file;
}

// Writes `content` as `name` in `dir` and imports it; diagnostics call the file `name`.
inline ImportedFile import_text(const ScratchDir& dir, const std::string& name, const std::string& content,
                                std::optional<importers::Format> forced = std::nullopt) {
    write_file(dir / name, content);
    return import_file(dir / name, name, forced);
}

// The diagnostic that refuses the whole file (opening must fail).
inline Diagnostic open_error(const ScratchDir& dir, const std::string& name, const std::string& content,
                             std::optional<importers::Format> forced = std::nullopt) {
    write_file(dir / name, content);
    Diagnostic error;
    auto reader = importers::ExportReader::open((dir / name).string(), name, forced, error);
    CHECK(reader == nullptr);
    return error;
}

// The line that came from physical line `source_line`.
inline const UsageRecord& line_at(const ImportedFile& file, std::int64_t source_line) {
    for (const auto& line : file.lines) {
        if (line.source_line == source_line) return line;
    }
    FAIL("no imported line from source line " << source_line);
    return file.lines.front();
}

// Canonical text of an optional Decimal; `null` when empty.
inline std::string text_of(const std::optional<Decimal>& value) { return value ? value->to_string() : "null"; }

inline std::string total_of(const std::vector<UsageRecord>& lines, CostColumn column) {
    Decimal total;
    for (const auto& line : lines) {
        if (line.get(column)) total += *line.get(column);
    }
    return total.to_string();
}

inline std::string total_quantity_of(const std::vector<UsageRecord>& lines) {
    Decimal total;
    for (const auto& line : lines) {
        if (line.consumed_quantity) total += *line.consumed_quantity;
    }
    return total.to_string();
}

inline std::string instant_text(Instant instant) { return format_instant(instant); }

// An expected-lines file (fixtures/equivalence/*-expected.csv): its header, then one row per line.
struct ExpectedLines {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

inline ExpectedLines read_expected_lines(const std::filesystem::path& path) {
    importers::CsvReader reader(importers::open_byte_source(path.string()), path.filename().string());
    importers::CsvRecord record;
    Diagnostic error;
    ExpectedLines expected;
    while (reader.next(record, error) == importers::CsvReader::Status::record) {
        std::vector<std::string> fields(record.fields.begin(), record.fields.end());
        if (expected.header.empty()) {
            expected.header = std::move(fields);
        } else {
            expected.rows.push_back(std::move(fields));
        }
    }
    REQUIRE_FALSE(expected.header.empty());
    return expected;
}

// The value of the normalised-line field `column` as the expected files write it: canonical
// decimals, `YYYY-MM-DDTHH:MM:SSZ`, empty for null.
inline std::string field_text(const UsageRecord& line, const std::string& column) {
    if (const auto text = text_column_from_name(column)) return line.get(*text);
    if (const auto cost = cost_column_from_name(column)) return line.get(*cost) ? line.get(*cost)->to_string() : "";
    if (column == "source_line") return std::to_string(line.source_line);
    if (column == "ConsumedQuantity") return line.consumed_quantity ? line.consumed_quantity->to_string() : "";
    if (column == "BillingPeriodStart") return format_instant(line.billing_period_start);
    if (column == "BillingPeriodEnd") return format_instant(line.billing_period_end);
    if (column == "ChargePeriodStart") return format_instant(line.charge_period_start);
    if (column == "ChargePeriodEnd") return format_instant(line.charge_period_end);
    if (column == "Tags") return line.tags;
    FAIL("unknown normalised-line column " << column);
    return {};
}

inline void check_lines_equal(const std::vector<UsageRecord>& lines, const ExpectedLines& expected) {
    REQUIRE(lines.size() == expected.rows.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        for (std::size_t c = 0; c < expected.header.size(); ++c) {
            CAPTURE(i);
            CAPTURE(expected.header[c]);
            CHECK(field_text(lines[i], expected.header[c]) == expected.rows[i][c]);
        }
    }
}

// Builds small CSV texts for tests: a header and rows from default values, with changes.
class CsvText {
public:
    explicit CsvText(std::vector<std::pair<std::string, std::string>> defaults) : defaults_(std::move(defaults)) {}

    // The header row; `without` names a column to leave out.
    [[nodiscard]] std::string header(const std::string& without = {}) const {
        std::string text;
        for (const auto& [name, value] : defaults_) {
            if (name != without) text += (text.empty() ? "" : ",") + name;
        }
        return text + "\n";
    }

    // A data row with the default values, `changes` applied; `without` as in header().
    [[nodiscard]] std::string row(const std::map<std::string, std::string>& changes = {},
                                  const std::string& without = {}) const {
        // Not a structured binding: clang 14 cannot capture one in REQUIRE_MESSAGE.
        for (const auto& change : changes) REQUIRE_MESSAGE(has(change.first), "no column " << change.first);
        std::string text;
        bool first = true;
        for (const auto& [name, value] : defaults_) {
            if (name == without) continue;
            const auto changed = changes.find(name);
            text += (first ? "" : ",") + quoted(changed == changes.end() ? value : changed->second);
            first = false;
        }
        return text + "\n";
    }

    // 1-based column number of `name` (as diagnostics report it).
    [[nodiscard]] std::size_t column(const std::string& name) const {
        for (std::size_t i = 0; i < defaults_.size(); ++i) {
            if (defaults_[i].first == name) return i + 1;
        }
        FAIL("no column " << name);
        return 0;
    }

private:
    [[nodiscard]] bool has(const std::string& name) const {
        for (const auto& column : defaults_) {
            if (column.first == name) return true;
        }
        return false;
    }
    static std::string quoted(const std::string& value) {
        if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
        std::string text = "\"";
        for (char c : value) text += c == '"' ? std::string("\"\"") : std::string(1, c);
        return text + "\"";
    }
    std::vector<std::pair<std::string, std::string>> defaults_;
};

}  // namespace revshare::testing
