#pragma once
// Which periods of a contract are closed and which are open (contract.md "Closed periods and
// late data"). A period is closed when it was closed, or when it comes before the contract's
// last close: one never settled then counts as closed with no rows. Every open period comes
// after the last close; the earliest of them that is settled posts the late data of every
// closed period as adjustments. A retired contract has no open period from its retirement
// month on. settle, close and nightly all ask here.
#include "engine/rules/contract.hpp"
#include "schema/close_store.hpp"
#include "schema/database.hpp"
#include "schema/settlement_store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace revshare::app {

class PeriodStates {
public:
    PeriodStates(schema::Database& db, const rules::Contract& contract);

    [[nodiscard]] const std::vector<schema::PeriodClose>& closes() const { return closes_; }  // by period
    [[nodiscard]] std::optional<Period> last_closed() const;
    // Closed by a close, or before the last close (never settled: closed with no rows).
    [[nodiscard]] bool counts_as_closed(const Period& period) const;
    [[nodiscard]] bool was_closed(const Period& period) const;  // by a close of its own

    // Open periods before `before` (exclusive; nullopt: all) that have current lines (from the
    // month of the contract's first version on) or a current run, in order; and, up to the
    // latest of those (or `before`), the months that owe something without any line: the month
    // an advance is paid (step 7b) and, for a contract with an annual minimum, each contract
    // year's last month (step 7a). Skipping them would lose the advance or the true-up, and a
    // later recoupment would recoup an advance never posted.
    [[nodiscard]] std::vector<Period> open_periods_with_data(std::optional<Period> before) const;

    // Whether settling `period` would store a run made of nothing: the period has no current
    // lines, was never settled, owes nothing without lines (an advance, a year's true-up), is
    // not the month after the last close (where late data is posted), and no late data waits. `settle` refuses such a period unless --allow-empty.
    [[nodiscard]] bool has_nothing_to_settle(const Period& period) const;

    // The closed periods whose late data a run of `open_period`, the earliest open one,
    // recomputes: every closed period, and every period before the last close that has
    // current lines but was never settled (no closed run), in period order.
    [[nodiscard]] std::vector<schema::AdjustedPeriod> late_data_periods(const Period& open_period) const;

    // Whether lines were imported (or superseded) for a closed period since the last close
    // froze its inputs: late data that the earliest open period must post.
    [[nodiscard]] bool has_late_data() const;

    // Current runs of periods that count as closed but were never closed: a month before a
    // closed one settled as open, which earlier builds of revshare allowed and which is never
    // valid. The earliest open run replaces them (schema::retire_runs_out_of_order).
    [[nodiscard]] std::vector<schema::RunHeader> runs_settled_out_of_order() const;

    // The month from which the contract is retired (`contract retire`): no month from it on is
    // settled or closed; nullopt when it is not retired.
    [[nodiscard]] const std::optional<Period>& retired_from() const { return retired_from_; }
    [[nodiscard]] bool is_retired(const Period& period) const { return retired_from_ && period >= *retired_from_; }

    // The month of the contract's first version: no period before it is the contract's.
    [[nodiscard]] const Period& first_month() const { return first_month_; }

private:
    schema::Database& db_;
    std::string contract_id_;
    Period first_month_;  // the month of the contract's first version
    std::vector<Period> periods_owing_without_lines_;  // the months advances are paid in
    bool has_annual_minimum_ = false;                  // then each contract year's last month owes a true-up
    std::vector<schema::PeriodClose> closes_;
    std::vector<Period> periods_with_lines_;
    std::vector<schema::RunHeader> current_runs_;
    unsigned year_start_month_ = 1;
    std::optional<Period> retired_from_;
};

}  // namespace revshare::app
