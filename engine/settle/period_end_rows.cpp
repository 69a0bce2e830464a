#include "engine/settle/period_end_rows.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"
#include "engine/core/money.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

namespace revshare::settle {
namespace {

// The segment in force on `day`, which lies in the period and on or after the first version.
const Segment& segment_on(std::span<const Segment> segments, Day day) {
    const auto index = find_segment(segments, day);
    ENGINE_ASSERT(index.has_value());
    return segments[*index];
}

// The first day on which a version having a rule `rule_id` is in force.
Day first_day_in_force(const rules::Contract& contract, const std::string& rule_id) {
    for (const rules::Version& version : contract.versions) {
        const bool has_rule = std::any_of(version.rules.begin(), version.rules.end(),
                                          [&](const rules::Rule& rule) { return rule.id == rule_id; });
        if (has_rule) return version.effective_from;
    }
    ENGINE_ASSERT(false);  // called only for a rule of a version
    return Day{};
}

StatementRow period_end_row(RowKind kind, const Period& period, Day start, Day end) {
    return StatementRow{.kind = kind,
                        .for_period = period,
                        .version_id = {},
                        .rule_id = {},
                        .payer = {},
                        .payee = {},
                        .segment_start = start,
                        .segment_end = end,
                        .basis = {},
                        .share = {},
                        .lines = 0,
                        .owed = true,
                        .share_before_limits = std::nullopt,
                        .limited_by = {},
                        .cap_remaining = std::nullopt};
}

// 7a. In the contract year's last period, the shortfall of each annual minimum of the version
// in force on the period's last day, prorated to the days the rule id was in force that year.
void append_true_ups(const PeriodEndInputs& inputs, CapLedger& caps, std::vector<StatementRow>& rows) {
    const rules::Contract& contract = inputs.contract;
    const Period year_start = contract.contract_year_start(inputs.period);
    if (contract.contract_year_start(inputs.period.next()) == year_start) return;  // not the year's last period
    if (inputs.segments.empty()) return;
    const Segment& last = inputs.segments.back();
    const Day year_first_day = year_start.start();
    const Day year_end = inputs.period.end_exclusive();
    const auto year_days = (year_end - year_first_day).count();
    const Currency& currency = contract.currency;
    const std::size_t period_rows = rows.size();
    for (const rules::Rule& rule : last.version->rules) {
        if (!rule.annual_minimum) continue;
        Decimal year_total;
        if (const auto found = inputs.carried.year_share.find(rule.id); found != inputs.carried.year_share.end()) {
            year_total = found->second;
        }
        for (std::size_t i = 0; i < period_rows; ++i) {
            const StatementRow& row = rows[i];
            if (row.rule_id == rule.id && (row.kind == RowKind::current || row.kind == RowKind::adjustment)) {
                year_total += row.share;
            }
        }
        const Day counted_from = std::max(year_first_day, first_day_in_force(contract, rule.id));
        const auto days = (year_end - counted_from).count();
        ENGINE_ASSERT(days > 0);  // the version in force on the last day has the rule
        ENGINE_ASSERT(days <= year_days);
        const Decimal required = rule.annual_minimum->mul_div_round(days, year_days, currency.minor_units(), RoundingMode::half_even);
        if (!(year_total < required)) continue;
        StatementRow row = period_end_row(RowKind::true_up, inputs.period, last.start, last.end_exclusive);
        row.version_id = last.version->id;
        row.rule_id = rule.id;
        row.payer = rule.payer;
        row.payee = rule.payee;
        row.share = required - year_total;
        if (rule.cap_group) {
            const Decimal paid = caps.take(*rule.cap_group, row.share);
            row.limited_by.cap = paid != row.share;
            row.share = paid;
            row.cap_remaining = caps.remaining(*rule.cap_group);
        }
        ENGINE_ASSERT(Money(row.share, currency).is_in_minor_units());
        rows.push_back(std::move(row));
    }
}

// 7b. Advances paid in the period, then what each advance paid so far recoups from this
// period's shares of its recoup_from rules.
void append_advances(const PeriodEndInputs& inputs, std::vector<StatementRow>& rows) {
    const rules::Contract& contract = inputs.contract;
    const Period& period = inputs.period;
    for (const rules::Advance& advance : contract.advances) {
        if (advance.paid_on < period.start() || advance.paid_on >= period.end_exclusive()) continue;
        const Segment& segment = segment_on(inputs.segments, advance.paid_on);  // paid_on >= the first version (validated)
        StatementRow row = period_end_row(RowKind::advance, period, segment.start, segment.end_exclusive);
        row.version_id = segment.version->id;
        row.rule_id = advance.id;
        row.payer = advance.payer;
        row.payee = advance.payee;
        row.share = advance.amount;
        rows.push_back(std::move(row));
    }
    const std::size_t shares_end = rows.size();
    // What the earlier advances with the same recoup_from set recouped this period.
    std::map<std::vector<std::string>, Decimal> recouped_now;
    for (const rules::Advance& advance : contract.advances) {
        if (advance.paid_on >= period.end_exclusive()) continue;
        std::vector<std::string> from = advance.recoup_from;
        std::sort(from.begin(), from.end());
        Decimal outstanding = advance.amount;
        if (const auto found = inputs.carried.recouped.find(advance.id); found != inputs.carried.recouped.end()) {
            outstanding += found->second;
        }
        Decimal available;
        for (std::size_t i = 0; i < shares_end; ++i) {
            const StatementRow& row = rows[i];
            const bool counts = row.kind == RowKind::current || row.kind == RowKind::adjustment || row.kind == RowKind::true_up;
            if (counts && std::binary_search(from.begin(), from.end(), row.rule_id)) available += row.share;
        }
        Decimal& taken = recouped_now[from];
        available -= taken;
        if (available.sign() <= 0 || outstanding.sign() <= 0) continue;
        const Decimal recouped = Decimal::min(outstanding, available);
        taken += recouped;
        StatementRow row = period_end_row(RowKind::recoupment, period, period.start(), period.end_exclusive());
        row.rule_id = advance.id;
        row.payer = advance.payer;
        row.payee = advance.payee;
        row.share = -recouped;
        rows.push_back(std::move(row));
    }
}

// 7c. For each withholding in force, what every other party owes the taxed party so far this
// period (owed rows of every kind, the withholding rows before included), taxed at its rate:
// paid to the authority instead.
void append_withholdings(const PeriodEndInputs& inputs, std::vector<StatementRow>& rows) {
    const rules::Contract& contract = inputs.contract;
    const Period& period = inputs.period;
    const Day last_day = period.end_exclusive() - date::days(1);
    std::vector<std::string> parties;
    for (const rules::Party& party : contract.parties) parties.push_back(party.key);
    std::sort(parties.begin(), parties.end());  // byte order
    // What each payer owes each payee so far this period (owed rows), kept up to date as the
    // withholding rows are appended: each withholding sees the ones before it.
    std::map<std::pair<std::string, std::string>, Decimal> owed_by_pair;
    for (const StatementRow& row : rows) {
        if (row.owed) owed_by_pair[{row.payer, row.payee}] += row.share;
    }
    const auto owed_between = [&owed_by_pair](const std::string& payer, const std::string& payee) {
        const auto found = owed_by_pair.find({payer, payee});
        return found == owed_by_pair.end() ? Decimal() : found->second;
    };
    for (const rules::Withholding& withholding : contract.withholdings) {
        if (withholding.from && last_day < *withholding.from) continue;
        for (const std::string& party : parties) {
            if (party == withholding.payee || party == withholding.authority) continue;
            const Decimal owed = owed_between(party, withholding.payee) - owed_between(withholding.payee, party);
            if (owed.sign() <= 0) continue;
            const Decimal withheld = Money(owed * withholding.rate.value(), contract.currency)
                                         .round_to_minor_units(RoundingMode::half_even)
                                         .amount();
            StatementRow to_authority = period_end_row(RowKind::withholding, period, period.start(), period.end_exclusive());
            to_authority.rule_id = withholding.id;
            to_authority.payer = party;
            to_authority.payee = withholding.authority;
            to_authority.basis = owed;
            to_authority.share = withheld;
            StatementRow from_payee = to_authority;
            from_payee.payee = withholding.payee;
            from_payee.share = -withheld;
            owed_by_pair[{party, withholding.authority}] += withheld;
            owed_by_pair[{party, withholding.payee}] -= withheld;
            rows.push_back(std::move(to_authority));
            rows.push_back(std::move(from_payee));
        }
    }
}

}  // namespace

void append_period_end_rows(const PeriodEndInputs& inputs, CapLedger& caps, std::vector<StatementRow>& rows) {
    append_true_ups(inputs, caps, rows);
    append_advances(inputs, rows);
    append_withholdings(inputs, rows);
}

}  // namespace revshare::settle
