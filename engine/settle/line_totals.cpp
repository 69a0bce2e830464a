#include "engine/settle/line_totals.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"
#include "engine/rules/line_matcher.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace revshare::settle {
namespace {

constexpr std::size_t billing_currency_column = static_cast<std::size_t>(TextColumn::BillingCurrency);
constexpr std::size_t provider_column = static_cast<std::size_t>(TextColumn::ProviderName);
using CostByProvider = std::map<std::int64_t, Decimal>;

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

// The period's days [first, end), worked out once: every line is checked against them.
struct PeriodDays {
    explicit PeriodDays(const Period& period) : first(period.start()), end(period.end_exclusive()) {}
    Day first;
    Day end;
};

// The segment of a line of the period, or nullopt before the first version (outside the contract).
std::optional<std::size_t> segment_of(const PeriodDays& period, std::span<const Segment> segments, Day day) {
    // A line belongs, whole, to the period and segment of its ChargePeriodStart's date:
    // 2026-04-28T00:00:00Z is in a version effective from 2026-04-28.
    ENGINE_ASSERT(period.first <= day);  // the source yields the period's lines only
    ENGINE_ASSERT(day < period.end);
    return find_segment(segments, day);
}

// Adds `lines` lines whose converted cost sums to `cost` to every rule in `matched`.
void add_to_rules(SegmentState& segment, const std::vector<std::size_t>& matched, const Decimal& cost,
                  std::int64_t lines) {
    for (const std::size_t rule_index : matched) {
        RuleTotal& total = segment.totals[rule_index];
        total.cost += cost;
        total.lines += lines;
    }
}

// The columns matching (any segment's matcher), conversion (BillingCurrency) and the revenue
// by provider (ProviderName) read.
std::array<bool, text_column_count> columns_read(const std::vector<SegmentState>& states);

// --- Line by line: needed when a LineMatchSink wants every (line, row) match. ---

void add_line(const SettleInputs& inputs, const LineInput& line, SegmentState& segment, LineConverter& converter,
              CostByProvider& by_provider) {
    const std::vector<std::size_t>& matched = segment.matcher.matching_rules(line.text_ids, inputs.texts, line.dimensions_id);
    if (matched.empty()) return;
    // Only a matched line with a cost needs a rate; an empty cost cell adds zero.
    ConvertedCost converted{Decimal(), std::nullopt};
    try {
        if (line.cost) {
            auto result = converter.convert(*line.cost, line.text_ids[billing_currency_column], day_of(line.charge_period_start));
            if (!result) return;  // recorded as missing: the settlement stops, totals are void
            converted = std::move(*result);
        }
        add_to_rules(segment, matched, converted.cost, 1);
        by_provider[line.text_ids[provider_column]] += converted.cost;
    } catch (const ArithmeticError& error) {
        throw ArithmeticError("line " + std::to_string(line.line_id) + " (revshare show-line " +
                              std::to_string(line.line_id) + "): " + error.what());
    }
    for (const std::size_t rule_index : matched) {
        inputs.matches->matched(line.line_id, segment.first_row_index + rule_index, converted.cost, converted.fx_rate);
    }
}

void accumulate_each_line(const SettleInputs& inputs, std::span<const Segment> segments,
                          std::vector<SegmentState>& states, LineConverter& converter, CostByProvider& by_provider) {
    inputs.lines.read_only(columns_read(states));
    const PeriodDays period(inputs.period);
    LineInput line;
    while (inputs.lines.next(line)) {
        const auto segment_index = segment_of(period, segments, day_of(line.charge_period_start));
        if (!segment_index) continue;
        add_line(inputs, line, states[*segment_index], converter, by_provider);
    }
}

// --- Grouped: lines alike in everything matching and conversion read are summed first. ---
//
// Matching reads only the matcher's columns, conversion only BillingCurrency and the day, so
// lines equal in those match the same rules at the same rate: their costs are summed exactly
// in their own currency, and each group is matched and converted once. Exact arithmetic makes
// this the same total: sum(cost_i) × rate = sum(cost_i × rate).

struct GroupKey {
    std::size_t segment_index = 0;
    Day day;
    rules::TextIds text_ids{};  // the columns read; the others stay 0

