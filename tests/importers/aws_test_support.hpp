#pragma once
// Helpers for the AWS CUR importer tests: read a whole export through ExportReader, and build
// CSV rows by column name so that a test states only the cells it is about.
#include "engine/core/diagnostic.hpp"
#include "engine/core/usage_record.hpp"
#include "importers/export_reader.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace revshare::testing::aws {

using Cells = std::map<std::string, std::string>;

struct Imported {
    std::optional<Diagnostic> refused;  // set when the file as a whole was refused
    importers::Format format = importers::Format::focus;
    std::int64_t rows_read = 0;
    std::vector<UsageRecord> lines;
    std::vector<Diagnostic> rejects;

    // The line that came from physical line `source_line` (REQUIREs that there is one).
    [[nodiscard]] const UsageRecord& at(std::int64_t source_line) const {
        for (const auto& line : lines) {
            if (line.source_line == source_line) return line;
        }
        FAIL("no normalised line from source line " << source_line);
        return lines.front();
    }
};

inline Imported import_path(const std::filesystem::path& path, const std::string& display_name,
                            std::optional<importers::Format> forced = std::nullopt) {
    Imported result;
    Diagnostic error;
    auto reader = importers::ExportReader::open(path.string(), display_name, forced, error);
    if (!reader) {
        result.refused = error;
        return result;
    }
    result.format = reader->format();
    UsageRecord line;
    for (;;) {
        const auto status = reader->next(line, error);
        if (status == importers::ExportReader::Status::end) break;
        if (status == importers::ExportReader::Status::line) result.lines.push_back(line);
        else result.rejects.push_back(error);
    }
    result.rows_read = reader->rows_read();
    return result;
}

// Writes `content` as `name` in a fresh scratch directory and imports it.
inline Imported import_text(const std::string& content, const std::string& name = "f.csv",
                            std::optional<importers::Format> forced = std::nullopt) {
    const ScratchDir dir;
    write_file(dir / name, content);
    return import_path(dir / name, name, forced);
}

inline std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
    std::string quoted = "\"";
    for (const char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

inline std::string csv_line(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) line += ',';
        line += csv_field(fields[i]);
    }
    return line + "\n";
}

// One data row for `header`: the named cells set, every other cell empty. Every name must be
// a header column (a typo in a test must not pass silently).
inline std::string csv_row(const std::vector<std::string>& header, const Cells& cells) {
    std::vector<std::string> fields(header.size());
    for (const auto& cell : cells) {
        const auto& name = cell.first;  // not a structured binding: clang 14 cannot capture one in REQUIRE_MESSAGE
        const auto& value = cell.second;
        bool found = false;
        for (std::size_t i = 0; i < header.size() && !found; ++i) {
            if (header[i] == name) {
                fields[i] = value;
                found = true;
            }
        }
        REQUIRE_MESSAGE(found, "test row names a column the header lacks: " << name);
    }
    return csv_line(fields);
}

// `cells` with `overrides` applied (an override with an existing name replaces the cell).
inline Cells with(Cells cells, const Cells& overrides) {
    for (const auto& [name, value] : overrides) cells[name] = value;
    return cells;
}

// The real legacy sample's header (94 columns) plus a reservation ARN and three tag columns
// at the end (so the sample's column numbers still hold: lineItem/UnblendedCost is column 23).
inline const std::vector<std::string>& legacy_header() {
    static const std::vector<std::string> header = [] {
        std::ifstream in(samples_dir() / "aws-cur-legacy" / "focus_converters-sample-anonymous-aws-export-dataset.csv");
        std::string first_line;
        std::getline(in, first_line);
        std::vector<std::string> names;
        std::stringstream fields(first_line);
        for (std::string name; std::getline(fields, name, ',');) names.push_back(name);
        REQUIRE(names.size() == 94);
        for (const char* extra : {"reservation/ReservationARN", "resourceTags/user:team", "resourceTags/aws:createdBy",
                                  "resourceTags/user:Name"}) {
            names.emplace_back(extra);
        }
        return names;
    }();
    return header;
}

// A valid first-party Bedrock usage row for legacy_header().
inline const Cells usage_row = {
    {"identity/LineItemId", "x7tq2abcdabcd"},
    {"bill/InvoicingEntity", "Amazon Web Services, Inc."},
    {"bill/BillType", "Anniversary"},
    {"bill/PayerAccountId", "012345678901"},
    {"bill/BillingPeriodStartDate", "2025-03-01T00:00:00.000Z"},
    {"bill/BillingPeriodEndDate", "2025-04-01T00:00:00.000Z"},
    {"lineItem/UsageAccountId", "000011112222"},
    {"lineItem/LineItemType", "Usage"},
    {"lineItem/UsageStartDate", "2025-03-05T00:00:00.000Z"},
    {"lineItem/UsageEndDate", "2025-03-05T01:00:00.000Z"},
    {"lineItem/ProductCode", "AmazonBedrock"},
    {"lineItem/UsageType", "USE1-TitanTextExpress-input-tokens"},
    {"lineItem/Operation", "InvokeModelInference"},
    {"lineItem/UsageAmount", "1200"},
    {"lineItem/CurrencyCode", "USD"},
    {"lineItem/UnblendedCost", "0.00024"},
    {"lineItem/LegalEntity", "Amazon Web Services, Inc."},
    {"product/ProductName", "Amazon Bedrock"},
    {"product/sku", "ABCDEFGH12345678"},
    {"product/regionCode", "us-east-1"},
    {"product/region", "us-east-1"},
    {"pricing/publicOnDemandCost", "0.00024"},
    {"pricing/unit", "Units"},
};

inline std::string legacy_file(const std::vector<Cells>& rows) {
    std::string text = csv_line(legacy_header());
    for (const auto& row : rows) text += csv_row(legacy_header(), row);
    return text;
}

// Imports one legacy row (usage_row with `overrides`) and REQUIREs that it was accepted.
inline UsageRecord accepted(const Cells& overrides) {
    const Imported imported = import_text(legacy_file({with(usage_row, overrides)}));
    REQUIRE_FALSE(imported.refused.has_value());
    REQUIRE(imported.rejects.empty());
    REQUIRE(imported.lines.size() == 1);
    return imported.lines.front();
}

// Imports a valid row then the row with `overrides` (so the bad one is on line 3) and returns
// the one diagnostic.
inline Diagnostic rejected(const Cells& overrides) {
    const Imported imported = import_text(legacy_file({usage_row, with(usage_row, overrides)}));
    REQUIRE_FALSE(imported.refused.has_value());
    REQUIRE(imported.lines.size() == 1);
    REQUIRE(imported.rejects.size() == 1);
    return imported.rejects.front();
}

inline std::string cost_text(const std::optional<Decimal>& value) { return value ? value->to_string() : "(null)"; }

}  // namespace revshare::testing::aws
