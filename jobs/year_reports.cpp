#include "jobs/year_reports.hpp"

#include "jobs/contracts.hpp"
#include "jobs/period_reports.hpp"
#include "jobs/year_statements.hpp"
#include "engine/core/error.hpp"
#include "reports/year_csv.hpp"
#include "runtime/atomic_file.hpp"
#include "schema/contract_store.hpp"
#include "schema/stored_values.hpp"

#include <SQLiteCpp/Transaction.h>

namespace revshare::app {
namespace {

// Every run's currency is one the reports can format (exit 3 otherwise, as for statement.csv).
void check_currencies(const std::vector<settle::PeriodStatement>& periods, const std::string& contract_id) {
    for (const auto& period : periods) {
        if (period.currency.empty()) continue;
        (void)schema::stored_currency(period.currency,
                                      "settlement_run.currency of " + contract_id + " " + period.period.to_string());
    }
}

std::size_t settled_count(const std::vector<settle::PeriodStatement>& periods) {
    std::size_t count = 0;
    for (const auto& period : periods) {
        if (!period.currency.empty()) ++count;
    }
    return count;
}

}  // namespace

std::string write_year_to_date(schema::Database& db, const std::filesystem::path& out_dir, const schema::StoredRun& run) {
    const auto text = schema::load_contract_text(db, run.header.contract_text_id);
    if (!text) {
        throw Error("internal invariant failed: the contract text of run " + std::to_string(run.header.run_id) + " is missing",
                    ExitCode::locked_or_invariant);
    }
    const rules::Contract contract = parse_stored_contract(*text);
    const YearSpan span{contract.contract_year_start(run.header.period), run.header.period};
    const auto periods = load_period_statements(db, contract, span, &run);
    check_currencies(periods, contract.id);
    const settle::YearTotals totals = settle::compute_year_totals(periods);
    const auto dir = out_dir / run.header.contract_id / run.header.period.to_string();
    write_file_atomically(dir / "ytd.csv", reports::year_to_date_as_csv(reports::YearToDateInput{
                                               run.header.contract_id, run.header.period, periods, totals}));
    return reports::missing_periods_text(periods, 0, periods.size());
}

std::vector<WrittenSummary> write_year_summaries(schema::Database& db, const YearSummaryRequest& request) {
    SQLite::Transaction snapshot(db.sql());  // one consistent read; rolled back when it ends
    std::vector<WrittenSummary> written;
    std::vector<std::string> unsettled;
    for (const auto& stored : selected_contracts(db, request.contract_id, "summary")) {
        const rules::Contract contract = parse_stored_contract(stored);
        const YearSpan span = contract_year_starting_in(contract, request.year);
        const auto periods = load_period_statements(db, contract, span, nullptr);
        const std::size_t settled = settled_count(periods);
        if (settled == 0) {
            unsettled.push_back(contract.id + " (" + span_text(span) + ")");
            continue;
        }
        check_currencies(periods, contract.id);
        const settle::YearTotals totals = settle::compute_year_totals(periods);
        const auto file = request.out_dir / contract.id / ("summary-" + std::to_string(request.year) + ".csv");
        write_file_atomically(file, reports::year_summary_as_csv(reports::YearSummaryInput{contract.id, periods, totals}));
        written.push_back(WrittenSummary{contract.id, file, span_text(span), settled,
                                         reports::missing_periods_text(periods, 0, periods.size())});
    }
    if (written.empty()) {
        std::string names;
        for (const auto& name : unsettled) names += (names.empty() ? "" : ", ") + name;
        throw Error("summary: no settled period in the contract year " + std::to_string(request.year) + " of " + names +
                    "; run revshare settle --period YYYY-MM for its months first");
    }
    return written;
}

}  // namespace revshare::app
