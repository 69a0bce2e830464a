#include "jobs/report_lines.hpp"
#include "jobs/period_reports.hpp"
#include "schema/stored_values.hpp"

#include "jobs/adjustments.hpp"
#include "jobs/contracts.hpp"
#include "jobs/settle_service.hpp"
#include "engine/core/error.hpp"
#include "reports/lines_csv.hpp"
#include "reports/statement_csv.hpp"
#include "schema/contract_store.hpp"

#include <memory>

namespace revshare::app {
namespace {

const rules::Rule& rule_of(const rules::Contract& contract, const settle::StatementRow& row) {
    if (const rules::Rule* rule = contract.find_rule(row.version_id, row.rule_id)) return *rule;
    throw Error("internal invariant failed: statement row " + row.version_id + "/" + row.rule_id +
                    " is not in the contract text the run used",
                ExitCode::locked_or_invariant);
}

// The net_of rows: minus the final share of each netted rule's row in the same segment.
void add_net_of(reports::LinesCsvFormatter* formatter, StreamingReportFile* lines_csv, const rules::Contract& contract,
                const std::vector<settle::StatementRow>& stored_rows, std::vector<RowLineSum>& sums) {
    for (std::size_t i = 0; i < sums.size(); ++i) {
        const settle::StatementRow& row = stored_rows[i];
        for (const auto& netted_id : rule_of(contract, row).net_of) {
            for (const auto& netted : stored_rows) {
                if (netted.kind != settle::RowKind::current || netted.segment_start != row.segment_start || netted.rule_id != netted_id) continue;
                sums[i].netted_share += netted.share;
                if (lines_csv != nullptr) lines_csv->append(formatter->net_of(i, netted));
            }
        }
    }
}

}  // namespace

RunLineDetail compute_run_line_detail(schema::Database& db, const schema::StoredRun& run, StreamingReportFile* lines_csv,
                                      std::size_t lines_per_batch, std::size_t readers) {
    const auto text = schema::load_contract_text(db, run.header.contract_text_id);
    const std::string name = "run " + std::to_string(run.header.run_id) + " (" + run.header.contract_id + " " +
                             run.header.period.to_string() + ")";
    if (!text) {
        throw Error("internal invariant failed: contract text " + std::to_string(run.header.contract_text_id) + " of " + name +
                        " is missing",
                    ExitCode::locked_or_invariant);
    }
    const rules::Contract contract = parse_stored_contract(*text);
    const settle::FxTable fx = load_fx_table(db, run.header.fx_high_water);
    std::size_t current_rows = 0;
    while (current_rows < run.rows.size() && run.rows[current_rows].kind == settle::RowKind::current) ++current_rows;

    std::unique_ptr<reports::LinesCsvFormatter> formatter;
    if (lines_csv != nullptr) {
        const Currency currency =
            schema::stored_currency(run.header.currency, "settlement_run.currency of run " + std::to_string(run.header.run_id));
        formatter = std::make_unique<reports::LinesCsvFormatter>(reports::LinesContext{run.header.contract_id, run.header.period, currency},
                                                                 run.rows);
        lines_csv->append(reports::LinesCsvFormatter::header());
    }
    LineDetailPass pass(db, LineDetailPassOptions{{run.header.period, contract.cost_column, run.header.import_high_water},
                                                  contract.versions.front().effective_from, current_rows, formatter.get(),
                                                  lines_csv, not_reproduced_error(run), lines_per_batch, readers});
    PeriodRequest request{contract, run.header.period, run.header.import_high_water, fx, stored_cap_totals_before(db, run),
                          run.adjusted_periods, &pass, &pass, run.carried_before};
    auto result = compute_period_with_adjustments(db, request);
    if (!result.settlement) {
        throw Error("internal invariant failed: " + name + " cannot be recomputed: missing FX rates for " +
                        missing_rates_text(result.missing_rates),
                    ExitCode::locked_or_invariant);
    }
    pass.finish();
    const settle::Settlement& settlement = *result.settlement;
    RunLineDetail detail;
    detail.recomputed_statement_csv = reports::statement_as_csv(reports::StatementView{
        settlement.contract_id, settlement.period, settlement.currency, settlement.rows, settlement.net, settlement.journal,
        stored_statement_columns(run.header)});
    detail.row_sums = std::move(pass.row_sums());
    add_net_of(formatter.get(), lines_csv, contract, run.rows, detail.row_sums);
    detail.files = pass.reconciliations();
    detail.revenue_by_provider = pass.revenue_by_provider();
    return detail;
}

Error not_reproduced_error(const schema::StoredRun& run) {
    return Error("internal invariant failed: recomputing run " + std::to_string(run.header.run_id) + " (" +
                     run.header.contract_id + " " + run.header.period.to_string() +
                     ") from its inputs as they stood does not give its stored statement, so its line detail cannot be "
                     "written; revshare replay --period " + run.header.period.to_string() + " shows the rows",
                 ExitCode::locked_or_invariant);
}

std::vector<std::string> basis_mismatches(const schema::StoredRun& run, const RunLineDetail& detail) {
    std::vector<std::string> problems;
    const std::string name = "run " + std::to_string(run.header.run_id) + " (" + run.header.contract_id + " " +
                             run.header.period.to_string() + ")";
    std::size_t current_rows = 0;
    for (const auto& row : run.rows) current_rows += row.kind == settle::RowKind::current ? 1 : 0;
    if (current_rows != detail.row_sums.size()) {
        problems.push_back(name + ": " + std::to_string(current_rows) + " current statement rows stored, its lines give " +
                           std::to_string(detail.row_sums.size()));
        return problems;
    }
    for (std::size_t i = 0; i < current_rows; ++i) {
        const auto& row = run.rows[i];
        const auto& sum = detail.row_sums[i];
        const std::string what = name + " row " + std::to_string(i + 1) + " (" + format_day(row.segment_start) + " " +
                                 row.version_id + " " + row.rule_id + ")";
        if (sum.basis() != row.basis) {
            std::string message = what + ": stored basis " + row.basis.to_string() + ", its lines sum to " +
                                  sum.lines_cost.to_string();
            if (!sum.netted_share.is_zero()) {
                message += " minus net_of shares " + sum.netted_share.to_string() + " = " + sum.basis().to_string();
            }
            problems.push_back(message);
        }
        if (sum.lines != row.lines) {
            problems.push_back(what + ": stored lines " + std::to_string(row.lines) + ", " + std::to_string(sum.lines) +
                               " lines matched");
        }
    }
    return problems;
}

}  // namespace revshare::app