    friend bool operator==(const GroupKey&, const GroupKey&) = default;
    friend auto operator<=>(const GroupKey& a, const GroupKey& b) {
        if (a.segment_index != b.segment_index) return a.segment_index <=> b.segment_index;
        if (a.day != b.day) return a.day <=> b.day;
        return a.text_ids <=> b.text_ids;
    }
};

struct GroupKeyHash {
    std::size_t operator()(const GroupKey& key) const {
        std::uint64_t hash = 1469598103934665603ULL ^ key.segment_index;
        auto mix = [&hash](std::uint64_t value) {
            hash ^= value + 0x9E3779B97F4A7C15ULL + (hash << 6) + (hash >> 2);
        };
        mix(static_cast<std::uint64_t>(key.day.time_since_epoch().count()));
        for (const std::int64_t id : key.text_ids) mix(static_cast<std::uint64_t>(id));
        return static_cast<std::size_t>(hash);
    }
};

struct GroupTotal {
    Decimal cost;            // exact sum of the group's costs, in the lines' BillingCurrency
    std::int64_t lines = 0;
    bool has_cost = false;   // some line has a cost cell: the group needs a rate
};

std::array<bool, text_column_count> columns_read(const std::vector<SegmentState>& states) {
    std::array<bool, text_column_count> read{};
    read[billing_currency_column] = true;
    read[provider_column] = true;
    for (const SegmentState& state : states) {
        for (const TextColumn column : state.matcher.columns_read()) read[static_cast<std::size_t>(column)] = true;
    }
    return read;
}

void accumulate_grouped(const SettleInputs& inputs, std::span<const Segment> segments,
                        std::vector<SegmentState>& states, LineConverter& converter, CostByProvider& by_provider) {
    const std::array<bool, text_column_count> read = columns_read(states);
    inputs.lines.read_only(read);
    std::unordered_map<GroupKey, GroupTotal, GroupKeyHash> groups;
    const PeriodDays period(inputs.period);
    LineInput line;
    GroupKey key;
    while (inputs.lines.next(line)) {
        key.day = day_of(line.charge_period_start);
        const auto segment_index = segment_of(period, segments, key.day);
        if (!segment_index) continue;
        key.segment_index = *segment_index;
        for (std::size_t i = 0; i < text_column_count; ++i) key.text_ids[i] = read[i] ? line.text_ids[i] : 0;
        GroupTotal& group = groups[key];
        ++group.lines;
        if (line.cost) {
            group.cost += *line.cost;
            group.has_cost = true;
        }
    }
    // In key order, so that nothing depends on the hash table's order (missing rates are a set).
    std::vector<std::pair<GroupKey, GroupTotal>> ordered(groups.begin(), groups.end());
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [group_key, group] : ordered) {
        SegmentState& segment = states[group_key.segment_index];
        const std::vector<std::size_t>& matched = segment.matcher.matching_rules(group_key.text_ids, inputs.texts);
        if (matched.empty()) continue;
        Decimal converted;
        try {
            if (group.has_cost) {
                auto result = converter.convert(group.cost, group_key.text_ids[billing_currency_column], group_key.day);
                if (!result) continue;  // recorded as missing: the settlement stops, totals are void
                converted = std::move(result->cost);
            }
            add_to_rules(segment, matched, converted, group.lines);
            by_provider[group_key.text_ids[provider_column]] += converted;
        } catch (const ArithmeticError& error) {
            throw ArithmeticError("the lines of " + format_day(group_key.day) + " in '" +
                                  inputs.texts.text(group_key.text_ids[billing_currency_column]) + "': " + error.what());
        }
    }
}

}  // namespace

LineTotals accumulate_lines(const SettleInputs& inputs, std::span<const Segment> segments) {
    std::vector<SegmentState> states = make_segment_states(segments);
    LineConverter converter(inputs.fx, inputs.contract.currency, inputs.texts);
    LineTotals totals;
    if (inputs.matches != nullptr) {
        accumulate_each_line(inputs, segments, states, converter, totals.matched_cost_by_provider);
    } else {
        accumulate_grouped(inputs, segments, states, converter, totals.matched_cost_by_provider);
    }
    totals.missing_rates = converter.missing_rates();
    for (SegmentState& state : states) totals.by_segment.push_back(std::move(state.totals));
    return totals;
}

}  // namespace revshare::settle
