#include "engine/core/period.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/limits.hpp"

#include <cstdio>

namespace revshare {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at `pos`; advances `pos`.
std::optional<int> fixed_digits(std::string_view text, std::size_t& pos, std::size_t count) {
    if (pos + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (!is_digit(text[pos + i])) return std::nullopt;
        value = value * 10 + (text[pos + i] - '0');
    }
    pos += count;
    return value;
}

// Reads 1 or 2 digits (Excel's M/D/YYYY).
std::optional<int> short_digits(std::string_view text, std::size_t& pos) {
    if (pos >= text.size() || !is_digit(text[pos])) return std::nullopt;
    int value = text[pos++] - '0';
    if (pos < text.size() && is_digit(text[pos])) value = value * 10 + (text[pos++] - '0');
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

void set_reason(std::string* why, std::string reason) {
    if (why != nullptr) *why = std::move(reason);
}

// `why` is set only for a date out of range (a string per parsed date would cost the import).
std::optional<Day> make_day(int year, int month, int day, std::string* why) {
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    const date::year_month_day ymd{date::year(year), date::month(static_cast<unsigned>(month)),
                                   date::day(static_cast<unsigned>(day))};
    if (!ymd.ok()) return std::nullopt;
    if (!is_supported_year(year)) {
        set_reason(why, "outside the dates revshare handles (" + supported_dates_text() + ")");
        return std::nullopt;
    }
    return date::sys_days(ymd);
}

// `HH:MM[:SS[.fff]]` then optional `Z`; all UTC. Fractions must be zero: a charge period
// never starts mid-second, and dropping a non-zero fraction would move the line silently.
std::optional<std::chrono::seconds> parse_time_of_day(std::string_view text, std::size_t& pos) {
    const auto hours = fixed_digits(text, pos, 2);
    if (!hours || !expect(text, pos, ':')) return std::nullopt;
    const auto minutes = fixed_digits(text, pos, 2);
    if (!minutes) return std::nullopt;
    int seconds = 0;
    if (pos < text.size() && text[pos] == ':') {
        ++pos;
        const auto parsed = fixed_digits(text, pos, 2);
        if (!parsed) return std::nullopt;
        seconds = *parsed;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            const std::size_t start = pos;
            while (pos < text.size() && text[pos] == '0') ++pos;
            if (pos == start || (pos < text.size() && is_digit(text[pos]))) return std::nullopt;
        }
    }
    if (pos < text.size() && text[pos] == 'Z') ++pos;
    if (*hours > 23 || *minutes > 59 || seconds > 59) return std::nullopt;
    return std::chrono::hours(*hours) + std::chrono::minutes(*minutes) + std::chrono::seconds(seconds);
}

}  // namespace

bool is_supported_year(int year) { return year >= limits::year_min && year <= limits::year_max; }

std::string supported_dates_text() {
    return std::to_string(limits::year_min) + "-01-01 to " + std::to_string(limits::year_max) + "-12-31";
}

Period::Period(date::year_month month) : month_(month) { ENGINE_ASSERT(month_.ok()); }

std::optional<Period> Period::parse(std::string_view text, std::string* why) {
    std::size_t pos = 0;
    set_reason(why, "expected YYYY-MM (e.g. 2026-04)");
    const auto year = fixed_digits(text, pos, 4);
    if (!year || !expect(text, pos, '-')) return std::nullopt;
    const auto month = fixed_digits(text, pos, 2);
    if (!month || pos != text.size() || *month < 1 || *month > 12) return std::nullopt;
    if (!is_supported_year(*year)) {
        set_reason(why, "outside the periods revshare handles (" + std::to_string(limits::year_min) + "-01 to " +
                            std::to_string(limits::year_max) + "-12)");
        return std::nullopt;
    }
    return Period(date::year(*year) / date::month(static_cast<unsigned>(*month)));
}

Period Period::containing(Instant instant) {
    const date::year_month_day ymd{date::floor<date::days>(instant)};
    return Period(ymd.year() / ymd.month());
}

std::string Period::to_string() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u", static_cast<int>(month_.year()),
                  static_cast<unsigned>(month_.month()));
    return buffer;
}

std::optional<Instant> parse_instant(std::string_view text, std::string* why) {
    std::size_t pos = 0;
    std::optional<Day> day;
    if (text.size() >= 10 && text[4] == '-') {
        const auto year = fixed_digits(text, pos, 4);
        if (!year || !expect(text, pos, '-')) return std::nullopt;
        const auto month = fixed_digits(text, pos, 2);
        if (!month || !expect(text, pos, '-')) return std::nullopt;
        const auto dd = fixed_digits(text, pos, 2);
        if (!dd) return std::nullopt;
        day = make_day(*year, *month, *dd, why);
    } else {
        const auto month = short_digits(text, pos);
        if (!month || !expect(text, pos, '/')) return std::nullopt;
        const auto dd = short_digits(text, pos);
        if (!dd || !expect(text, pos, '/')) return std::nullopt;
        const auto year = fixed_digits(text, pos, 4);
        if (!year) return std::nullopt;
        day = make_day(*year, *month, *dd, why);
    }
    if (!day) return std::nullopt;
    Instant instant{*day};
    if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) {
        ++pos;
        const auto time = parse_time_of_day(text, pos);
        if (!time) return std::nullopt;
        instant += *time;
    }
    if (pos != text.size()) return std::nullopt;
    return instant;
}

std::optional<Day> parse_iso_date(std::string_view text, std::string* why) {
    std::size_t pos = 0;
    const auto year = fixed_digits(text, pos, 4);
    if (!year || !expect(text, pos, '-')) return std::nullopt;
    const auto month = fixed_digits(text, pos, 2);
    if (!month || !expect(text, pos, '-')) return std::nullopt;
    const auto dd = fixed_digits(text, pos, 2);
    if (!dd || pos != text.size()) return std::nullopt;
    return make_day(*year, *month, *dd, why);
}

std::string format_instant(Instant instant) { return date::format("%Y-%m-%dT%H:%M:%SZ", instant); }

std::string format_day(Day day) { return date::format("%Y-%m-%d", day); }

Day day_of(Instant instant) { return date::floor<date::days>(instant); }

}  // namespace revshare
