#include "reports/csv_writer.hpp"

#include "engine/core/diagnostic.hpp"

namespace revshare::reports {
namespace {

bool needs_neutralising(std::string_view value) {
    if (value.empty()) return false;
    const char first = value.front();
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
}

}  // namespace

std::string_view text_cell_value(std::string_view unquoted_cell) {
    if (unquoted_cell.size() >= 2 && unquoted_cell.front() == '\'' && needs_neutralising(unquoted_cell.substr(1))) {
        return unquoted_cell.substr(1);
    }
    return unquoted_cell;
}

std::string csv_cell(std::string_view value, CellKind kind) {
    std::string cell;
    if (kind == CellKind::text && needs_neutralising(value)) cell.push_back('\'');
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

CsvBuilder::CsvBuilder(const std::vector<std::string_view>& header, bool keep_table) {
    for (const auto name : header) text(name);
    end_row();
    if (!keep_table) return;
    keep_table_ = true;
    table_.header.assign(header.begin(), header.end());
}

void CsvBuilder::keep(CellKind kind, std::string_view value) {
    if (!keep_table_) return;
    table_.rows.back().push_back(ReportCell{kind, std::string(value)});
}

void CsvBuilder::separator() {
    if (row_started_) out_.push_back(',');
    if (!row_started_ && keep_table_) table_.rows.emplace_back();
    row_started_ = true;
}

CsvBuilder& CsvBuilder::text(std::string_view raw) {
    separator();
    const std::string value = utf8_escaped(raw);  // a file name may be any bytes; a report is UTF-8
    keep(CellKind::text, value);
    out_ += csv_cell(value, CellKind::text);
    return *this;
}

CsvBuilder& CsvBuilder::number(std::string_view value) {
    separator();
    keep(CellKind::number, value);
    out_ += csv_cell(value, CellKind::number);
    return *this;
}

void CsvBuilder::end_row() {
    out_.push_back('\n');
    row_started_ = false;
}

}  // namespace revshare::reports
