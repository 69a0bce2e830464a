#include "importers/fx_file.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/currency.hpp"
#include "engine/core/number_limits.hpp"
#include "importers/csv/csv_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

namespace revshare::importers {
namespace {

Diagnostic fx_error(const std::string& file, const CsvRecord& record, std::int64_t column, std::string field,
                    std::string message) {
    Diagnostic diagnostic;
    diagnostic.location = SourceLocation{file, record.line, column};
    diagnostic.code = DiagnosticCode::fx_invalid;
    diagnostic.field = field;
    diagnostic.message = field.empty() ? std::move(message) : field + ": " + message;
    diagnostic.raw_line = std::string(record.raw.substr(0, 4096));
    return diagnostic;
}

// A rate cell: a plain decimal above 0 within the limits, or an error in `result`.
std::optional<Decimal> read_rate(const std::string& file, const CsvRecord& record, std::size_t column,
                                 const std::string& field, FxFile& result) {
    const std::string_view cell = record.fields[column - 1];
    const auto at = static_cast<std::int64_t>(column);
    std::string why;
    const auto rate = Decimal::parse_plain(cell, &why);
    if (!rate || rate->sign() <= 0) {
        result.errors.push_back(fx_error(file, record, at, field, "'" + std::string(cell) + "' is not a rate > 0 (" +
                                                                      (rate ? "it must be greater than zero" : why) + ")"));
        return std::nullopt;
    }
    if (const auto problem = fx_rate_limit_problem(*rate)) {
        result.errors.push_back(fx_error(file, record, at, field, "'" + std::string(cell) + "' is " + *problem));
        return std::nullopt;
    }
    return rate;
}

std::optional<Day> read_date(const std::string& file, const CsvRecord& record, FxFile& result) {
    std::string date_problem;
    const auto date = parse_iso_date(record.fields[0], &date_problem);
    if (!date) {
        const std::string why = date_problem.empty() || date_problem == "not a valid date"
                                    ? "not a date (expected YYYY-MM-DD)"
                                    : date_problem;
        result.errors.push_back(fx_error(file, record, 1, "date", "'" + std::string(record.fields[0]) + "' is " + why));
    }
    return date;
}

void read_rate_row(const std::string& file, const CsvRecord& record, FxFile& result) {
    if (record.fields.size() != 4) {
        result.errors.push_back(fx_error(file, record, 0, "", "expected 4 columns (date,base,quote,rate), found " +
                                                                  std::to_string(record.fields.size())));
        return;
    }
    const auto date = read_date(file, record, result);
    for (int column = 1; column <= 2; ++column) {
        if (!Currency::from_code(record.fields[static_cast<std::size_t>(column)])) {
            result.errors.push_back(fx_error(file, record, column + 1, column == 1 ? "base" : "quote",
                                             "'" + std::string(record.fields[static_cast<std::size_t>(column)]) +
                                                 "' is not an ISO 4217 currency code"));
        }
    }
    if (record.fields[1] == record.fields[2]) {
        result.errors.push_back(fx_error(file, record, 3, "quote", "base and quote are the same currency"));
    }
    const auto rate = read_rate(file, record, 4, "rate", result);
    if (!rate) return;
    if (date) result.rates.push_back(FxRate{*date, std::string(record.fields[1]), std::string(record.fields[2]), *rate});
}

// A column of an ecb or wide file: a quote currency, a well-formed code revshare does not know
// (the ECB's file keeps columns of currencies since replaced: CYP, EEK, HRK, ...), or the ECB's
// trailing unnamed one.
struct WideColumn {
    enum class Kind { quote, unknown_currency, trailing };
    Kind kind = Kind::quote;
    std::string code;
};

bool looks_like_currency_code(std::string_view text) {
    return text.size() == 3 && std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// The header's columns after the date, or none (errors in `result`).
std::optional<std::vector<WideColumn>> read_wide_header(const std::string& file, const CsvRecord& record,
                                                        const std::string& base, FxFile& result) {
    const auto errors_before = result.errors.size();
    if (record.fields.empty() || (record.fields[0] != "Date" && record.fields[0] != "date")) {
        result.errors.push_back(fx_error(file, record, 1, "", "the header must start with Date, then one quote currency "
                                                              "a column (Date,USD,JPY,...)"));
        return std::nullopt;
    }
    std::vector<WideColumn> columns;
    std::set<std::string, std::less<>> seen;
    for (std::size_t column = 1; column < record.fields.size(); ++column) {
        const std::string code(record.fields[column]);
        const auto at = static_cast<std::int64_t>(column + 1);
        const std::string name = "header column " + std::to_string(column + 1) + ": ";
        if (code.empty() && column + 1 == record.fields.size() && column > 1) {
            columns.push_back(WideColumn{WideColumn::Kind::trailing, ""});  // the trailing comma
        } else if (!looks_like_currency_code(code)) {
            result.errors.push_back(fx_error(file, record, at, "", name + "'" + code + "' is not a currency code"));
        } else if (code == base) {
            result.errors.push_back(fx_error(file, record, at, "", name + code + " is the base currency, not a quote"));
        } else if (!seen.insert(code).second) {
            result.errors.push_back(fx_error(file, record, at, "", name + code + " is named twice"));
        } else {
            columns.push_back(WideColumn{Currency::from_code(code) ? WideColumn::Kind::quote : WideColumn::Kind::unknown_currency, code});
        }
    }
    if (seen.empty() && result.errors.size() == errors_before) {
        result.errors.push_back(fx_error(file, record, 0, "", "the header names no quote currency after Date"));
    }
    if (result.errors.size() != errors_before) return std::nullopt;
    return columns;
}

void read_wide_row(const std::string& file, const CsvRecord& record, const std::string& base,
                   const std::vector<WideColumn>& columns, FxFile& result) {
    if (record.fields.size() != columns.size() + 1) {
        result.errors.push_back(fx_error(file, record, 0, "", "expected " + std::to_string(columns.size() + 1) +
                                                                  " columns, as the header has, found " +
                                                                  std::to_string(record.fields.size())));
        return;
    }
    const auto date = read_date(file, record, result);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string_view cell = record.fields[i + 1];
        const WideColumn& column = columns[i];
        if (column.kind == WideColumn::Kind::trailing) {
            if (!cell.empty()) {
                result.errors.push_back(fx_error(file, record, static_cast<std::int64_t>(i + 2), "",
                                                 "'" + std::string(cell) + "' is in the column the header leaves unnamed"));
            }
            continue;
        }
        if (cell.empty() || cell == "N/A") {
            ++result.cells_without_rate;  // no rate that day: nothing is stored, nothing derived
            continue;
        }
        const auto rate = read_rate(file, record, i + 2, column.code, result);
        if (column.kind == WideColumn::Kind::unknown_currency) {
            if (rate) ++result.unknown_currencies[column.code];  // checked, counted, not stored
            continue;
        }
        if (date && rate) result.rates.push_back(FxRate{*date, base, column.code, *rate});
    }
}

Diagnostic file_error(const std::string& file, std::string message) {
    Diagnostic diagnostic;
    diagnostic.location = SourceLocation{file, 0, 0};
    diagnostic.code = DiagnosticCode::fx_invalid;
    diagnostic.message = std::move(message);
    return diagnostic;
}

// The same (date, base, quote) twice with different rates inside one file.
void check_one_rate_a_day(const std::string& file, FxFile& result) {
    std::map<std::tuple<Day, std::string, std::string>, Decimal> seen;
    for (const auto& rate : result.rates) {
        const auto [it, inserted] = seen.emplace(std::make_tuple(rate.date, rate.base, rate.quote), rate.rate);
        if (!inserted && it->second != rate.rate) {
            result.errors.push_back(file_error(file, "two different rates for " + rate.base + "/" + rate.quote + " on " +
                                                         format_day(rate.date) + ": " + it->second.to_string() + " and " +
                                                         rate.rate.to_string()));
        }
    }
}

}  // namespace

std::optional<FxFileFormat> fx_file_format_from_name(std::string_view name) {
    if (name == "rows") return FxFileFormat::rows;
    if (name == "ecb") return FxFileFormat::ecb;
    if (name == "wide") return FxFileFormat::wide;
    return std::nullopt;
}

FxFile read_fx_file(const std::string& path, const std::string& display_name, FxFileFormat format, const std::string& base) {
    ENGINE_ASSERT(format != FxFileFormat::wide || Currency::from_code(base));  // the command checks --base
    const std::string base_currency = format == FxFileFormat::ecb ? std::string("EUR") : base;
    FxFile result;
    std::error_code ignored;
    if (std::filesystem::exists(path, ignored) && !std::filesystem::is_regular_file(path, ignored)) {
        // A device (/dev/zero) would be read for ever.
        result.errors.push_back(file_error(display_name, "not a regular file (a pipe, device or folder cannot be "
                                                         "read as FX rates)"));
        return result;
    }
    CsvReader reader(open_byte_source(path), display_name);
    CsvRecord record;
    Diagnostic error;
    bool header_seen = false;
    std::vector<WideColumn> columns;
    for (;;) {
        const auto status = reader.next(record, error);
        if (status == CsvReader::Status::end) break;
        if (status == CsvReader::Status::error) {
            error.code = DiagnosticCode::fx_invalid;
            result.errors.push_back(error);
            continue;
        }
        if (!header_seen) {
            header_seen = true;
            if (format != FxFileFormat::rows) {
                auto header = read_wide_header(display_name, record, base_currency, result);
                if (!header) return result;
                columns = std::move(*header);
            } else if (record.fields.size() != 4 || record.fields[0] != "date" || record.fields[1] != "base" ||
                       record.fields[2] != "quote" || record.fields[3] != "rate") {
                result.errors.push_back(fx_error(display_name, record, 0, "",
                                                 "the header must be exactly date,base,quote,rate (a file of the "
                                                 "ECB's or one rate column a currency: --format ecb or wide)"));
                return result;
            }
            continue;
        }
        if (record.fields.size() == 1 && record.fields[0].empty()) continue;
        if (format == FxFileFormat::rows) {
            read_rate_row(display_name, record, result);
        } else {
            read_wide_row(display_name, record, base_currency, columns, result);
        }
    }
    if (!header_seen) {
        result.errors.push_back(file_error(display_name, format == FxFileFormat::rows
                                                             ? "the file is empty; expected a header date,base,quote,rate"
                                                             : "the file is empty; expected a header Date,<currency>,..."));
    }
    check_one_rate_a_day(display_name, result);
    return result;
}

}  // namespace revshare::importers
