// Readers for the value kinds of a contract: strings, ids, dates, rates and money amounts.
// Numbers come only from strings: a TOML float or integer is recognised by its node type and
// refused, never converted (0.1 as a binary float is not 0.1).
#include "engine/rules/contract_parse_detail.hpp"

#include "engine/core/number_limits.hpp"

namespace revshare::rules::detail {
namespace {

bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_letter_or_digit(char c) { return is_lower_or_digit(c) || (c >= 'A' && c <= 'Z'); }

std::string plural(std::size_t count, std::string_view noun) {
    return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

// What a number field holds, for the wording of its messages.
struct NumberKind {
    std::string_view noun;     // "rate" or "amount"
    std::string example;       // a valid value, e.g. "0.15" or "5000.00"
};

std::string example_assignment(std::string_view key, const NumberKind& kind) {
    return std::string(key) + " = " + in_quotes(kind.example);
}

// The text of a plain decimal string field, or nullopt after reporting what is wrong with it.
std::optional<std::string> read_decimal_text(ParseContext& ctx, const toml::node& node, const FieldPath& path,
                                             std::string_view key, const NumberKind& kind) {
    const std::string write_as_string = "write the " + std::string(kind.noun) + " as a string, e.g. " +
                                        example_assignment(key, kind);
    if (node.is_floating_point()) {
        ctx.error(where(node), path,
                  "a TOML float is not allowed (0.1 as a binary float is not 0.1); " + write_as_string);
        return std::nullopt;
    }
    if (node.is_integer()) {
        ctx.error(where(node), path, "a TOML integer is not allowed; " + write_as_string);
        return std::nullopt;
    }
    if (!node.is_string()) {
        ctx.error(where(node), path,
                  not_allowed(node) + "; " + write_as_string);
        return std::nullopt;
    }
    return node.as_string()->get();
}

std::optional<Decimal> parse_decimal_text(ParseContext& ctx, const toml::node& node, const FieldPath& path,
                                          std::string_view text, std::string_view key, const NumberKind& kind) {
    std::string problem;
    auto value = Decimal::parse_plain(text, &problem);
    if (!value) {
        ctx.error(where(node), path,
                  in_quotes(text) + " is not a plain decimal (" + problem + "); expected -?digits[.digits], e.g. " +
                      example_assignment(key, kind));
    }
    return value;
}

std::size_t written_decimals(std::string_view text) {
    const std::size_t point = text.find('.');
    return point == std::string_view::npos ? 0 : text.size() - point - 1;
}

std::string money_example(const std::optional<Currency>& currency) {
    const int places = currency ? currency->minor_units() : 2;
    return places == 0 ? "5000" : "5000." + std::string(static_cast<std::size_t>(places), '0');
}

}  // namespace

bool matches_id_pattern(std::string_view text, IdPattern pattern) {
    if (text.empty()) return false;
    if (pattern == IdPattern::contract) {
        if (!is_lower_or_digit(text.front())) return false;
        for (const char c : text) {
            if (!is_lower_or_digit(c) && c != '-') return false;
        }
        return true;
    }
    if (!is_letter_or_digit(text.front())) return false;
    for (const char c : text) {
        if (!is_letter_or_digit(c) && c != '.' && c != '_' && c != '-') return false;
    }
    return true;
}

std::string id_pattern_problem(std::string_view text, IdPattern pattern) {
    if (pattern == IdPattern::contract) {
        return in_quotes(text) + " does not match [a-z0-9][a-z0-9-]*; expected lower-case letters, digits and '-', "
                              "starting with a letter or digit";
    }
    return in_quotes(text) + " does not match [A-Za-z0-9][A-Za-z0-9._-]*; expected letters, digits, '.', '_' and "
                          "'-', starting with a letter or digit";
}

std::optional<std::string> read_string(ParseContext& ctx, const toml::node& node, const FieldPath& path) {
    if (!node.is_string()) {
        ctx.error(where(node), path, not_allowed(node) + "; expected a string");
        return std::nullopt;
    }
    return node.as_string()->get();
}

std::optional<std::string> read_id(ParseContext& ctx, const toml::node& node, const FieldPath& path,
                                   IdPattern pattern) {
    auto text = read_string(ctx, node, path);
    if (!text) return std::nullopt;
    if (!matches_id_pattern(*text, pattern)) {
        ctx.error(where(node), path, id_pattern_problem(*text, pattern));
        return std::nullopt;
    }
    return text;
}

std::optional<Day> read_date(ParseContext& ctx, const toml::node& node, const FieldPath& path,
                             const DateField& field) {
    const std::string expected =
        "expected a date, e.g. " + std::string(field.key) + " = " + std::string(field.example);
    if (const auto* toml_date = node.as_date()) {
        const toml::date value = toml_date->get();
        const date::year_month_day day{date::year{value.year}, date::month{value.month}, date::day{value.day}};
        if (!day.ok()) {
            ctx.error(where(node), path, "not a calendar date; " + expected);  // toml++ checks this already
            return std::nullopt;
        }
        if (!is_supported_year(value.year)) {
            ctx.error(where(node), path, "outside the dates revshare handles (" + supported_dates_text() + "); " + expected);
            return std::nullopt;
        }
        return Day(day);
    }
    if (const auto* text = node.as_string()) {
        std::string why;
        auto day = parse_iso_date(text->get(), &why);
        if (!day) {
            const bool out_of_range = !why.empty() && why != "not a valid date";
            ctx.error(where(node), path,
                      in_quotes(text->get()) + (out_of_range ? " is " + why : " is not a YYYY-MM-DD date") + "; " + expected);
        }
        return day;
    }
    if (node.is_date_time()) {
        ctx.error(where(node), path,
                  "a TOML date-time is not allowed (" + std::string(field.whole_day) + "); " + expected);
        return std::nullopt;
    }
    ctx.error(where(node), path, not_allowed(node) + "; " + expected);
    return std::nullopt;
}

std::string money_text(const ParseContext& ctx, const Decimal& amount) {
    return amount.to_string_min_places(ctx.currency ? ctx.currency->minor_units() : 0);
}

std::optional<Rate> read_rate(ParseContext& ctx, const toml::node& node, const FieldPath& path,
                              std::string_view key) {
    const NumberKind kind{"rate", "0.15"};
    const auto text = read_decimal_text(ctx, node, path, key, kind);
    if (!text) return std::nullopt;
    const auto value = parse_decimal_text(ctx, node, path, *text, key, kind);
    if (!value) return std::nullopt;
    auto rate = Rate::from_decimal(*value);
    if (!rate) {
        ctx.error(where(node), path,
                  in_quotes(*text) + " is outside [0, 1]; expected a fraction, e.g. " + example_assignment(key, kind) +
                      " for 15%");
        return rate;
    }
    if (const auto problem = rate_limit_problem(*value)) {
        ctx.error(where(node), path, in_quotes(*text) + " has " + *problem);
        return std::nullopt;
    }
    return rate;
}

std::optional<Decimal> read_money(ParseContext& ctx, const toml::node& node, const FieldPath& path,
                                  std::string_view key) {
    const NumberKind kind{"amount", money_example(ctx.currency)};
    const auto text = read_decimal_text(ctx, node, path, key, kind);
    if (!text) return std::nullopt;
    auto value = parse_decimal_text(ctx, node, path, *text, key, kind);
    if (!value) return value;
    if (const auto problem = amount_limit_problem(*value)) {
        ctx.error(where(node), path, in_quotes(*text) + " is " + *problem);
        return std::nullopt;
    }
    if (!ctx.currency) return value;
    const std::size_t decimals = written_decimals(*text);
    const auto allowed = static_cast<std::size_t>(ctx.currency->minor_units());
    if (decimals <= allowed) return value;
    const std::string fix = allowed == 0 ? "write a whole amount" : "write at most " + std::to_string(allowed) +
                                                                        ", counting trailing zeros";
    ctx.error(where(node), path,
              in_quotes(*text) + " has " + plural(decimals, "decimal place") + " but " + ctx.currency->code() +
                  " has " + std::to_string(allowed) + "; " + fix);
    return std::nullopt;
}

}  // namespace revshare::rules::detail
