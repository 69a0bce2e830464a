#include "importers/csv/csv_reader.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/limits.hpp"
#include "importers/csv/byte_scan.hpp"

#include <algorithm>
#include <cstring>

namespace revshare::importers {
namespace {
constexpr std::size_t chunk_bytes = 1 << 20;
}

CsvReader::CsvReader(std::unique_ptr<ByteSource> source, std::string file_name)
    : source_(std::move(source)), file_name_(std::move(file_name)) {
    ENGINE_ASSERT(source_ != nullptr);
}

bool CsvReader::fill(std::size_t wanted) {
    while (buffer_.size() - position_ < wanted && !at_end_) {
        if (position_ > 0) {
            buffer_.erase(0, position_);
            position_ = 0;
        }
        const std::size_t old_size = buffer_.size();
        buffer_.resize(old_size + chunk_bytes);
        const std::size_t count = source_->read(buffer_.data() + old_size, chunk_bytes);
        buffer_.resize(old_size + count);
        if (count == 0) at_end_ = true;
    }
    return buffer_.size() - position_ >= wanted;
}

Diagnostic CsvReader::make_error(DiagnosticCode code, std::string message, std::int64_t line, std::string_view raw,
                                 std::int64_t column) const {
    Diagnostic diagnostic;
    diagnostic.location = SourceLocation{file_name_, line, column};
    diagnostic.code = code;
    diagnostic.message = std::move(message);
    diagnostic.raw_line = std::string(raw.substr(0, 4096));
    return diagnostic;
}

void CsvReader::discard_rest_of_record(bool in_quotes) {
    while (fill(1)) {
        while (position_ < buffer_.size()) {
            const char c = buffer_[position_++];
            if (c == '"') {
                in_quotes = !in_quotes;
            } else if (c == '\n') {
                ++next_line_;
                if (!in_quotes) return;
            }
        }
    }
}

namespace {
// Advances `offset` to the record's newline (true) or to `available` (false, more input
// needed), keeping track of quotes (a doubled quote closes and reopens: same result) and of
// the newlines inside quoted fields. Restartable: the state lives in the arguments.
bool scan_to_record_end(const char* data, std::size_t available, std::size_t& offset, bool& in_quotes,
                        std::int64_t& newlines_inside) {
    while (offset < available) {
        if (!in_quotes) {
            offset += scan::find_either(data + offset, available - offset, '\n', '"');
            if (offset == available) return false;
            if (data[offset] == '\n') return true;
            in_quotes = true;
            ++offset;
        } else {
            const std::size_t quote = offset + scan::find_byte(data + offset, available - offset, '"');
            newlines_inside += static_cast<std::int64_t>(scan::count_byte(data + offset, quote - offset, '\n'));
            offset = quote;
            if (offset == available) return false;
            in_quotes = false;
            ++offset;
        }
    }
    return false;
}
}  // namespace

CsvReader::Status CsvReader::next(CsvRecord& record, Diagnostic& error) {
    if (!started_) {
        started_ = true;
        if (fill(3) && buffer_.compare(position_, 3, "\xEF\xBB\xBF") == 0) position_ += 3;
        if (has_cr_only_line_ends()) return refuse_cr_only_line_ends(error);
    }
    if (!fill(1)) return Status::end;

    // Find the end of the record: a newline outside quotes. Scan is restartable across refills.
    const std::int64_t start_line = next_line_;
    std::size_t offset = 0;       // relative to position_
    std::int64_t newlines_inside = 0;
    bool in_quotes = false;
    for (;;) {
        const std::size_t available = buffer_.size() - position_;
        const char* data = buffer_.data() + position_;
        if (scan_to_record_end(data, available, offset, in_quotes, newlines_inside)) break;  // found it
        if (offset > limits::csv_record_bytes_max) {
            const std::string_view raw(buffer_.data() + position_, 200);
            error = make_error(DiagnosticCode::record_too_long,
                               "record longer than " + std::to_string(limits::csv_record_bytes_max) + " bytes",
                               start_line, raw);
            error.hint = "a field this large is not a usage line; check how the file was produced";
            position_ += offset;
            next_line_ += newlines_inside;
            discard_rest_of_record(in_quotes);
            return Status::error;
        }
        if (!fill(available + 1)) {
            // End of input: the last record has no newline.
            if (in_quotes) {
                // fill() may have moved the buffer: take the record's bytes afresh.
                const std::string_view raw(buffer_.data() + position_,
                                           std::min<std::size_t>(buffer_.size() - position_, 4096));
                error = make_error(DiagnosticCode::unterminated_quote,
                                   "a quoted field is not closed before the end of the file", start_line, raw);
                error.hint = "the file may be truncated; ask for it to be delivered again";
                position_ = buffer_.size();
                next_line_ += newlines_inside;
                return Status::error;
            }
            break;
        }
    }
    const std::size_t record_bytes = std::min(offset, buffer_.size() - position_);
    std::string_view raw(buffer_.data() + position_, record_bytes);
    position_ += record_bytes;
    if (position_ < buffer_.size()) ++position_;  // the newline itself
    next_line_ += newlines_inside + 1;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    const Status status = split_fields(raw, start_line, record, error);
    if (status == Status::record && scan::find_byte(raw.data(), raw.size(), '\0') != raw.size()) {
        return refuse_nul(record, error);
    }
    return status;
}

std::string nul_in_field_message(const std::string& field) {
    return "a NUL byte (\\x00) in " + field + ": no text may hold one (the text would be cut there)";
}

bool CsvReader::has_cr_only_line_ends() const {
    // The first chunk is buffered: its first carriage return, if it comes before the first line
    // feed and is not followed by one, ends a line in a file without line feeds.
    const std::string_view data(buffer_.data() + position_, buffer_.size() - position_);
    const std::size_t line_feed = scan::find_byte(data.data(), data.size(), '\n');
    const std::size_t carriage_return = scan::find_byte(data.data(), line_feed, '\r');
    return carriage_return + 1 < data.size() && carriage_return < line_feed && data[carriage_return + 1] != '\n';
}

CsvReader::Status CsvReader::refuse_cr_only_line_ends(Diagnostic& error) {
    error = make_error(DiagnosticCode::cr_line_ends,
                       "the file's lines end in a carriage return alone (CR, as classic Mac OS wrote text), not in a "
                       "line feed (LF or CRLF): it cannot be read as CSV",
                       1, std::string_view(buffer_.data() + position_, std::min<std::size_t>(buffer_.size() - position_, 200)));
    error.hint = "convert its line ends to LF, e.g. tr '\\r' '\\n' < FILE > FILE-lf.csv (or save it again as CSV UTF-8), "
                 "and import the converted file";
    position_ = buffer_.size();  // nothing more is read from this file
    at_end_ = true;
    return Status::error;
}

CsvReader::Status CsvReader::refuse_nul(CsvRecord& record, Diagnostic& error) {
    std::size_t field = 0;
    while (field + 1 < record.fields.size() &&
           scan::find_byte(record.fields[field].data(), record.fields[field].size(), '\0') == record.fields[field].size()) {
        ++field;
    }
    error = make_error(DiagnosticCode::nul_in_field,
                       nul_in_field_message("field " + std::to_string(field + 1)),
                       record.line, record.raw, static_cast<std::int64_t>(field + 1));
    error.hint = "the file is damaged or was not written as text; ask for it to be delivered again";
    record.fields.clear();
    return Status::error;
}

CsvReader::Status CsvReader::split_fields(std::string_view raw, std::int64_t line, CsvRecord& record,
                                          Diagnostic& error) {
    record.line = line;
    record.raw = raw;
    // record.fields keeps its size from the record before: records have the same number of
    // fields, so resizing it to this one's initialises nothing (an error clears it).
    if (!scan::is_ascii(raw.data(), raw.size()) && !is_valid_utf8(raw)) {
        record.fields.clear();
        error = make_error(DiagnosticCode::invalid_utf8, "the record is not valid UTF-8", line, raw);
        error.hint = "export the file as UTF-8";
        return Status::error;
    }
    commas_.index(raw.data(), raw.size(), ',');
    if (scan::find_byte(raw.data(), raw.size(), '"') == raw.size()) return split_unquoted(raw, line, record, error);
    // Room for every field: at most one more than the commas, and than the column limit (the
    // loop stops there). Unquoting storage is reserved for the whole record, so views into it
    // stay valid (no reallocation).
    record.fields.resize(std::min(commas_.count(), limits::csv_columns_max) + 1);
    std::string_view* fields = record.fields.data();
    std::size_t count = 0;
    const auto fail = [&](DiagnosticCode code, std::string message, std::int64_t column) {
        record.fields.clear();
        error = make_error(code, std::move(message), line, raw, column);
        return Status::error;
    };
    unquoted_.clear();
    unquoted_.reserve(raw.size());
    std::size_t i = 0;
    for (;;) {
        if (count >= limits::csv_columns_max) {
            return fail(DiagnosticCode::too_many_columns, "more than " + std::to_string(limits::csv_columns_max) + " columns", 0);
        }
        if (i < raw.size() && raw[i] == '"') {
            const std::size_t begin = unquoted_.size();
            ++i;
            for (;;) {
                const std::size_t quote = raw.find('"', i);
                if (quote == std::string_view::npos) {
                    return fail(DiagnosticCode::unterminated_quote, "a quoted field is not closed",
                                static_cast<std::int64_t>(count + 1));
                }
                unquoted_.append(raw.substr(i, quote - i));
                i = quote + 1;
                if (i < raw.size() && raw[i] == '"') {
                    unquoted_.push_back('"');
                    ++i;
                    continue;
                }
                break;
            }
            fields[count++] = std::string_view(unquoted_.data() + begin, unquoted_.size() - begin);
            if (i < raw.size() && raw[i] != ',') {
                return fail(DiagnosticCode::bad_quote,
                            "text after the closing quote of a field (a quote inside a field must be doubled)",
                            static_cast<std::int64_t>(count));
            }
        } else {
            const std::size_t end = commas_.next_from(i);  // raw.size() when there is no comma
            fields[count++] = raw.substr(i, end - i);
            i = end;
        }
        if (i >= raw.size()) break;
        ++i;  // the comma
        if (i == raw.size()) {  // trailing comma: one more empty field
            fields[count++] = std::string_view();
            break;
        }
    }
    ENGINE_ASSERT(count <= record.fields.size());
    ENGINE_ASSERT(unquoted_.size() <= raw.size());  // views into unquoted_ stayed valid
    record.fields.resize(count);
    return Status::record;
}

// The common record, without any quote: fields are the text between commas (commas_ holds
// them), as views into the buffer. Same results and limits as the general path above.
CsvReader::Status CsvReader::split_unquoted(std::string_view raw, std::int64_t line, CsvRecord& record,
                                            Diagnostic& error) {
    const std::size_t commas = commas_.count();
    // A trailing comma's empty field is not counted against the limit (as above).
    const std::size_t separating = commas - (commas > 0 && raw.back() == ',' ? 1 : 0);
    if (separating >= limits::csv_columns_max) {
        record.fields.clear();
        error = make_error(DiagnosticCode::too_many_columns,
                           "more than " + std::to_string(limits::csv_columns_max) + " columns", line, raw);
        return Status::error;
    }
    record.fields.resize(commas + 1);
    std::string_view* fields = record.fields.data();
    std::size_t start = 0;
    for (std::size_t k = 0; k < commas; ++k) {
        const std::size_t comma = commas_.offset(k);
        fields[k] = raw.substr(start, comma - start);
        start = comma + 1;
    }
    fields[commas] = raw.substr(start);  // after a trailing comma: empty
    return Status::record;
}

bool is_valid_utf8(std::string_view bytes) {
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        // Fast path: 8 ASCII bytes at a time.
        if (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, s + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = s[i];
        if (c < 0x80) { ++i; continue; }
        std::size_t length;
        std::uint32_t code;
        if ((c & 0xE0) == 0xC0) { length = 2; code = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { length = 3; code = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { length = 4; code = c & 0x07; }
        else return false;
        if (i + length > n) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            code = (code << 6) | (s[i + k] & 0x3F);
        }
        if ((length == 2 && code < 0x80) || (length == 3 && code < 0x800) || (length == 4 && code < 0x10000)) return false;
        if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        i += length;
    }
    return true;
}

}  // namespace revshare::importers
