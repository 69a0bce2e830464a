#include "app/adjustments.hpp"
#include "schema/stored_values.hpp"

#include "app/contracts.hpp"
#include "app/prefetch_line_source.hpp"
#include "engine/core/assert.hpp"
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

// What has been settled for the closed period of `closed_run` so far: its closed statement,
// plus the adjustments for it in the closed runs of the periods after it and before `open_period`.
std::map<RowKey, StatementRow> covered_rows(schema::Database& db, const schema::StoredRun& closed_run, const Period& open_period) {
    const Period closed_period = closed_run.header.period;
    std::map<RowKey, StatementRow> covered;
    auto add = [&covered](const StatementRow& row) {
        auto [found, inserted] = covered.emplace(key_of(row), row);
        if (inserted) return;
        found->second.basis += row.basis;
        found->second.share += row.share;
        found->second.lines += row.lines;
    };
    for (const auto& row : closed_run.rows) {
        if (row.kind == "current") add(row);
    }
    for (const auto& close : schema::load_period_closes(db, closed_run.header.contract_id)) {
        if (close.period <= closed_period || close.period >= open_period) continue;
        const auto later = schema::load_run(db, close.run_id);
        if (!later) schema::throw_missing_row("settlement_run " + std::to_string(close.run_id) + ", named by the close of " + close.period.to_string());
        for (const auto& row : later->rows) {
            if (row.kind == "adjustment" && row.for_period == closed_period) add(row);
        }
    }
    return covered;
}

struct ClosedRecompute {
    std::vector<StatementRow> adjustments;
    std::vector<settle::MissingRate> missing_rates;
};

settle::SettleOutcome recompute_closed(schema::Database& db, const schema::StoredRun& closed_run,
                                       const rules::Contract& contract, const PeriodRequest& request) {
    auto before = stored_cap_totals_before(db, closed_run);
    for (const auto& [group, delta] : adjustment_cap_deltas(contract, closed_run.rows)) before[group] += delta;
    schema::PeriodLineSource stored_lines(db, schema::LineSelection{closed_run.header.period, contract.cost_column,
                                                                    request.import_high_water});
    ParallelPeriodLineSource lines(db, stored_lines);  // no match sink: nothing else uses the connection meanwhile
    schema::StoredTextDictionary texts(db);
    return settle::compute_settlement(
        settle::SettleInputs{contract, closed_run.header.period, lines, texts, request.fx, before, nullptr});
}

// The adjustment rows for one closed period: recomputed minus covered, per row key, in the
// closed statement's row order (which a recomputation under the same text repeats).
ClosedRecompute adjustments_for(schema::Database& db, const schema::AdjustedPeriod& adjusted, const PeriodRequest& request) {
    const auto closed_run = schema::load_run(db, adjusted.closed_run_id);
    if (!closed_run) {
        schema::throw_missing_row("settlement_run " + std::to_string(adjusted.closed_run_id) + ", the closed run of " +
                                  adjusted.for_period.to_string());
    }
    const auto text = schema::load_contract_text(db, closed_run->header.contract_text_id);
    if (!text) {
        schema::throw_missing_row("contract_text " + std::to_string(closed_run->header.contract_text_id) +
                                  ", named by run " + std::to_string(closed_run->header.run_id));
    }
    const rules::Contract contract = parse_stored_contract(*text);
    auto outcome = recompute_closed(db, *closed_run, contract, request);
    if (!outcome.settlement) return ClosedRecompute{{}, std::move(outcome.missing_rates)};
    auto covered = covered_rows(db, *closed_run, request.period);
    ClosedRecompute result;
    for (const auto& row : outcome.settlement->rows) {
        StatementRow difference = row;
        difference.kind = "adjustment";
        difference.for_period = adjusted.for_period;
        if (const auto found = covered.find(key_of(row)); found != covered.end()) {
            difference.basis -= found->second.basis;
            difference.share -= found->second.share;
            difference.lines -= found->second.lines;
            covered.erase(found);
        }
        if (!is_zero_difference(difference)) result.adjustments.push_back(std::move(difference));
    }
    // A covered row the recomputation no longer has (impossible under the same text): reverse it.
    for (auto& [key, row] : covered) {
        row.kind = "adjustment";
        row.basis = -row.basis;
        row.share = -row.share;
        row.lines = -row.lines;
        if (!is_zero_difference(row)) result.adjustments.push_back(row);
    }
    return result;
}

}  // namespace

settle::FxTable load_fx_table(schema::Database& db, std::optional<std::int64_t> rowid_high_water) {
    std::vector<settle::FxRate> rates;
    const auto stored = rowid_high_water ? schema::load_fx_rates_up_to(db, *rowid_high_water) : schema::load_fx_rates(db);
    for (const auto& rate : stored) rates.push_back(settle::FxRate{rate.date, rate.base, rate.quote, rate.rate});
    return settle::FxTable(rates);
}

std::vector<schema::AdjustedPeriod> closed_periods_before(schema::Database& db, const std::string& contract_id,
                                                          const Period& period) {
    std::vector<schema::AdjustedPeriod> periods;
    for (const auto& close : schema::load_period_closes(db, contract_id)) {
        if (close.period < period) periods.push_back(schema::AdjustedPeriod{close.period, close.run_id});
    }
    return periods;
}

std::map<std::string, Decimal> adjustment_cap_deltas(const rules::Contract& contract,
                                                     const std::vector<settle::StatementRow>& rows) {
    std::map<std::string, Decimal> deltas;
    for (const auto& row : rows) {
        if (row.kind != "adjustment") continue;
        for (const auto& version : contract.versions) {
            if (version.id != row.version_id) continue;
            for (const auto& rule : version.rules) {
                if (rule.id == row.rule_id && rule.cap_group) deltas[*rule.cap_group] += row.share;
            }
        }
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
    for (const auto& [group, delta] : adjustment_cap_deltas(request.contract, adjustments)) before[group] += delta;
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
    auto outcome = settle::compute_settlement(
        settle::SettleInputs{request.contract, request.period, lines, texts, request.fx, before, request.matches});
    result.missing_rates.insert(result.missing_rates.end(), outcome.missing_rates.begin(), outcome.missing_rates.end());
    if (!result.missing_rates.empty()) {
        std::sort(result.missing_rates.begin(), result.missing_rates.end());
        result.missing_rates.erase(std::unique(result.missing_rates.begin(), result.missing_rates.end()),
                                   result.missing_rates.end());
        return result;
    }
    ENGINE_ASSERT(outcome.settlement.has_value());
    if (!adjustments.empty()) {
        settle::Settlement& settlement = *outcome.settlement;
        settlement.rows.insert(settlement.rows.end(), adjustments.begin(), adjustments.end());
        settlement.net = settle::compute_net(settlement.rows);
        settlement.journal = settle::compute_journal(settlement.rows);
    }
    result.settlement = std::move(outcome.settlement);
    return result;
}

}  // namespace revshare::app
