#pragma once
// What compute_settlement reads: the contract, the period, the period's lines (streamed, with
// text columns as dictionary ids), the FX table, the cap totals and carried totals of earlier
// periods, and the period's adjustment rows.
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"
#include "engine/core/usage_record.hpp"
#include "engine/rules/contract.hpp"
#include "engine/rules/text_dictionary.hpp"
#include "engine/settle/carried_totals.hpp"
#include "engine/settle/fx_table.hpp"
#include "engine/settle/statement.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace revshare::settle {

using rules::TextDictionary;

// One current (not superseded) normalised line.
struct LineInput {
    std::int64_t line_id = 0;
    Instant charge_period_start{};
    std::array<std::int64_t, text_column_count> text_ids{};  // ids into the TextDictionary
    std::optional<Decimal> cost;  // the contract's cost_column; nullopt = empty cell
    // Lines with the same nonzero dimensions_id have the same text_ids (their line_dimensions
    // row), so matching remembers its result by it; 0: not known.
    std::int64_t dimensions_id = 0;
};

// The lines whose ChargePeriodStart is in the period, in any order.
class LineSource {
public:
    virtual ~LineSource() = default;
    // Fills `line` and returns true, or returns false when there are no more lines.
    virtual bool next(LineInput& line) = 0;
    // The text columns compute_settlement reads (true), called once before the first next():
    // a source may leave the others 0 rather than load them. By default it loads them all.
    virtual void read_only(const std::array<bool, text_column_count>& columns) { (void)columns; }
};

// Receives every (line, statement row) match, for the line-detail report. `row_index` indexes
// Settlement::rows. `converted_cost` is the cost in the contract currency (zero for an empty
// cost cell); `fx_rate` is the rate used, nullopt when the line is in the contract currency
// or its cost is empty. When the outcome lists missing rates there is no settlement, and
// whatever the sink received must be discarded.
class LineMatchSink {
public:
    virtual ~LineMatchSink() = default;
    virtual void matched(std::int64_t line_id, std::size_t row_index, const Decimal& converted_cost,
                         const std::optional<Decimal>& fx_rate) = 0;
};

struct SettleInputs {
    const rules::Contract& contract;
    Period period;
    LineSource& lines;
    const TextDictionary& texts;
    const FxTable& fx;
    // Lifetime share total per cap group from the settled earlier periods (adjustments
    // included); a group not listed starts at zero. Values are in the currency's minor units.
    std::map<std::string, Decimal> cap_totals_before;
    LineMatchSink* matches = nullptr;  // optional
    // The year-to-date bases, year totals and amounts recouped the earlier periods posted.
    CarriedTotals carried = {};
    // The period's adjustment rows (late data for closed periods, made by the caller and already
    // cut by their cap groups, whose totals cap_totals_before then includes): placed after the
    // current rows, before the rows of steps 7a–7c, which count them.
    std::vector<StatementRow> adjustments = {};
};

}  // namespace revshare::settle
