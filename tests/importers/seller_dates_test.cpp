// The seller feeds' dates (formats.md S1): the forms read, fractional seconds dropped, the zone
// only Z or +00:00, a date alone its 00:00:00Z; inclusive ends made exclusive; event-dated ends;
// the billing month. Other formats' reading (parse_instant) is unchanged.
#include "importers/seller/seller_dates.hpp"

#include <doctest/doctest.h>

using namespace revshare;
using namespace revshare::importers;

namespace {

// `2026-04-28T00:00:00Z +time` / `... date`, or `refused: <why>`.
std::string read(std::string_view text) {
    std::string why;
    const auto date = parse_seller_date(text, &why);
    if (!date) return "refused: " + why;
    return format_instant(date->instant) + (date->has_time ? " +time" : " date");
}

Instant at(std::string_view text) { return *parse_instant(text); }

}  // namespace

TEST_CASE("seller dates: every form S1 lists, in UTC") {
    CHECK(read("2026-04-28T00:00:00Z") == "2026-04-28T00:00:00Z +time");
    CHECK(read("2026-04-28T13:14:15.000Z") == "2026-04-28T13:14:15Z +time");
    CHECK(read("2026-04-28T13:14Z") == "2026-04-28T13:14:00Z +time");
    CHECK(read("2026-04-28 13:14:15") == "2026-04-28T13:14:15Z +time");
    CHECK(read("2026-04-28") == "2026-04-28T00:00:00Z date");
    CHECK(read("04/28/2026") == "2026-04-28T00:00:00Z date");
    CHECK(read("4/8/2026") == "2026-04-08T00:00:00Z date");
    CHECK(read("4/8/2026 07:08:09") == "2026-04-08T07:08:09Z +time");
    CHECK(read("2024-02-29") == "2024-02-29T00:00:00Z date");
}

TEST_CASE("seller dates: a fraction of a second is dropped, whatever its digits") {
    CHECK(read("2026-04-30T23:59:59.999Z") == "2026-04-30T23:59:59Z +time");
    CHECK(read("2026-04-30T23:59:59.5") == "2026-04-30T23:59:59Z +time");
    CHECK(read("2026-04-30 23:59:59.123456789") == "2026-04-30T23:59:59Z +time");
    CHECK(read("2026-04-30T23:59:59.999999999999999999999999999+00:00") == "2026-04-30T23:59:59Z +time");
    // Only after the seconds, and with digits.
    CHECK(read("2026-04-30T23:59.5Z") == "refused: ");
    CHECK(read("2026-04-30T23:59:59.Z") == "refused: ");
    CHECK(read("2026-04-30T23:59:59.5x") == "refused: ");
}

TEST_CASE("seller dates: the zone, when written, is Z or +00:00") {
    CHECK(read("2026-04-28T10:00:00+00:00") == "2026-04-28T10:00:00Z +time");
    CHECK(read("2026-04-28 10:00:00+00:00") == "2026-04-28T10:00:00Z +time");
    CHECK(read("2026-04-28T10:00+00:00") == "2026-04-28T10:00:00Z +time");
    const std::string other_zone = "refused: in a zone other than UTC (the feeds are read in UTC: Z or +00:00)";
    CHECK(read("2026-04-28T10:00:00+02:00") == other_zone);
    CHECK(read("2026-04-28T10:00:00-05:00") == other_zone);
    CHECK(read("2026-04-28T10:00:00-00:00") == other_zone);
    CHECK(read("2026-04-28T10:00:00.5+01:00") == other_zone);
    CHECK(read("2026-04-28T10:00:00Z+00:00") == "refused: ");
    CHECK(read("2026-04-28Z") == "refused: ");
    CHECK(read("2026-04-28+00:00") == "refused: ");
}

