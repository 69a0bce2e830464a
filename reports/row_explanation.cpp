#include "reports/row_explanation.hpp"

#include <algorithm>

namespace revshare::reports {
namespace {

std::string amount(const Decimal& value, const Currency& currency) {
    return value.to_string_min_places(currency.minor_units());
}

// "150000.00", or "150000.00 prorated to 3/30 of 2026-04" for a segment shorter than the month.
std::string bound_text(const Decimal& bound, const settle::StatementRow& row, const Currency& currency) {
    const auto segment_days = (row.segment_end - row.segment_start).count();
    const int month_days = row.for_period.days();
    std::string text = amount(bound, currency);
    if (segment_days != month_days) {
        text += " prorated to " + std::to_string(segment_days) + "/" + std::to_string(month_days) + " of " +
                row.for_period.to_string();
    }
    return text;
}

void add(std::string& text, const std::string& part) {
    if (part.empty()) return;
    if (!text.empty()) text += "; ";
    text += part;
}

std::string explain_share_row(const settle::StatementRow& row, const rules::Contract& contract) {
    const Currency& currency = contract.currency;
    const rules::Rule* rule = contract.find_rule(row.version_id, row.rule_id);
    std::string text;
    if (!row.owed) add(text, "memo: owed by no one (it reduces the basis of the rules net of it)");
    if (rule != nullptr && rule->tiers_over == rules::TiersOver::contract_year) add(text, "tiers over the contract year to date");
    if (row.kind == settle::RowKind::true_up && rule != nullptr && rule->annual_minimum) {
        add(text, "annual minimum " + amount(*rule->annual_minimum, currency) + ", prorated to the days in force");
    }
    if (row.limited_by.any() && row.share_before_limits) {
        add(text, (rule != nullptr && !rule->tiers.empty() ? "tiers give " : "rate gives ") +
                      amount(*row.share_before_limits, currency));
    }
    if (row.limited_by.minimum) {
        add(text, "raised to the minimum" + (rule != nullptr && rule->minimum ? " " + bound_text(*rule->minimum, row, currency) : std::string()));
    }
    if (row.limited_by.maximum) {
        add(text, "lowered to the maximum" + (rule != nullptr && rule->maximum ? " " + bound_text(*rule->maximum, row, currency) : std::string()));
    }
    if (row.cap_remaining) {
        const std::string group = rule != nullptr && rule->cap_group ? *rule->cap_group : std::string("group");
        add(text, std::string(row.limited_by.cap ? "cut by " : "") + "cap " + group + ": " +
                      amount(*row.cap_remaining, currency) + " left");
    }
    return text;
}

}  // namespace

std::string explain_row(const settle::StatementRow& row, const rules::Contract& contract) {
    const Currency& currency = contract.currency;
    switch (row.kind) {
        case settle::RowKind::current:
        case settle::RowKind::true_up:
            return explain_share_row(row, contract);
        case settle::RowKind::adjustment:
            return "late data for closed " + row.for_period.to_string() + (row.owed ? "" : " (memo: owed by no one)");
        case settle::RowKind::advance:
            return "advance paid; recouped from later shares";
        case settle::RowKind::recoupment: {
            std::string text = "recouped from this period's shares";
            if (const rules::Advance* advance = contract.find_advance(row.rule_id)) {
                std::string rules;
                for (const auto& id : advance->recoup_from) rules += (rules.empty() ? "" : ", ") + id;
                text += " of " + rules + " (advance of " + amount(advance->amount, currency) + " paid on " +
                        format_day(advance->paid_on) + ")";
            }
            return text;
        }
        case settle::RowKind::withholding: {
            const rules::Withholding* found = contract.find_withholding(row.rule_id);
            if (found == nullptr) return "withholding on " + amount(row.basis, currency);
            return "rate " + found->rate.value().to_string_min_places(2) + " on the " + amount(row.basis, currency) + " " + row.payer + " owes " +
                   found->payee + ", " + (row.payee == found->authority ? "paid to " + found->authority : "withheld from " + found->payee);
        }
    }
    return "";
}

}  // namespace revshare::reports
