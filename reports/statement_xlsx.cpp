#include "reports/statement_xlsx.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/currency.hpp"
#include "engine/core/error.hpp"
#include "reports/xlsx_columns.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <optional>
#include <span>
#include <string_view>

namespace revshare::reports {
namespace {

constexpr lxw_row_t header_row = 1;  // row 0: the banner
constexpr lxw_row_t first_data_row = 2;
constexpr std::size_t width_min = 8;
constexpr std::size_t width_max = 48;
constexpr int minor_units_max = 4;  // ISO 4217 defines 0, 2, 3 and 4
constexpr std::string_view draft_banner = "open period: draft";
constexpr std::string_view closed_banner = "closed period";

constexpr std::size_t cell_characters_max = 32767;  // what a cell holds (Excel, libxlsxwriter)

std::size_t utf8_characters(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void check(lxw_error error, const std::string& what) {
    if (error != LXW_NO_ERROR) throw Error("cannot write statement.xlsx: " + what + ": " + lxw_strerror(error));
}

// The formats every sheet shares.
struct Formats {
    lxw_format* banner = nullptr;
    lxw_format* header = nullptr;
    lxw_format* integer = nullptr;
    lxw_format* percent = nullptr;
    std::array<lxw_format*, minor_units_max + 1> amount{};  // by minor units: "#,##0.00" for 2
};

Formats add_formats(lxw_workbook* workbook) {
    Formats formats;
    formats.banner = workbook_add_format(workbook);
    format_set_bold(formats.banner);
    formats.header = workbook_add_format(workbook);
    format_set_bold(formats.header);
    format_set_bottom(formats.header, LXW_BORDER_THIN);
    formats.integer = workbook_add_format(workbook);
    format_set_num_format(formats.integer, "0");
    formats.percent = workbook_add_format(workbook);
    format_set_num_format(formats.percent, "0.00");
    for (int places = 0; places <= minor_units_max; ++places) {
        lxw_format* format = workbook_add_format(workbook);
        const std::string pattern = places == 0 ? "#,##0" : "#,##0." + std::string(static_cast<std::size_t>(places), '0');
        format_set_num_format(format, pattern.c_str());
        formats.amount[static_cast<std::size_t>(places)] = format;
    }
    return formats;
}

struct Column {
    std::string name;
    XlsxColumnType type = XlsxColumnType::text;
    std::optional<std::size_t> currency;  // an amount's currency column (its index in the CSV)
    lxw_col_t first = 0;                  // its sheet column; +1: its _exact column
};

// One sheet: banner, header, then rows of the CSV's cells in order (constant-memory mode
// writes a row once the next begins).
class SheetWriter {
public:
    SheetWriter(lxw_worksheet* sheet, const Formats& formats, std::string name, const std::vector<std::string>& header)
        : sheet_(sheet), formats_(formats), name_(std::move(name)) {
        lxw_col_t at = 0;
        for (const std::string& column_name : header) {
            Column column{column_name, xlsx_column_type(column_name), std::nullopt, at};
            at = static_cast<lxw_col_t>(at + (has_exact_column(column.type) ? 2 : 1));
            columns_.push_back(column);
        }
        for (Column& column : columns_) {
            if (column.type != XlsxColumnType::amount) continue;
            const std::string_view currency = currency_column_of(column.name);
            for (std::size_t i = 0; i < header.size(); ++i) {
                if (header[i] == currency) column.currency = i;
            }
        }
    }

    // Widths from the longest value of each column (`longest`, per CSV column), within limits.
    void set_widths(const std::vector<std::size_t>& longest) {
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            const Column& column = columns_[i];
            const std::size_t exact = std::max(longest[i], column.name.size() + 6);
            const std::size_t shown = column.type == XlsxColumnType::amount ? std::min(longest[i], std::size_t{18}) : longest[i];
            const auto width = [](std::size_t chars) {
                return static_cast<double>(std::clamp(chars + 2, width_min, width_max));
            };
            check(worksheet_set_column(sheet_, column.first, column.first, width(std::max(shown, column.name.size())), nullptr),
                  name_ + " widths");
            if (has_exact_column(column.type)) {
                check(worksheet_set_column(sheet_, column.first + 1, column.first + 1, width(exact), nullptr), name_ + " widths");
            }
        }
    }

    void write_banner_and_header(bool closed) {
        write_text(0, 0, closed ? closed_banner : draft_banner, formats_.banner);
        for (const Column& column : columns_) {
            write_text(header_row, column.first, column.name, formats_.header);
            if (has_exact_column(column.type)) write_text(header_row, column.first + 1, column.name + "_exact", formats_.header);
        }
        worksheet_freeze_panes(sheet_, first_data_row, 0);
        row_ = first_data_row;
    }

    // One CSV row: values[i] is column i's value (text cells without the CSV's leading `'`).
    void write_row(std::span<const std::string_view> values) {
        if (values.size() != columns_.size()) {
            throw Error("cannot write statement.xlsx: a row of sheet " + name_ + " has " + std::to_string(values.size()) +
                        " cells, its header " + std::to_string(columns_.size()));
        }
        for (std::size_t i = 0; i < columns_.size(); ++i) write_cell(columns_[i], values, values[i]);
        ++row_;
    }

    void write_note(std::string_view note) { write_text(row_++, 0, note, formats_.banner); }
    [[nodiscard]] lxw_row_t row() const { return row_; }

private:
    void write_text(lxw_row_t row, lxw_col_t column, std::string_view text, lxw_format* format) {
        if (text.empty()) return;  // blank
        if (utf8_characters(text) > cell_characters_max) {
            // libxlsxwriter refuses it (and a spreadsheet would cut it): the CSV file has it whole.
            const std::string note = "(" + std::to_string(text.size()) + " bytes: longer than a cell holds; the CSV file has it)";
            check(worksheet_write_string(sheet_, row, column, note.c_str(), format), "sheet " + name_ + " row " + std::to_string(row + 1));
            return;
        }
        // A string cell, whatever it begins with: worksheet_write_string never writes a formula.
        check(worksheet_write_string(sheet_, row, column, ooxml_escaped(text).c_str(), format),
              "sheet " + name_ + " row " + std::to_string(row + 1));
    }

    void write_number(lxw_col_t column, double number, lxw_format* format) {
        check(worksheet_write_number(sheet_, row_, column, number, format), "sheet " + name_ + " row " + std::to_string(row_ + 1));
    }

    void write_cell(const Column& column, std::span<const std::string_view> values, std::string_view value) {
        if (value.empty()) return;
        switch (column.type) {
            case XlsxColumnType::text: write_text(row_, column.first, value, nullptr); return;
            case XlsxColumnType::integer: {
                const auto number = integer_number(value);
                if (number) write_number(column.first, *number, formats_.integer);
                if (!number) write_text(row_, column.first, value, nullptr);  // beyond a double: the text
                return;
            }
            case XlsxColumnType::percent: {
                const auto number = display_number(value, std::nullopt);
                if (number) write_number(column.first, *number, formats_.percent);
                if (!number) write_text(row_, column.first, value, nullptr);
                return;
            }
            case XlsxColumnType::amount:
            case XlsxColumnType::decimal: write_exact(column, values, value); return;
        }
    }

    // NAME: rounded to the row's currency's minor units (an unknown code: not rounded), a
    // number; NAME_exact: the text. A value that is no decimal is text in both.
    void write_exact(const Column& column, std::span<const std::string_view> values, std::string_view value) {
        std::optional<int> places;
        if (column.currency) {
            if (const auto currency = Currency::from_code(values[*column.currency])) places = currency->minor_units();
        }
        const auto number = display_number(value, places);
        if (number) {
            lxw_format* format = places && *places <= minor_units_max ? formats_.amount[static_cast<std::size_t>(*places)] : nullptr;
            write_number(column.first, *number, format);
        } else {
            write_text(row_, column.first, value, nullptr);
        }
        write_text(row_, column.first + 1, value, nullptr);
    }

    lxw_worksheet* sheet_;
    const Formats& formats_;
    std::string name_;
    std::vector<Column> columns_;
    lxw_row_t row_ = 0;
};

std::vector<std::size_t> longest_values(const ReportTable& table) {
    std::vector<std::size_t> longest(table.header.size(), 0);
    for (const auto& row : table.rows) {
        for (std::size_t i = 0; i < row.size() && i < longest.size(); ++i) longest[i] = std::max(longest[i], row[i].value.size());
    }
    return longest;
}

void write_table_sheet(lxw_workbook* workbook, const Formats& formats, const char* name, const ReportTable& table,
                       const StatementWorkbook& input) {
    if (table.rows.size() + first_data_row > input.sheet_rows_max) {
        throw Error(std::string("cannot write statement.xlsx: sheet ") + name + " has " + std::to_string(table.rows.size()) +
                    " rows, more than a sheet holds");
    }
    SheetWriter sheet(workbook_add_worksheet(workbook, name), formats, name, table.header);
    sheet.set_widths(longest_values(table));
    sheet.write_banner_and_header(input.closed);
    std::vector<std::string_view> values;
    for (const auto& row : table.rows) {
        values.clear();
        for (const ReportCell& cell : row) values.push_back(cell.value);
        sheet.write_row(values);
    }
}

// lines.csv's rows while the sheet has room for them and the note; then the note.
WorkbookWritten write_lines_sheet(lxw_workbook* workbook, const Formats& formats, const StatementWorkbook& input) {
    SheetWriter sheet(workbook_add_worksheet(workbook, "Lines"), formats, "Lines", input.lines_header);
    // Widths from the header and typical values (the rows are streamed).
    std::vector<std::size_t> typical;
    for (const std::string& name : input.lines_header) {
        const XlsxColumnType type = xlsx_column_type(name);
        typical.push_back(type == XlsxColumnType::text ? 16 : type == XlsxColumnType::integer ? 8 : 20);
    }
    sheet.set_widths(typical);
    sheet.write_banner_and_header(input.closed);
    WorkbookWritten written;
    if (input.lines == nullptr) return written;
    const std::size_t rows_max = input.sheet_rows_max - first_data_row - 1;  // the last row: the note
    std::vector<std::string> fields;
    std::vector<std::string_view> values;
    while (input.lines->next(fields)) {
        if (written.lines_rows == rows_max) {
            written.lines_truncated = true;
            sheet.write_note("lines.csv has more rows: this sheet holds its first " + std::to_string(rows_max) +
                             " (a sheet holds " + std::to_string(input.sheet_rows_max) + " rows); lines.csv has every line");
            break;
        }
        values.clear();
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const bool text = i < input.lines_header.size() && xlsx_column_type(input.lines_header[i]) == XlsxColumnType::text;
            values.push_back(text ? text_cell_value(fields[i]) : std::string_view(fields[i]));
        }
        sheet.write_row(values);
        ++written.lines_rows;
    }
    return written;
}

// Fixed properties: the same reports give the same bytes (libxlsxwriter takes the clock
// for `created` when it is 0).
void set_properties(lxw_workbook* workbook, const StatementWorkbook& input) {
    const std::string title = "revshare statement " + input.contract_id + " " + input.period.to_string();
    const std::string status(input.closed ? closed_banner : draft_banner);
    lxw_doc_properties properties{};
    properties.title = const_cast<char*>(title.c_str());  // libxlsxwriter copies them
    properties.author = const_cast<char*>("revshare");
    properties.status = const_cast<char*>(status.c_str());
    properties.created = static_cast<time_t>(date::sys_seconds(input.period.start()).time_since_epoch().count());
    check(workbook_set_properties(workbook, &properties), "document properties");
}

}  // namespace

