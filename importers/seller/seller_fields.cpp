#include "importers/seller/seller_fields.hpp"

#include "engine/core/number_limits.hpp"

#include <algorithm>

namespace revshare::importers {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Whether `text` is written as a number (surrounding spaces, a sign, digits with a point, an
// exponent), however many digits: what Decimal::parse refuses in such a text is a limit.
bool written_as_number(std::string_view text) {
    std::size_t at = text.find_first_not_of(" \t");
    const std::size_t end = text.find_last_not_of(" \t") + 1;
    if (at == std::string_view::npos) return false;
    if (text[at] == '+' || text[at] == '-') ++at;
    std::size_t digits = 0;
    while (at < end && is_digit(text[at])) ++at, ++digits;
    if (at < end && text[at] == '.') {
        ++at;
        while (at < end && is_digit(text[at])) ++at, ++digits;
    }
    if (digits == 0) return false;
    if (at < end && (text[at] == 'e' || text[at] == 'E')) {
        ++at;
        if (at < end && (text[at] == '+' || text[at] == '-')) ++at;
        const std::size_t exponent_start = at;
        while (at < end && is_digit(text[at])) ++at;
        if (at == exponent_start) return false;
    }
    return at == end;
}

std::string quoted(std::string_view cell) {
    return "'" + std::string(cell.substr(0, 60)) + (cell.size() > 60 ? "...'" : "'");
}

}  // namespace

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t") == std::string_view::npos; }

bool read_event_key(FieldReader& reader, std::optional<std::size_t> position, std::string& key) {
    const std::string_view cell = reader.text(position);
    if (is_blank(cell)) {
        return reader.fail(DiagnosticCode::missing_value, position,
                           "empty: the row does not say which event it is",
                           "a later delivery repeats or replaces an event by this id, so a row without it "
                           "cannot be counted once; ask for the file again with the id filled");
    }
    // Compared as the id itself: spaces or tabs around it, or a byte-order mark before it
    // (a file joined from two downloads), would make the same event a second one.
    std::string_view id = cell;
    if (id.starts_with("\xEF\xBB\xBF")) id.remove_prefix(3);
    id.remove_prefix(std::min(id.size(), id.find_first_not_of(" \t")));
    id.remove_suffix(id.size() - (id.find_last_not_of(" \t") + 1));
    if (id.empty()) {
        return reader.fail(DiagnosticCode::missing_value, position, "empty: the row does not say which event it is",
                           "a later delivery repeats or replaces an event by this id, so a row without it "
                           "cannot be counted once; ask for the file again with the id filled");
    }
    key = id;
    return true;
}

bool read_amount(FieldReader& reader, std::optional<std::size_t> position, Decimal& amount) {
    const std::string_view cell = reader.text(position);
    if (is_blank(cell)) {
        return reader.fail(DiagnosticCode::missing_value, position, "empty: the row has no amount",
                           "every row of the feed carries its amount; ask for the file again");
    }
    std::string why;
    auto parsed = Decimal::parse(cell, &why);
    if (!parsed && !written_as_number(cell)) {
        return reader.fail(DiagnosticCode::bad_number, position, quoted(cell) + " is not a number (" + why + ")",
                           "expected a plain decimal such as 1250.000000, -37.5 or 1.25E3 (no thousands "
                           "separator, currency sign or parentheses; a point before the decimals)");
    }
    if (!parsed) {
        return reader.fail(DiagnosticCode::number_out_of_range, position, quoted(cell) + " is out of range (" + why + ")",
                           "an amount this large or this precise is not a real charge; check the file");
    }
    if (const auto problem = cost_limit_problem(*parsed)) {
        return reader.fail(DiagnosticCode::number_out_of_range, position, quoted(cell) + " is " + *problem,
                           "an amount this large or this precise is not a real charge; check the file");
    }
    amount = std::move(*parsed);
    return true;
}

bool read_date(FieldReader& reader, std::optional<std::size_t> position, std::optional<SellerDate>& date) {
    const std::string_view cell = reader.text(position);
    date.reset();
    if (cell.empty()) return true;
    std::string why;
    date = parse_seller_date(cell, &why);
    if (!date) {
        return reader.fail(DiagnosticCode::bad_date, position,
                           quoted(cell) + " is " + (why.empty() ? "not a valid date" : why),
                           "expected " + std::string(seller_date_forms()));
    }
    return true;
}

}  // namespace revshare::importers
