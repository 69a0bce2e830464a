#include "reports/row_comparison.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <map>
#include <tuple>

namespace revshare::reports {
namespace {

using boost::multiprecision::cpp_int;
using Key = std::tuple<settle::RowKind, std::string, std::string, std::string>;  // kind, rule, payer, payee

std::map<Key, RowTotals> totals_by_key(const std::vector<settle::StatementRow>& rows, std::vector<Key>& order) {
    std::map<Key, RowTotals> totals;
    for (const auto& row : rows) {
        const Key key{row.kind, row.rule_id, row.payer, row.payee};
        auto [found, inserted] = totals.try_emplace(key);
        if (inserted) order.push_back(key);
        RowTotals& total = found->second;
        if (("+" + total.versions + "+").find("+" + row.version_id + "+") == std::string::npos) {
            total.versions += (total.versions.empty() ? "" : "+") + row.version_id;
        }
        total.basis += row.basis;
        total.share += row.share;
        total.lines += row.lines;
        total.limited_by.minimum = total.limited_by.minimum || row.limited_by.minimum;
        total.limited_by.maximum = total.limited_by.maximum || row.limited_by.maximum;
        total.limited_by.cap = total.limited_by.cap || row.limited_by.cap;
        if (row.cap_remaining) total.cap_remaining = row.cap_remaining;
    }
    return totals;
}

cpp_int pow10(int exponent) {
    cpp_int result = 1;
    for (int i = 0; i < exponent; ++i) result *= 10;
    return result;
}

}  // namespace

std::vector<ComparedRow> compare_rows(const std::vector<settle::StatementRow>& left,
                                      const std::vector<settle::StatementRow>& right) {
    std::vector<Key> left_order;
    std::vector<Key> right_order;
    const auto left_totals = totals_by_key(left, left_order);
    const auto right_totals = totals_by_key(right, right_order);
    std::vector<ComparedRow> rows;
    auto add = [&](const Key& key) {
        ComparedRow row{std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key), std::nullopt, std::nullopt};
        if (const auto found = left_totals.find(key); found != left_totals.end()) row.left = found->second;
        if (const auto found = right_totals.find(key); found != right_totals.end()) row.right = found->second;
        rows.push_back(std::move(row));
    };
    for (const auto& key : left_order) add(key);
    for (const auto& key : right_order) {
        if (!left_totals.contains(key)) add(key);
    }
    return rows;
}

std::optional<Decimal> percent_change(const Decimal& change, const Decimal& before) {
    if (before.is_zero()) return std::nullopt;
    // change = a·10^-sa, before = b·10^-sb; the percentage to 2 places is a·10^(sb+4) / (|b|·10^sa).
    // cpp_int: the intermediates are unbounded (scales go up to 60 digits).
    const cpp_int numerator = abs(cpp_int(change.mantissa())) * pow10(before.scale() + 4);
    const cpp_int denominator = abs(cpp_int(before.mantissa())) * pow10(change.scale());
    cpp_int quotient = numerator / denominator;
    const cpp_int twice_remainder = 2 * (numerator % denominator);
    if (twice_remainder > denominator || (twice_remainder == denominator && quotient % 2 == 1)) ++quotient;
    if (change.is_negative()) quotient = -quotient;
    return Decimal::from_parts(Decimal::Mantissa(quotient), 2);
}

}  // namespace revshare::reports
