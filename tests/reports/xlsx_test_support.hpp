#pragma once
// Reading statement.xlsx back for the tests: an entry of the zip (`unzip -p`), a sheet's cells
// (reference -> type, value and number format) and whether LibreOffice is installed.
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace revshare::testing::xlsx {

// The bytes of `entry` in the zip at `path`.
inline std::string zip_entry(const std::filesystem::path& path, const std::string& entry) {
    const std::string command = "unzip -p '" + path.string() + "' '" + entry + "'";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    REQUIRE(::pclose(pipe) == 0);
    return out;
}

inline std::string unescape(std::string text) {
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
    }
    return text;
}

// The attribute `name` of the tag starting at `tag` ("" when absent).
inline std::string attribute(const std::string& xml, std::size_t tag, const std::string& name) {
    const auto end = xml.find('>', tag);
    const auto at = xml.find(" " + name + "=\"", tag);
    if (at == std::string::npos || at > end) return "";
    const auto start = at + name.size() + 3;
    return xml.substr(start, xml.find('"', start) - start);
}

// The text between `<open...>` and `</close>` after `from` and before `limit`, unescaped.
inline std::string element_text(const std::string& xml, std::size_t from, std::size_t limit, const std::string& name) {
    const auto open = xml.find("<" + name, from);
    if (open == std::string::npos || open > limit) return "";
    const auto start = xml.find('>', open) + 1;
    return unescape(xml.substr(start, xml.find("</" + name + ">", start) - start));
}

struct Cell {
    std::string type;    // "inlineStr", "s" (shared string), "str" (formula text), "" (number)
    std::string value;   // the text, or the number as written
    std::string format;  // the number format's code ("" for General)
    bool formula = false;
};

// Number format codes by style index (styles.xml's cellXfs and numFmts).
inline std::vector<std::string> style_formats(const std::string& styles) {
    std::map<std::string, std::string> codes{{"0", ""}, {"1", "0"}, {"2", "0.00"}, {"3", "#,##0"}, {"4", "#,##0.00"}};
    for (auto at = styles.find("<numFmt "); at != std::string::npos; at = styles.find("<numFmt ", at + 1)) {
        codes[attribute(styles, at, "numFmtId")] = unescape(attribute(styles, at, "formatCode"));
    }
    std::vector<std::string> formats;
    const auto xfs = styles.find("<cellXfs");
    const auto xfs_end = styles.find("</cellXfs>");
    for (auto at = styles.find("<xf ", xfs); at != std::string::npos && at < xfs_end; at = styles.find("<xf ", at + 1)) {
        formats.push_back(codes[attribute(styles, at, "numFmtId")]);
    }
    return formats;
}

// Sheet `index` (1-based, in the order written) of the workbook at `path`: reference -> cell.
inline std::map<std::string, Cell> sheet_cells(const std::filesystem::path& path, int index) {
    const std::string xml = zip_entry(path, "xl/worksheets/sheet" + std::to_string(index) + ".xml");
    const auto formats = style_formats(zip_entry(path, "xl/styles.xml"));
    std::map<std::string, Cell> cells;
    for (auto at = xml.find("<c "); at != std::string::npos; at = xml.find("<c ", at + 1)) {
        const auto tag_end = xml.find('>', at);
        const bool empty = xml[tag_end - 1] == '/';
        const auto end = empty ? tag_end : xml.find("</c>", at);
        Cell cell;
        cell.type = attribute(xml, at, "t");
        const std::string style = attribute(xml, at, "s");
        if (!style.empty()) cell.format = formats.at(std::stoul(style));
        cell.formula = !empty && xml.find("<f", at) < end;
        cell.value = empty ? "" : cell.type == "inlineStr" ? element_text(xml, at, end, "t") : element_text(xml, at, end, "v");
        cells[attribute(xml, at, "r")] = cell;
    }
    return cells;
}

inline bool soffice_installed() { return std::system("command -v soffice >/dev/null 2>&1") == 0; }

}  // namespace revshare::testing::xlsx
