#include "schema/stored_values.hpp"

#include "engine/core/error.hpp"

namespace revshare::schema {

namespace {
constexpr std::string_view changed_by_hand =
    "; this version of revshare never writes that, so the database was changed by hand or by another program (run "
    "revshare verify)";
}  // namespace

void throw_missing_row(std::string_view what) {
    throw Error("database content is not valid: " + std::string(what) + " is missing" + std::string(changed_by_hand),
                ExitCode::locked_or_invariant);
}

void throw_invalid_content(std::string_view where, std::string_view text, std::string_view expected) {
    std::string shown(text.substr(0, 80));
    for (char& c : shown) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    }
    throw Error("database content is not valid: " + std::string(where) + " holds '" + shown + "', not " +
                    std::string(expected) + std::string(changed_by_hand),
                ExitCode::locked_or_invariant);
}

Decimal stored_decimal(std::string_view text, std::string_view where) {
    auto value = Decimal::parse_plain(text);
    if (!value) throw_invalid_content(where, text, "a plain decimal");
    return *value;
}

Day stored_day(std::string_view text, std::string_view where) {
    const auto day = parse_iso_date(text);
    if (!day) throw_invalid_content(where, text, "a date from " + supported_dates_text());
    return *day;
}

Day stored_end_day(std::string_view text, std::string_view where) {
    if (text == "9999-01-01") return Day(date::year(9999) / date::January / 1);
    return stored_day(text, where);
}

Period stored_period(std::string_view text, std::string_view where) {
    std::string why;
    const auto period = Period::parse(text, &why);
    if (!period) throw_invalid_content(where, text, "a period YYYY-MM (" + why + ")");
    return *period;
}

Currency stored_currency(std::string_view text, std::string_view where) {
    const auto currency = Currency::from_code(text);
    if (!currency) throw_invalid_content(where, text, "an ISO 4217 currency code");
    return *currency;
}

}  // namespace revshare::schema
