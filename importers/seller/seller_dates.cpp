#include "importers/seller/seller_dates.hpp"

#include <array>

namespace revshare::importers {
namespace {

bool all_digits(std::string_view text) {
    for (const char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return !text.empty();
}

// `+HH:MM` or `-HH:MM` other than `+00:00` at the end of a time: a zone the feeds are not
// read in (S1: `Z` or `+00:00` only), named rather than reported as an unreadable date.
bool ends_with_other_zone(std::string_view time) {
    if (time.size() < 6) return false;
    const std::string_view zone = time.substr(time.size() - 6);
    return (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' && all_digits(zone.substr(1, 2)) &&
           all_digits(zone.substr(4, 2));
}

}  // namespace

std::optional<SellerDate> parse_seller_date(std::string_view text, std::string* why) {
    const std::size_t time_at = text.find_first_of("T ");
    if (time_at == std::string_view::npos) {
        const auto day = parse_instant(text, why);
        if (!day) return std::nullopt;
        return SellerDate{*day, false};
    }
    // What parse_instant reads: the date, its separator, `HH:MM[:SS]`, then `Z` when a zone
    // was written. The fraction and a `+00:00` zone are taken off first; nothing else changes.
    std::string_view time = text.substr(time_at + 1);
    bool zone = false;
    if (time.ends_with("+00:00")) {
        time.remove_suffix(6);
        zone = true;
    } else if (time.ends_with('Z')) {
        time.remove_suffix(1);
        zone = true;
    } else if (ends_with_other_zone(time)) {
        if (why != nullptr) *why = "in a zone other than UTC (the feeds are read in UTC: Z or +00:00)";
        return std::nullopt;
    }
    // A fraction only after the seconds (`HH:MM:SS.fff`): `HH:MM.5` is no time.
    constexpr std::size_t seconds_end = 8;
    if (time.size() > seconds_end && time[seconds_end] == '.') {
        if (!all_digits(time.substr(seconds_end + 1))) return std::nullopt;
        time = time.substr(0, seconds_end);
    }
    std::array<char, 40> buffer{};
    const std::size_t size = time_at + 1 + time.size() + (zone ? 1 : 0);
    if (size > buffer.size()) return std::nullopt;  // longer than any form, once trimmed
    std::size_t at = 0;
    for (const char c : text.substr(0, time_at + 1)) buffer[at++] = c;
    for (const char c : time) buffer[at++] = c;
    if (zone) buffer[at++] = 'Z';
    const auto instant = parse_instant(std::string_view(buffer.data(), at), why);
    if (!instant) return std::nullopt;
    return SellerDate{*instant, true};
}

Instant exclusive_end(const SellerDate& inclusive_end) {
    if (!inclusive_end.has_time) return inclusive_end.instant + date::days(1);
    return inclusive_end.instant + std::chrono::seconds(1);
}

Instant event_dated_end(Instant start) { return Instant{day_of(start) + date::days(1)}; }

BillingMonth billing_month_of(Instant charge_period_start) {
    const Period month = Period::containing(charge_period_start);
    return BillingMonth{Instant{month.start()}, Instant{month.end_exclusive()}};
}

std::string_view seller_date_forms() {
    return "2026-04-28T00:00:00Z (a fraction of a second is dropped; a zone must be Z or +00:00), "
           "2026-04-28 00:00:00, 2026-04-28, 04/28/2026";
}

}  // namespace revshare::importers
