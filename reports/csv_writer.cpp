#include "reports/csv_writer.hpp"

namespace revshare::reports {

std::string csv_cell(std::string_view value, CellKind kind) {
    std::string cell;
    if (kind == CellKind::text && !value.empty()) {
        const char first = value.front();
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            cell.push_back('\'');
        }
    }
    cell.append(value);
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted.push_back('"');
        quoted.push_back(c);
    }
    quoted.push_back('"');
    return quoted;
}

CsvBuilder::CsvBuilder(const std::vector<std::string_view>& header) {
    for (const auto name : header) text(name);
    end_row();
}

void CsvBuilder::separator() {
    if (row_started_) out_.push_back(',');
    row_started_ = true;
}

CsvBuilder& CsvBuilder::text(std::string_view value) {
    separator();
    out_ += csv_cell(value, CellKind::text);
    return *this;
}

CsvBuilder& CsvBuilder::number(std::string_view value) {
    separator();
    out_ += csv_cell(value, CellKind::number);
    return *this;
}

void CsvBuilder::end_row() {
    out_.push_back('\n');
    row_started_ = false;
}

}  // namespace revshare::reports
