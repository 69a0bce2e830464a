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
        case DiagnosticCode::cr_line_ends: return "cr-line-ends";
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
        case DiagnosticCode::nul_in_field: return "nul-in-field";
        case DiagnosticCode::sign_mismatch: return "sign-mismatch";
        case DiagnosticCode::conflicting_version: return "conflicting-version";
        case DiagnosticCode::contract_invalid: return "contract-invalid";
        case DiagnosticCode::fx_invalid: return "fx-invalid";
    }
    return "unknown";
}

namespace {

// Length of the valid UTF-8 sequence at the start of `text` (no overlongs, surrogates or code
// points past U+10FFFF), or 0 when it is not one.
std::size_t utf8_sequence_length(std::string_view text) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) length = 3, low = lead == 0xE0 ? 0xA0 : 0x80, high = lead == 0xED ? 0x9F : 0xBF;
    else if (lead >= 0xF0 && lead <= 0xF4) length = 4, low = lead == 0xF0 ? 0x90 : 0x80, high = lead == 0xF4 ? 0x8F : 0xBF;
    else return 0;
    if (text.size() < length || byte(1) < low || byte(1) > high) return 0;
    for (std::size_t i = 2; i < length; ++i) {
        if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
    }
    return length;
}

}  // namespace

std::string printable(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string shown;
    shown.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t length = c < 0x80 ? (c < 0x20 || c == 0x7F ? 0 : 1) : utf8_sequence_length(text.substr(i));
        if (length == 0) {
            shown += "\\x";
            shown += hex[c >> 4];
            shown += hex[c & 0x0F];
            ++i;
            continue;
        }
        shown.append(text.substr(i, length));
        i += length;
    }
    return shown;
}

std::string utf8_escaped(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string shown;
    shown.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t length = c < 0x80 ? 1 : utf8_sequence_length(text.substr(i));
        if (length == 0) {
            shown += "\\x";
            shown += hex[c >> 4];
            shown += hex[c & 0x0F];
            ++i;
            continue;
        }
        shown.append(text.substr(i, length));
        i += length;
    }
    return shown;
}

std::string Diagnostic::headline() const {
    std::string text = printable(location.file);
    if (location.line > 0) text += ":" + std::to_string(location.line);
    if (location.column > 0) text += ":" + std::to_string(location.column);
    text += ": error[";
    text += diagnostic_code_name(code);
    text += "]: ";
    text += printable(message);
    return text;
}

std::string Diagnostic::render() const {
    std::string text = headline();
    if (!raw_line.empty()) {
        // Show at most 200 bytes of the raw record; exports have very long lines.
        constexpr std::size_t shown_max = 200;
        text += "\n    ";
        text += raw_line.size() > shown_max ? printable(raw_line.substr(0, shown_max)) + "..." : printable(raw_line);
    }
    if (!hint.empty()) text += "\nhint: " + printable(hint);
    return text;
}

}  // namespace revshare
