#include "importers/fx_file.hpp"

#include "engine/core/currency.hpp"
#include "engine/core/number_limits.hpp"
#include "importers/csv/csv_reader.hpp"

#include <map>
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

void read_rate_row(const std::string& file, const CsvRecord& record, FxFile& result) {
    if (record.fields.size() != 4) {
        result.errors.push_back(fx_error(file, record, 0, "", "expected 4 columns (date,base,quote,rate), found " +
                                                                  std::to_string(record.fields.size())));
        return;
    }
    std::string date_problem;
    const auto date = parse_iso_date(record.fields[0], &date_problem);
    if (!date) {
        const std::string why = date_problem.empty() || date_problem == "not a valid date"
                                    ? "not a date (expected YYYY-MM-DD)"
                                    : date_problem;
        result.errors.push_back(fx_error(file, record, 1, "date", "'" + std::string(record.fields[0]) + "' is " + why));
    }
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
    std::string why;
    const auto rate = Decimal::parse_plain(record.fields[3], &why);
    if (!rate || rate->sign() <= 0) {
        result.errors.push_back(fx_error(file, record, 4, "rate",
                                         "'" + std::string(record.fields[3]) + "' is not a rate > 0 (" +
                                             (rate ? "it must be greater than zero" : why) + ")"));
        return;
    }
    if (const auto problem = fx_rate_limit_problem(*rate)) {
        result.errors.push_back(fx_error(file, record, 4, "rate", "'" + std::string(record.fields[3]) + "' is " + *problem));
        return;
    }
    if (date) result.rates.push_back(FxRate{*date, std::string(record.fields[1]), std::string(record.fields[2]), *rate});
}

}  // namespace

FxFile read_fx_file(const std::string& path, const std::string& display_name) {
    FxFile result;
    CsvReader reader(open_byte_source(path), display_name);
    CsvRecord record;
    Diagnostic error;
    bool header_seen = false;
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
            if (record.fields.size() != 4 || record.fields[0] != "date" || record.fields[1] != "base" ||
                record.fields[2] != "quote" || record.fields[3] != "rate") {
                result.errors.push_back(fx_error(display_name, record, 0, "", "the header must be exactly date,base,quote,rate"));
                return result;
            }
            continue;
        }
        if (record.fields.size() == 1 && record.fields[0].empty()) continue;
        read_rate_row(display_name, record, result);
    }
    if (!header_seen) {
        Diagnostic empty;
        empty.location = SourceLocation{display_name, 0, 0};
        empty.code = DiagnosticCode::fx_invalid;
        empty.message = "the file is empty; expected a header date,base,quote,rate";
        result.errors.push_back(empty);
    }
    // The same (date, base, quote) twice with different rates inside one file.
    std::map<std::tuple<Day, std::string, std::string>, Decimal> seen;
    for (const auto& rate : result.rates) {
        const auto [it, inserted] = seen.emplace(std::make_tuple(rate.date, rate.base, rate.quote), rate.rate);
        if (!inserted && it->second != rate.rate) {
            Diagnostic conflict;
            conflict.location = SourceLocation{display_name, 0, 0};
            conflict.code = DiagnosticCode::fx_invalid;
            conflict.message = "two different rates for " + rate.base + "/" + rate.quote + " on " + format_day(rate.date) +
                               ": " + it->second.to_string() + " and " + rate.rate.to_string();
            result.errors.push_back(conflict);
        }
    }
    return result;
}

}  // namespace revshare::importers
