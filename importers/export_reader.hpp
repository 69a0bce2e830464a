#pragma once
// ExportReader: one export file as a stream of normalised lines and rejected rows.
// Reads the header, recognises the format (or takes a forced one), binds the row mapper once,
// then yields each data row as a UsageRecord or a Diagnostic. Streaming: never holds more
// than one record.
#include "engine/core/diagnostic.hpp"
#include "engine/core/usage_record.hpp"
#include "importers/csv/csv_reader.hpp"
#include "importers/format.hpp"
#include "importers/row_mapper.hpp"

#include <memory>
#include <optional>
#include <string>

namespace revshare::importers {

class ExportReader {
public:
    // nullptr and `error` (unknown_format, broken_header, empty_file, ...) when the file is
    // refused as a whole. `display_name` is what diagnostics call the file. Rows are mapped as
    // version `mapping` maps them (the import's own version when a delivery is read again).
    // Throws revshare::Error when the file cannot be read at all.
    [[nodiscard]] static std::unique_ptr<ExportReader> open(const std::string& path, const std::string& display_name,
                                                            std::optional<Format> forced_format, Diagnostic& error,
                                                            Mapping mapping = current_mapping);
    // The same for the bytes of `source` (open_byte_source(DeliveredFile&) for an import).
    [[nodiscard]] static std::unique_ptr<ExportReader> open(std::unique_ptr<ByteSource> source,
                                                            const std::string& display_name,
                                                            std::optional<Format> forced_format, Diagnostic& error,
                                                            Mapping mapping = current_mapping);

    enum class Status { line, rejected, end };
    // `rejected` fills `error` and, when the record could be read, `raw` with its bytes.
    Status next(UsageRecord& line, Diagnostic& error);

    [[nodiscard]] Format format() const { return format_; }
    [[nodiscard]] std::int64_t rows_read() const { return rows_read_; }
    [[nodiscard]] std::uint64_t file_bytes_read() const { return reader_->file_bytes_read(); }
    [[nodiscard]] const std::vector<std::string>& header() const { return header_; }
    // What the import summary says about the file beyond its counts: a column a fallback stood in
    // for, the rows that lacked the header's last (optional) column. Complete once next() ended.
    [[nodiscard]] std::vector<std::string> notes() const;

private:
    ExportReader() = default;
    void name_nul_column(Diagnostic& error) const;  // the CSV reader knows its number only
    std::unique_ptr<CsvReader> reader_;
    std::unique_ptr<RowMapper> mapper_;
    std::vector<std::string> header_;
    Format format_ = Format::focus;
    Mapping mapping_ = current_mapping;
    std::int64_t rows_read_ = 0;
    std::int64_t rows_without_last_column_ = 0;
    // Whether the file's first data row lacked the header's last cell: only then may a row
    // read that cell as empty (a file whose rows carry it has a row that lost a cell).
    std::optional<bool> rows_lack_last_column_;
    // Lines charged outside their own billing period, and the first of them.
    std::int64_t lines_outside_billing_period_ = 0;
    UsageRecord first_outside_billing_period_;
    CsvRecord record_;
};

// Header names as compared: surrounding spaces trimmed; a localised Azure portal name with the
// English name in parentheses (`Abonnement-GUID (SubscriptionGuid)`) becomes the English name.
[[nodiscard]] std::string normalise_header_name(std::string_view name);

}  // namespace revshare::importers
