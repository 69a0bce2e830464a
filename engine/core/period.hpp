#pragma once
// Time values. An instant is UTC `sys_seconds`; a calendar date is `sys_days`; a Period is a
// calendar month in UTC, half-open [start, end). Month steps go through `year_month`.
#include <date/date.h>

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace revshare {

using Instant = std::chrono::sys_seconds;
using Day = date::sys_days;

class Period {
public:
    explicit Period(date::year_month month);
    // `YYYY-MM` with a year in limits::year_min..year_max; nullopt on anything else, with
    // `why` (when given) saying what is wrong.
    [[nodiscard]] static std::optional<Period> parse(std::string_view text, std::string* why = nullptr);
    [[nodiscard]] static Period containing(Instant instant);

    [[nodiscard]] date::year_month month() const { return month_; }
    [[nodiscard]] Day start() const { return date::sys_days(month_ / 1); }
    [[nodiscard]] Day end_exclusive() const { return date::sys_days((month_ + date::months(1)) / 1); }
    [[nodiscard]] int days() const { return static_cast<int>((end_exclusive() - start()).count()); }
    [[nodiscard]] Period next() const { return Period(month_ + date::months(1)); }
    [[nodiscard]] Period previous() const { return Period(month_ - date::months(1)); }
    [[nodiscard]] std::string to_string() const;  // YYYY-MM

    friend bool operator==(const Period&, const Period&) = default;
    friend std::strong_ordering operator<=>(const Period& a, const Period& b) {
        return a.index() <=> b.index();
    }

private:
    // Months since year 0: a total order without relying on date's comparison operators.
    [[nodiscard]] int index() const {
        return static_cast<int>(month_.year()) * 12 + static_cast<int>(static_cast<unsigned>(month_.month()));
    }
    date::year_month month_;
};

// Parses the timestamp and date forms of real exports (formats.md):
// `2023-11-01T00:00:00Z`, `…00.000Z`, `2024-01-01T00:00Z`, `2022-07-01 00:00:00.000`,
// `2024-10-01 00:00:00`, `2026-02-01`, `MM/DD/YYYY`, `M/D/YYYY`. Every form is UTC.
// nullopt for anything else, including impossible dates (`2026-02-30`, `13/45/2026`) and
// dates outside 1900-01-01..9998-12-31 (limits.hpp). `why` (when given) is set only for a
// date out of that range, saying so; for any other failure it is left as it was.
[[nodiscard]] std::optional<Instant> parse_instant(std::string_view text, std::string* why = nullptr);
// `YYYY-MM-DD` only (contracts, FX files, stored dates); the same dates as parse_instant.
[[nodiscard]] std::optional<Day> parse_iso_date(std::string_view text, std::string* why = nullptr);

// The years every date input is held to (limits::year_min..year_max), and "1900-01-01 to
// 9998-12-31" for messages.
[[nodiscard]] bool is_supported_year(int year);
[[nodiscard]] std::string supported_dates_text();

[[nodiscard]] std::string format_instant(Instant instant);  // 2026-04-28T00:00:00Z
[[nodiscard]] std::string format_day(Day day);              // 2026-04-28
[[nodiscard]] Day day_of(Instant instant);

}  // namespace revshare
