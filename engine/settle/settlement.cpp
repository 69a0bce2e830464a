#include "engine/settle/settlement.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"
#include "engine/settle/caps.hpp"
#include "engine/settle/line_totals.hpp"
#include "engine/settle/period_end_rows.hpp"
#include "engine/settle/segments.hpp"
#include "engine/settle/statement_rows.hpp"

#include <utility>

namespace revshare::settle {
namespace {

// Postcondition: one current row per (segment, rule), by segment start, then rule file order,
// then the other kinds in the order contract.md lists them.
void assert_statement_order(const std::vector<StatementRow>& rows, const std::vector<Segment>& segments) {
    std::size_t row_index = 0;
    for (const Segment& segment : segments) {
        for (const rules::Rule& rule : segment.version->rules) {
            ENGINE_ASSERT(row_index < rows.size());
            ENGINE_ASSERT(rows[row_index].segment_start == segment.start);
            ENGINE_ASSERT(rows[row_index].rule_id == rule.id);
            ++row_index;
        }
    }
    for (std::size_t i = row_index; i < rows.size(); ++i) {
        ENGINE_ASSERT(rows[i].kind != RowKind::current);
        if (i > row_index) ENGINE_ASSERT(rows[i - 1].kind <= rows[i].kind);
    }
}

// The spec's steps, in order (contract.md).
SettleOutcome compute_settlement_steps(const SettleInputs& inputs) {
    const rules::Contract& contract = inputs.contract;
    // Step 2. A period in which no version is in force has no segments and settles to no rows.
    const std::vector<Segment> segments = compute_segments(contract, inputs.period);
    // Steps 1–3 and the line sums of step 4, in one pass over the lines.
    LineTotals totals = accumulate_lines(inputs, segments);
    if (!totals.missing_rates.empty()) return SettleOutcome{std::nullopt, std::move(totals.missing_rates)};
    // Steps 4–7, row by row in statement order.
    CapLedger caps(contract, inputs.cap_totals_before);
    check_carried_in_minor_units(inputs.carried, contract);
    std::vector<StatementRow> rows =
        compute_statement_rows(RowInputs{contract, inputs.period, segments, totals.by_segment, inputs.carried}, caps);
    rows.insert(rows.end(), inputs.adjustments.begin(), inputs.adjustments.end());
    // Steps 7a–7c, after the current and adjustment rows.
    append_period_end_rows(PeriodEndInputs{contract, inputs.period, segments, inputs.carried}, caps, rows);
    assert_statement_order(rows, segments);
    // Steps 8 and 9 over the owed rows. compute_journal asserts the balance.
    std::vector<NetRow> net = compute_net(rows);
    std::vector<JournalEntry> journal = compute_journal(rows);
    ENGINE_ASSERT(journal.size() == 2 * owed_row_count(rows));
    Settlement settlement{
        .contract_id = contract.id,
        .period = inputs.period,
        .currency = contract.currency,
        .rows = std::move(rows),
        .net = std::move(net),
        .journal = std::move(journal),
        .cap_totals_after = caps.totals(),
        .matched_revenue_by_provider = {},
    };
    for (const auto& [provider_id, cost] : totals.matched_cost_by_provider) {
        settlement.matched_revenue_by_provider[inputs.texts.text(provider_id)] += cost;
    }
    return SettleOutcome{std::move(settlement), {}};
}

}  // namespace

SettleOutcome compute_settlement(const SettleInputs& inputs) {
    // Exact arithmetic past the Decimal's 76 digits or 60 decimals (only lines and rates
    // beyond limits.hpp, or more lines than it proves, get there) stops the settlement,
    // naming the contract and period; nothing is rounded.
    try {
        return compute_settlement_steps(inputs);
    } catch (const ArithmeticError& error) {
        throw ArithmeticError("settle " + inputs.contract.id + " " + inputs.period.to_string() + ": " + error.what() +
                              "; nothing was stored for this period (check the costs and FX rates of its lines)");
    }
}

}  // namespace revshare::settle
