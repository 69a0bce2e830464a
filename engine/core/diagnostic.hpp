#pragma once
// Bad input is a value (STYLE.md section 3.1): a Diagnostic names the place, a stable code,
// a message a person can act on, and a hint. Printed as
//   file:line:col: error[code]: message
//     <raw line>
//     ^
//   hint: ...
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace revshare {

struct SourceLocation {
    std::string file;
    std::int64_t line = 0;    // 1-based physical line where the record starts; 0 = whole file
    std::int64_t column = 0;  // 1-based CSV column (field number); 0 = whole line
};

enum class DiagnosticCode {
    // file level (refuse the file)
    unreadable_file,
    empty_file,
    not_gzip,
    truncated_gzip,
    unknown_format,
    broken_header,
    cr_line_ends,  // only carriage returns end the lines (classic Mac OS): refused, to convert
    // record level (quarantine the row)
    unterminated_quote,
    bad_quote,
    record_too_long,
    too_many_columns,
    column_count,
    invalid_utf8,
    bad_number,
    bad_date,
    bad_currency,
    missing_value,
    unknown_charge_type,
    number_out_of_range,
    bad_json,  // a JSON cell (CUR 2.0 map columns) that is not a flat JSON object
    nul_in_field,  // a NUL byte in a field: no text field holds one (it would cut the text there)
    sign_mismatch,        // a seller row whose amount's sign contradicts its transaction type
    conflicting_version,  // a seller event's version delivered with other contents than known
    // contract and FX files
    contract_invalid,
    fx_invalid,
};

[[nodiscard]] std::string_view diagnostic_code_name(DiagnosticCode code);

struct Diagnostic {
    SourceLocation location;
    DiagnosticCode code;
    std::string message;
    std::string hint;      // optional
    std::string field;     // optional: column or field name the message is about
    std::string raw_line;  // optional: the source text, for the caret display

    // `file:line:col: error[code]: message` (the first line only).
    [[nodiscard]] std::string headline() const;
    // The full multi-line form with raw line, caret and hint.
    [[nodiscard]] std::string render() const;
};

using Diagnostics = std::vector<Diagnostic>;

// Text that came from input (a file name, a field, a stored name, an error message quoting
// them) as it is safe to print on a terminal or in a log line: control characters (newline,
// ESC, NUL, ...) and bytes that are not UTF-8 become \xNN, so that a hostile or broken name
// can neither send escape sequences to the person reading nor forge a line of output. Valid
// UTF-8 text without control characters is unchanged. Every message that shows input uses it.
[[nodiscard]] std::string printable(std::string_view text);

// `text` with only the bytes that are not UTF-8 escaped, as printable() escapes them (`\xFF`);
// control characters stay. For a text cell of a report (a CSV, a workbook must be UTF-8) whose
// value no import checked: a file name is any bytes.
[[nodiscard]] std::string utf8_escaped(std::string_view text);

}  // namespace revshare
