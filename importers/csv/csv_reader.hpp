#pragma once
// CsvReader: a streaming RFC 4180 reader. Handles a UTF-8 BOM, CRLF and LF line ends, quoted
// fields with commas, doubled quotes and newlines. A file with CR-only line ends (classic Mac
// OS) is refused as such at its first record (cr_line_ends); a record with a NUL byte is an
// error naming the field (nul_in_field). Memory is bounded by the longest record
// (limits::csv_record_bytes_max). A malformed record is reported as a Diagnostic and skipped;
// the reader then goes on with the next record.
#include "engine/core/diagnostic.hpp"
#include "importers/csv/byte_scan.hpp"
#include "importers/csv/byte_source.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::importers {

struct CsvRecord {
    std::int64_t line = 0;                // physical line (1-based) where the record starts
    std::vector<std::string_view> fields; // valid until the next call to next()
    std::string_view raw;                 // the record's bytes without its line end
};

class CsvReader {
public:
    enum class Status { record, error, end };

    CsvReader(std::unique_ptr<ByteSource> source, std::string file_name);

    // Fills `record` (Status::record), or `error` for a malformed record that was skipped
    // (Status::error), or reports the end of input (Status::end).
    Status next(CsvRecord& record, Diagnostic& error);

    [[nodiscard]] std::uint64_t file_bytes_read() const { return source_->file_bytes_read(); }
    [[nodiscard]] const std::string& file_name() const { return file_name_; }

private:
    // Makes at least `wanted` unconsumed bytes available if the input has them; false at end.
    bool fill(std::size_t wanted);
    Diagnostic make_error(DiagnosticCode code, std::string message, std::int64_t line, std::string_view raw,
                          std::int64_t column = 0) const;
    // Skips to just past the end of the current record (used after a record that is too long).
    void discard_rest_of_record(bool in_quotes);
    Status split_fields(std::string_view raw, std::int64_t line, CsvRecord& record, Diagnostic& error);
    Status split_unquoted(std::string_view raw, std::int64_t line, CsvRecord& record, Diagnostic& error);
    // A file whose lines end in CR alone reads as one huge record: refused by name instead.
    [[nodiscard]] bool has_cr_only_line_ends() const;
    Status refuse_cr_only_line_ends(Diagnostic& error);
    // A NUL byte in a field (a C string would end there): the record is an error naming the field.
    Status refuse_nul(CsvRecord& record, Diagnostic& error);

    std::unique_ptr<ByteSource> source_;
    std::string file_name_;
    std::string buffer_;       // unconsumed input starts at buffer_[position_]
    std::size_t position_ = 0;
    bool at_end_ = false;
    bool started_ = false;
    std::int64_t next_line_ = 1;
    std::string unquoted_;     // storage for fields that needed unquoting
    scan::ByteIndex commas_;   // the current record's commas
};

// The nul_in_field message for `field` ("field 5", or its column's name where known).
[[nodiscard]] std::string nul_in_field_message(const std::string& field);

// True when `bytes` is valid UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
[[nodiscard]] bool is_valid_utf8(std::string_view bytes);

}  // namespace revshare::importers
