#pragma once
// The dates of the sellers' marketplace feeds (formats.md S1): the forms every format reads,
// plus what S1 adds for these two feeds only (fractional seconds dropped, `+00:00` as a zone),
// and the periods a seller line derives from its dates. Other formats keep parse_instant's
// stricter reading (a non-zero fraction is refused there).
#include "engine/core/period.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace revshare::importers {

// A date cell as read: its instant (UTC, whole seconds), and whether the text wrote a time of
// day (an inclusive end without one names its whole day).
struct SellerDate {
    Instant instant{};
    bool has_time = false;
};

// `2026-04-28T00:00:00Z`, `…T00:00:00.123Z` (the fraction dropped), `…T00:00Z`,
// `…T00:00:00+00:00`, `2026-04-28 00:00:00`, `2026-04-28`, `04/28/2026`, `4/28/2026`: every form
// parse_instant reads, with any fraction of a second after the seconds, and a zone `Z` or
// `+00:00` after a time. nullopt for anything else; `why` (when given) is set when the reason
// can be named (a zone other than UTC, a year out of range).
[[nodiscard]] std::optional<SellerDate> parse_seller_date(std::string_view text, std::string* why = nullptr);

// An inclusive end made exclusive: the first whole second after it (`…T23:59:59Z`, and
// `…T23:59:59.999Z` read as `…T23:59:59Z`, give the next day's 00:00:00Z); a date without a
// time names its whole day, so its end is the next day's first instant.
[[nodiscard]] Instant exclusive_end(const SellerDate& inclusive_end);

// An event-dated line's ChargePeriodEnd: the first instant of the UTC day after `start`.
[[nodiscard]] Instant event_dated_end(Instant start);

// The billing period of a seller line: the UTC calendar month containing its ChargePeriodStart.
struct BillingMonth {
    Instant start{};
    Instant end{};  // exclusive: the first instant of the next month
};
[[nodiscard]] BillingMonth billing_month_of(Instant charge_period_start);

// "2026-04-28T00:00:00Z, 2026-04-28 00:00:00, ..." for hints.
[[nodiscard]] std::string_view seller_date_forms();

}  // namespace revshare::importers
