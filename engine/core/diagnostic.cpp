#include "engine/core/diagnostic.hpp"

namespace revshare {

std::string_view diagnostic_code_name(DiagnosticCode code) {
    switch (code) {
        case DiagnosticCode::unreadable_file: return "unreadable-file";
        case DiagnosticCode::empty_file: return "empty-file";
        case DiagnosticCode::not_gzip: return "not-gzip";
        case DiagnosticCode::truncated_gzip: return "truncated-gzip";
        case DiagnosticCode::unknown_format: return "unknown-format";
        case DiagnosticCode::broken_header: return "broken-header";
        case DiagnosticCode::unterminated_quote: return "unterminated-quote";
        case DiagnosticCode::bad_quote: return "bad-quote";
        case DiagnosticCode::record_too_long: return "record-too-long";
        case DiagnosticCode::too_many_columns: return "too-many-columns";
        case DiagnosticCode::column_count: return "column-count";
        case DiagnosticCode::invalid_utf8: return "invalid-utf8";
        case DiagnosticCode::bad_number: return "bad-number";
        case DiagnosticCode::bad_date: return "bad-date";
        case DiagnosticCode::bad_currency: return "bad-currency";
        case DiagnosticCode::missing_value: return "missing-value";
        case DiagnosticCode::unknown_charge_type: return "unknown-charge-type";
        case DiagnosticCode::number_out_of_range: return "number-out-of-range";
        case DiagnosticCode::bad_json: return "bad-json";
        case DiagnosticCode::contract_invalid: return "contract-invalid";
        case DiagnosticCode::fx_invalid: return "fx-invalid";
    }
    return "unknown";
}

std::string Diagnostic::headline() const {
    std::string text = location.file;
    if (location.line > 0) text += ":" + std::to_string(location.line);
    if (location.column > 0) text += ":" + std::to_string(location.column);
    text += ": error[";
    text += diagnostic_code_name(code);
    text += "]: ";
    text += message;
    return text;
}

std::string Diagnostic::render() const {
    std::string text = headline();
    if (!raw_line.empty()) {
        // Show at most 200 bytes of the raw record; exports have very long lines.
        constexpr std::size_t shown_max = 200;
        text += "\n    ";
        text += raw_line.size() > shown_max ? raw_line.substr(0, shown_max) + "..." : raw_line;
    }
    if (!hint.empty()) text += "\nhint: " + hint;
    return text;
}

}  // namespace revshare