std::string ooxml_escaped(std::string_view text) {
    const auto is_hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); };
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && is_hex(text[i + 2]) && is_hex(text[i + 3]) &&
            is_hex(text[i + 4]) && is_hex(text[i + 5]) && text[i + 6] == '_') {
            out += "_x005F";  // the escaped underscore: a spreadsheet shows `_xHHHH_` as written
        }
        out += text[i];
    }
    return out;
}

WorkbookWritten write_statement_xlsx(const std::string& path, const StatementWorkbook& input) {
    ENGINE_ASSERT(input.sheet_rows_max >= first_data_row + 1);  // room for the banner, header and note
    ENGINE_ASSERT(input.sheet_rows_max <= xlsx_sheet_rows_max);
    const std::string folder = std::filesystem::path(path).parent_path().string();
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows go to a temporary file as written: Lines can be a million
    const std::string scratch = input.scratch_folder.empty() ? folder : input.scratch_folder;
    options.tmpdir = const_cast<char*>(scratch.c_str());
    options.use_zip64 = input.use_zip64 ? LXW_TRUE : LXW_FALSE;
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
    if (workbook == nullptr) throw Error("cannot write statement.xlsx: " + path + ": libxlsxwriter could not start a workbook");
    WorkbookWritten written;
    try {
        set_properties(workbook, input);
        const Formats formats = add_formats(workbook);
        write_table_sheet(workbook, formats, "Statement", input.statement, input);
        write_table_sheet(workbook, formats, "Net", input.net, input);
        write_table_sheet(workbook, formats, "Reconciliation", input.reconciliation, input);
        write_table_sheet(workbook, formats, "Variance", input.variance, input);
        written = write_lines_sheet(workbook, formats, input);
    } catch (...) {
        lxw_workbook_free(workbook);
        throw;
    }
    check(workbook_close(workbook), path);  // frees the workbook either way
    return written;
}

}  // namespace revshare::reports
