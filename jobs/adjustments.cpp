#include "jobs/adjustments.hpp"
#include "schema/stored_values.hpp"

#include "jobs/contracts.hpp"
#include "runtime/prefetch_line_source.hpp"
#include "engine/settle/caps.hpp"
#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"
#include "schema/close_store.hpp"
#include "schema/contract_store.hpp"
#include "schema/fx_store.hpp"
#include "schema/period_lines.hpp"

#include <algorithm>
#include <optional>
#include <tuple>

namespace revshare::app {
namespace {

using settle::StatementRow;

// A statement row's identity across recomputations of one period under one contract text.
using RowKey = std::tuple<std::string, std::string, Day>;  // version, rule, segment start

RowKey key_of(const StatementRow& row) { return {row.version_id, row.rule_id, row.segment_start}; }

bool is_zero_difference(const StatementRow& row) { return row.basis.is_zero() && row.share.is_zero() && row.lines == 0; }

// A run the database must hold (a foreign key names it); missing only when edited by hand.
schema::StoredRun load_referenced_run(schema::Database& db, std::int64_t run_id, const Period& for_period) {
    auto run = schema::load_run(db, run_id);
    if (!run) {
        throw Error("internal invariant failed: the closed run " + std::to_string(run_id) + " of " + for_period.to_string() +
                        ", whose late data is being recomputed, is missing; run revshare verify",
                    ExitCode::locked_or_invariant);
    }
    return std::move(*run);
}

// What has been settled for the closed period `closed_period` so far: its closed statement
// (`closed_run`; none for a period never settled), plus the adjustments for it in the closed
// runs of the periods after it and before `open_period`.
std::map<RowKey, StatementRow> covered_rows(schema::Database& db, const std::string& contract_id, const Period& closed_period,
                                            const schema::StoredRun* closed_run, const Period& open_period) {
    std::map<RowKey, StatementRow> covered;
    auto add = [&covered](const StatementRow& row) {
        auto [found, inserted] = covered.emplace(key_of(row), row);
        if (inserted) return;
        found->second.basis += row.basis;
        found->second.share += row.share;
        found->second.lines += row.lines;
    };
    if (closed_run != nullptr) {
        for (const auto& row : closed_run->rows) {
            if (row.kind == settle::RowKind::current) add(row);
        }
    }
    for (const auto& close : schema::load_period_closes(db, contract_id)) {
        if (close.period <= closed_period || close.period >= open_period) continue;
        const auto later = load_referenced_run(db, close.run_id, close.period);
        for (const auto& row : later.rows) {
            if (row.kind == settle::RowKind::adjustment && row.for_period == closed_period) add(row);
        }
    }
    return covered;
}

// The cap totals a closed period started from: those its closed run started from, its own
// adjustments included; for a period never settled, the totals after the closed run before it.
std::map<std::string, Decimal> closed_cap_totals_before(schema::Database& db, const rules::Contract& contract,
                                                        const Period& closed_period, const schema::StoredRun* closed_run) {
    if (closed_run != nullptr) {
        auto before = stored_cap_totals_before(db, *closed_run);
        for (const auto& [group, delta] : adjustment_cap_deltas(contract, closed_run->rows)) before[group] += delta;
        return before;
    }
    std::optional<std::int64_t> previous_run;
    for (const auto& close : schema::load_period_closes(db, contract.id)) {
        if (close.period < closed_period) previous_run = close.run_id;
    }
    if (!previous_run) return {};
    return load_referenced_run(db, *previous_run, closed_period).cap_totals_after;
}

struct ClosedRecompute {
    std::vector<StatementRow> adjustments;
    std::vector<settle::MissingRate> missing_rates;
};

// What a closed period carried in: what its closed run started from; for a period never
// settled, what the runs before it posted.
settle::CarriedTotals closed_carried_before(schema::Database& db, const rules::Contract& contract,
                                            const Period& closed_period, const schema::StoredRun* closed_run) {
    if (closed_run != nullptr) return closed_run->carried_before;
    return settle::carried_into(contract, closed_period, schema::load_rows_posted_before(db, contract.id, closed_period));
}

settle::SettleOutcome recompute_closed(schema::Database& db, const Period& closed_period, const rules::Contract& contract,
                                       std::map<std::string, Decimal> cap_totals_before, settle::CarriedTotals carried,
                                       const PeriodRequest& request) {
    schema::PeriodLineSource stored_lines(db, schema::LineSelection{closed_period, contract.cost_column, request.import_high_water});
    ParallelPeriodLineSource lines(db, stored_lines);  // no match sink: nothing else uses the connection meanwhile
    schema::StoredTextDictionary texts(db);
    return settle::compute_settlement(settle::SettleInputs{contract, closed_period, lines, texts, request.fx,
                                                           std::move(cap_totals_before), nullptr, std::move(carried), {}});
}

// An adjustment row says what changed, not why: the explanation columns stay empty.
void clear_explanation(StatementRow& row) {
    row.share_before_limits.reset();
    row.limited_by = {};
    row.cap_remaining.reset();
}

// The adjustment rows for one closed period: recomputed minus covered, per row key, in the
// recomputed statement's row order (a recomputation under the closed text repeats the closed
// statement's order). A closed period with a run is recomputed under the text it was closed
// with; one never settled under the open run's text.
ClosedRecompute adjustments_for(schema::Database& db, const schema::AdjustedPeriod& adjusted, const PeriodRequest& request) {
    std::optional<schema::StoredRun> closed_run;
    std::optional<rules::Contract> closed_contract;
    if (adjusted.closed_run_id) {
        closed_run = load_referenced_run(db, *adjusted.closed_run_id, adjusted.for_period);
        const auto text = schema::load_contract_text(db, closed_run->header.contract_text_id);
        if (!text) {
            throw Error("internal invariant failed: the contract text " + std::to_string(closed_run->header.contract_text_id) +
                            " of closed run " + std::to_string(*adjusted.closed_run_id) + " (" +
                            adjusted.for_period.to_string() + ") is missing; run revshare verify",
                        ExitCode::locked_or_invariant);
        }
        closed_contract = parse_stored_contract(*text);
    }
    const rules::Contract& contract = closed_contract ? *closed_contract : request.contract;
    const schema::StoredRun* closed = closed_run ? &*closed_run : nullptr;
    auto outcome = recompute_closed(db, adjusted.for_period, contract,
                                    closed_cap_totals_before(db, contract, adjusted.for_period, closed),
                                    closed_carried_before(db, contract, adjusted.for_period, closed), request);
    if (!outcome.settlement) return ClosedRecompute{{}, std::move(outcome.missing_rates)};
    auto covered = covered_rows(db, contract.id, adjusted.for_period, closed, request.period);
    ClosedRecompute result;
    for (const auto& row : outcome.settlement->rows) {
        if (row.kind != settle::RowKind::current) continue;  // steps 7a–7c are not recomputed (adjustments.hpp)
        StatementRow difference = row;
        difference.kind = settle::RowKind::adjustment;
        difference.for_period = adjusted.for_period;
        clear_explanation(difference);
        if (const auto found = covered.find(key_of(row)); found != covered.end()) {
            difference.basis -= found->second.basis;
            difference.share -= found->second.share;
            difference.lines -= found->second.lines;
            covered.erase(found);
        }
        if (!is_zero_difference(difference)) result.adjustments.push_back(std::move(difference));
    }
    // A covered row the recomputation no longer has (a version added in a period never
    // settled, under a newer text): reverse it.
    for (auto& [key, row] : covered) {
        row.kind = settle::RowKind::adjustment;
        clear_explanation(row);
        row.for_period = adjusted.for_period;
        row.basis = -row.basis;
        row.share = -row.share;
        row.lines = -row.lines;
        if (!is_zero_difference(row)) result.adjustments.push_back(row);
    }
    return result;
}


// Step 7 for the adjustment rows of the open period: they take the headroom of their cap
// group first, in statement order, starting from the totals the period starts from (every
// closed period's shares included), so late data never takes a group past its cap, whatever
// headroom the recomputed period had when it was settled. A row cut to nothing is dropped.
void cap_adjustments(const rules::Contract& contract, std::vector<StatementRow>& adjustments,
                     std::map<std::string, Decimal>& cap_totals) {
    settle::CapLedger caps(contract, cap_totals);
    for (auto& row : adjustments) {
        if (const auto group = cap_group_of(contract, row)) row.share = caps.take(*group, row.share);
    }
    std::erase_if(adjustments, is_zero_difference);
    cap_totals = caps.totals();
}

}  // namespace

settle::FxTable load_fx_table(schema::Database& db, std::optional<std::int64_t> rowid_high_water) {
    std::vector<settle::FxRate> rates;
    const auto stored = rowid_high_water ? schema::load_fx_rates_up_to(db, *rowid_high_water) : schema::load_fx_rates(db);
    for (const auto& rate : stored) rates.push_back(settle::FxRate{rate.date, rate.base, rate.quote, rate.rate});
    return settle::FxTable(rates);
}

std::optional<std::string> cap_group_of(const rules::Contract& contract, const StatementRow& row) {
    const rules::Rule* rule = contract.find_rule(row.version_id, row.rule_id);
    return rule != nullptr ? rule->cap_group : std::nullopt;
}

std::map<std::string, Decimal> adjustment_cap_deltas(const rules::Contract& contract,
                                                     const std::vector<settle::StatementRow>& rows) {
    std::map<std::string, Decimal> deltas;
    for (const auto& row : rows) {
        if (row.kind != settle::RowKind::adjustment) continue;
        if (const auto group = cap_group_of(contract, row)) deltas[*group] += row.share;
    }
    return deltas;
}

std::map<std::string, Decimal> stored_cap_totals_before(schema::Database& db, const schema::StoredRun& run) {
    if (run.header.fx_high_water) return run.cap_totals_before;
    return schema::load_cap_totals_before(db, run.header.contract_id, run.header.period);
}

PeriodResult compute_period_with_adjustments(schema::Database& db, const PeriodRequest& request) {
    PeriodResult result;
    std::vector<StatementRow> adjustments;
    for (const auto& adjusted : request.adjusted_periods) {
        auto closed = adjustments_for(db, adjusted, request);
        result.missing_rates.insert(result.missing_rates.end(), closed.missing_rates.begin(), closed.missing_rates.end());
        adjustments.insert(adjustments.end(), closed.adjustments.begin(), closed.adjustments.end());
    }
    auto before = request.cap_totals_before;
    cap_adjustments(request.contract, adjustments, before);
    std::optional<schema::PeriodLineSource> stored_lines;
    if (request.lines == nullptr) {
        stored_lines.emplace(db, schema::LineSelection{request.period, request.contract.cost_column, request.import_high_water});
    }
    // Without a match sink nothing else uses the connection while the lines are read, so they
    // are read by two threads (ParallelPeriodLineSource) while this one groups them.
    std::optional<ParallelPeriodLineSource> prefetched;
    if (stored_lines && request.matches == nullptr) prefetched.emplace(db, *stored_lines);
    settle::LineSource& lines = request.lines != nullptr ? *request.lines
                                : prefetched             ? static_cast<settle::LineSource&>(*prefetched)
                                                         : *stored_lines;
    schema::StoredTextDictionary texts(db);
    auto outcome = settle::compute_settlement(settle::SettleInputs{request.contract, request.period, lines, texts, request.fx,
                                                                   before, request.matches, request.carried,
                                                                   std::move(adjustments)});
    result.missing_rates.insert(result.missing_rates.end(), outcome.missing_rates.begin(), outcome.missing_rates.end());
    if (!result.missing_rates.empty()) {
        std::sort(result.missing_rates.begin(), result.missing_rates.end());
        result.missing_rates.erase(std::unique(result.missing_rates.begin(), result.missing_rates.end()),
                                   result.missing_rates.end());
        return result;
    }
    ENGINE_ASSERT(outcome.settlement.has_value());
    result.settlement = std::move(outcome.settlement);
    return result;
}

}  // namespace revshare::app
