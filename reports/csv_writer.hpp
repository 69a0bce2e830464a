#pragma once
// CSV output for analysts (shared/spec/cli.md "Report files"): RFC 4180, UTF-8, `\n` line ends,
// and spreadsheet-safe: a text cell that begins with `=`, `+`, `-`, `@`, tab or carriage
// return gets a leading `'` so no spreadsheet runs it as a formula. Amount cells stay plain.
#include <string>
#include <string_view>
#include <vector>

namespace revshare::reports {

enum class CellKind { text, number };

// One cell as written: quoted when it holds a comma, quote, CR or LF; text cells neutralised.
[[nodiscard]] std::string csv_cell(std::string_view value, CellKind kind);

class CsvBuilder {
public:
    explicit CsvBuilder(const std::vector<std::string_view>& header);
    CsvBuilder& text(std::string_view value);
    CsvBuilder& number(std::string_view value);
    void end_row();
    [[nodiscard]] const std::string& str() const { return out_; }

private:
    void separator();
    std::string out_;
    bool row_started_ = false;
};

}  // namespace revshare::reports
