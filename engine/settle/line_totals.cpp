#include "engine/settle/line_totals.hpp"

#include "engine/core/assert.hpp"
#include "engine/rules/line_matcher.hpp"

namespace revshare::settle {
namespace {

constexpr std::size_t billing_currency_column = static_cast<std::size_t>(TextColumn::BillingCurrency);

// Per segment: its version's matcher, its totals and the index of its first statement row.
struct SegmentState {
    rules::LineMatcher matcher;
    std::vector<RuleTotal> totals;
    std::size_t first_row_index = 0;
};

std::vector<SegmentState> make_segment_states(std::span<const Segment> segments) {
    std::vector<SegmentState> states;
    states.reserve(segments.size());
    std::size_t row_index = 0;
    for (const Segment& segment : segments) {
        ENGINE_ASSERT(segment.version != nullptr);
        const auto& rules = segment.version->rules;
        states.push_back(SegmentState{rules::LineMatcher(rules), std::vector<RuleTotal>(rules.size()), row_index});
        row_index += rules.size();
    }
    return states;
}

void add_line(const SettleInputs& inputs, const LineInput& line, SegmentState& segment, LineConverter& converter) {
    const std::vector<std::size_t>& matched = segment.matcher.matching_rules(line.text_ids, inputs.texts);
    if (matched.empty()) return;
    // Only a matched line with a cost needs a rate; an empty cost cell adds zero.
    ConvertedCost converted{Decimal(), std::nullopt};
    if (line.cost) {
        const auto day = day_of(line.charge_period_start);
        auto result = converter.convert(*line.cost, line.text_ids[billing_currency_column], day);
        if (!result) return;  // recorded as missing: the settlement stops, totals are void
        converted = std::move(*result);
    }
    for (const std::size_t rule_index : matched) {
        RuleTotal& total = segment.totals[rule_index];
        total.cost += converted.cost;
        ++total.lines;
        if (inputs.matches != nullptr) {
            inputs.matches->matched(line.line_id, segment.first_row_index + rule_index, converted.cost,
                                    converted.fx_rate);
        }
    }
}

}  // namespace

LineTotals accumulate_lines(const SettleInputs& inputs, std::span<const Segment> segments) {
    std::vector<SegmentState> states = make_segment_states(segments);
    LineConverter converter(inputs.fx, inputs.contract.currency, inputs.texts);
    LineInput line;
    while (inputs.lines.next(line)) {
        // A line belongs, whole, to the period and segment of its ChargePeriodStart's date:
        // 2026-04-28T00:00:00Z is in a version effective from 2026-04-28.
        const Day day = day_of(line.charge_period_start);
        ENGINE_ASSERT(inputs.period.start() <= day);  // the source yields the period's lines only
        ENGINE_ASSERT(day < inputs.period.end_exclusive());
        const auto segment_index = find_segment(segments, day);
        if (!segment_index) continue;  // before the first version: outside the contract
        add_line(inputs, line, states[*segment_index], converter);
    }
    LineTotals totals;
    totals.missing_rates = converter.missing_rates();
    for (SegmentState& state : states) totals.by_segment.push_back(std::move(state.totals));
    return totals;
}

}  // namespace revshare::settle
