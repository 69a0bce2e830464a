#pragma once
// Late data for closed periods (contract.md "Closed periods and late data") and the one
// computation that settle and replay share.
//
// The adjustment rule. A closed period C is recomputed with the data as it stands at the open
// run's import high-water mark (and FX high-water mark), under C's closed contract text and
// C's cap totals before (those its closed run started from, its own adjustments included).
// For each (version, rule, segment start) the adjustment posted is
//     recomputed(C) - closed statement(C) - adjustments for C in the closed runs of the periods
//     between C and the open period
// (basis, share and lines alike), and only non-zero differences become rows. Adjustments are
// posted only in the earliest open period: every period between C and it is closed, so what
// earlier adjustments covered is frozen; re-settling the open period recomputes its own
// adjustments in full (its previous run is replaced, not added to). A second late import for
// C therefore adjusts only what the first adjustments did not cover.
//
// A period before the last close that was never settled counts as closed with no rows
// (jobs/period_states.hpp): its closed statement is empty, it is recomputed under the open
// run's contract text, from the cap totals after the closed run before it.
#include "engine/rules/contract.hpp"
#include "engine/settle/settlement.hpp"
#include "schema/database.hpp"
#include "schema/settlement_store.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace revshare::app {

// The FX table as it stood at `rowid_high_water` (nullopt: every stored rate).
[[nodiscard]] settle::FxTable load_fx_table(schema::Database& db, std::optional<std::int64_t> rowid_high_water);

// Share deltas of adjustment rows per cap group (rule's cap_group in `contract`): lifetime
// caps count adjustments.
// The cap group of the rule a statement row names in `contract` (nullopt: none, or no such rule).
[[nodiscard]] std::optional<std::string> cap_group_of(const rules::Contract& contract, const settle::StatementRow& row);

[[nodiscard]] std::map<std::string, Decimal> adjustment_cap_deltas(const rules::Contract& contract,
                                                                  const std::vector<settle::StatementRow>& rows);

// What a run of one period computes: current rows, then adjustment rows, then the rows of
// steps 7a–7c, net and journal.
//
// Late data changes a closed period's current rows only: the adjustment rows are the
// differences of the rows of steps 4–7. The true-ups, recoupments and withholdings of a
// closed period are not recomputed: the adjustment rows count in the period that posts them
// (contract.md), so its own steps 7a–7c take them in.
struct PeriodRequest {
    const rules::Contract& contract;
    Period period;
    std::int64_t import_high_water = 0;
    const settle::FxTable& fx;
    std::map<std::string, Decimal> cap_totals_before;  // before this run's own adjustments
    std::vector<schema::AdjustedPeriod> adjusted_periods;
    // Optional: receives the (line, row) matches of the period's own (current) rows, for the
    // line-detail report; adjustment rows are differences and have no lines of their own.
    settle::LineMatchSink* matches = nullptr;
    // Optional: the period's lines, instead of reading them from the database (the line-detail
    // report reads each line once, for the settlement and its own rows at the same time).
    settle::LineSource* lines = nullptr;
    // The year totals and recouped amounts the earlier periods posted (steps 5a, 7a, 7b).
    settle::CarriedTotals carried = {};
};

struct PeriodResult {
    std::optional<settle::Settlement> settlement;  // rows: current, adjustments, then steps 7a-7c
    std::vector<settle::MissingRate> missing_rates;
};

[[nodiscard]] PeriodResult compute_period_with_adjustments(schema::Database& db, const PeriodRequest& request);

// The cap totals a stored run started from, adjustments excluded (runs stored before
// migration 0003 did not record them: the previous period's totals after, as then).
[[nodiscard]] std::map<std::string, Decimal> stored_cap_totals_before(schema::Database& db, const schema::StoredRun& run);

}  // namespace revshare::app