TEST_CASE("seller dates: what is not a date is refused") {
    for (const char* text : {"", " 2026-04-28", "2026-04-28 ", "2026-02-29", "2026-04-31", "2026-13-01", "13/01/2026",
                             "2026-04-28T24:00:00Z", "2026-04-28T10:60:00Z", "2026-04-28T", "T10:00:00Z", "yesterday",
                             "2026-04-28T10:00:00ZZ", "20260428"}) {
        CAPTURE(text);
        CHECK(read(text) == "refused: ");
    }
    CHECK(read("1899-12-31") == "refused: outside the dates revshare handles (1900-01-01 to 9998-12-31)");
    CHECK(read("9999-01-01T00:00:00Z") == "refused: outside the dates revshare handles (1900-01-01 to 9998-12-31)");
    // Longer than any form once its fraction and zone are taken off.
    CHECK(read("2026-04-28T10:00:00" + std::string(40, '0')) == "refused: ");
}

TEST_CASE("seller dates: other formats still refuse a non-zero fraction and +00:00 (parse_instant unchanged)") {
    CHECK_FALSE(parse_instant("2026-04-30T23:59:59.999Z"));
    CHECK_FALSE(parse_instant("2026-04-28T10:00:00+00:00"));
    CHECK(parse_instant("2026-04-30T23:59:59.000Z") == at("2026-04-30T23:59:59Z"));
}

TEST_CASE("seller dates: an inclusive end made exclusive, the first whole second after it") {
    CHECK(format_instant(exclusive_end(*parse_seller_date("2026-04-30T23:59:59Z"))) == "2026-05-01T00:00:00Z");
    CHECK(format_instant(exclusive_end(*parse_seller_date("2026-04-30T23:59:59.999Z"))) == "2026-05-01T00:00:00Z");
    CHECK(format_instant(exclusive_end(*parse_seller_date("2026-04-30"))) == "2026-05-01T00:00:00Z");
    CHECK(format_instant(exclusive_end(*parse_seller_date("4/30/2026"))) == "2026-05-01T00:00:00Z");
    CHECK(format_instant(exclusive_end(*parse_seller_date("2026-04-30 00:00:00"))) == "2026-04-30T00:00:01Z");
    CHECK(format_instant(exclusive_end(*parse_seller_date("2026-02-28"))) == "2026-03-01T00:00:00Z");
    CHECK(format_instant(exclusive_end(*parse_seller_date("9998-12-31"))) == "9999-01-01T00:00:00Z");
}

TEST_CASE("seller dates: an event-dated end is the next UTC day's first instant") {
    CHECK(format_instant(event_dated_end(at("2026-05-20T09:12:40Z"))) == "2026-05-21T00:00:00Z");
    CHECK(format_instant(event_dated_end(at("2026-05-20T00:00:00Z"))) == "2026-05-21T00:00:00Z");
    CHECK(format_instant(event_dated_end(at("2026-12-31T23:59:59Z"))) == "2027-01-01T00:00:00Z");
    CHECK(format_instant(event_dated_end(at("2024-02-28T12:00:00Z"))) == "2024-02-29T00:00:00Z");
}

TEST_CASE("seller dates: the billing period is the calendar month of ChargePeriodStart") {
    const auto month = [](std::string_view text) {
        const BillingMonth period = billing_month_of(at(text));
        return format_instant(period.start) + ".." + format_instant(period.end);
    };
    CHECK(month("2026-04-01T00:00:00Z") == "2026-04-01T00:00:00Z..2026-05-01T00:00:00Z");
    CHECK(month("2026-04-30T23:59:59Z") == "2026-04-01T00:00:00Z..2026-05-01T00:00:00Z");
    CHECK(month("2026-12-15T10:00:00Z") == "2026-12-01T00:00:00Z..2027-01-01T00:00:00Z");
    CHECK(month("2024-02-29T23:59:59Z") == "2024-02-01T00:00:00Z..2024-03-01T00:00:00Z");
    CHECK(month("9998-12-31T23:59:59Z") == "9998-12-01T00:00:00Z..9999-01-01T00:00:00Z");
}
