#pragma once
// Values read back from the database. This version writes only checked values (canonical
// decimals, dates and periods in 1900..9998, ISO currencies), but a database written by an
// older version or changed by hand can hold anything: such a value is a clear error (exit 3,
// "database content is not valid", naming the table, column and text), never an abort.
#include "engine/core/currency.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"

#include <string>
#include <string_view>

namespace revshare::schema {

// `where` names the place, e.g. "statement_row.share of run 12".
[[noreturn]] void throw_invalid_content(std::string_view where, std::string_view text, std::string_view expected);

// A row that another row names is missing, e.g. "text_value 12, named by a line".
[[noreturn]] void throw_missing_row(std::string_view what);

[[nodiscard]] Decimal stored_decimal(std::string_view text, std::string_view where);
[[nodiscard]] Day stored_day(std::string_view text, std::string_view where);
// The exclusive end of a stored range (a segment's end): a supported date, or 9999-01-01, the
// end of the last supported month (9998-12).
[[nodiscard]] Day stored_end_day(std::string_view text, std::string_view where);
[[nodiscard]] Period stored_period(std::string_view text, std::string_view where);
[[nodiscard]] Currency stored_currency(std::string_view text, std::string_view where);

}  // namespace revshare::schema
