// write_period_reports: every report file of one stored run (shared/spec/cli.md "Report
#include "schema/stored_values.hpp"
// files", issue 6), written atomically. statement.csv and net.csv are written last, so a
// folder whose statement.csv and net.csv match the run (what nightly checks after a kill)
// holds the other files of a run with the same statement too.
#include "runtime/atomic_file.hpp"
#include "jobs/period_reports.hpp"
#include "jobs/contracts.hpp"
#include "runtime/report_file_writer.hpp"
#include "jobs/report_lines.hpp"
#include "jobs/statement_workbook.hpp"
#include "jobs/verify_stored_facts.hpp"
#include "engine/core/error.hpp"
#include "engine/core/sha256.hpp"
#include "reports/disbursements_csv.hpp"
#include "schema/line_values.hpp"
#include "reports/reconciliation_csv.hpp"
#include "reports/statement_csv.hpp"
#include "reports/statement_html.hpp"
#include "reports/variance_csv.hpp"
#include "schema/close_store.hpp"
#include "schema/contract_store.hpp"
#include "schema/run_revenue_store.hpp"

namespace revshare::app {
namespace {

constexpr std::size_t chart_periods_max = 12;

Currency currency_of(const schema::StoredRun& run) {
    return schema::stored_currency(run.header.currency, "settlement_run.currency of run " + std::to_string(run.header.run_id));
}

std::string run_name(const schema::StoredRun& run) {
    return "run " + std::to_string(run.header.run_id) + " (" + run.header.contract_id + " " + run.header.period.to_string() + ")";
}

// The recomputation must reproduce the stored statement and every basis must equal its lines;
// otherwise the line detail would explain numbers the statement does not have.
void check_line_detail(schema::Database& db, const schema::StoredRun& run, const RunLineDetail& detail,
                       const std::string& stored_statement) {
    if (detail.recomputed_statement_csv != stored_statement) throw not_reproduced_error(run);
    const auto mismatches = basis_mismatches(run, detail);
    if (!mismatches.empty()) throw Error("internal invariant failed: " + mismatches.front(), ExitCode::locked_or_invariant);
    // What settle stored for the chart must be what the lines say (a pair check).
    const auto stored_revenue = schema::load_run_revenue(db, run.header.run_id);
    if (stored_revenue && *stored_revenue != detail.revenue_by_provider) {
        throw Error("internal invariant failed: the matched revenue by provider stored with " + run_name(run) +
                        " is not the sum of its matched lines",
                    ExitCode::locked_or_invariant);
    }
}

reports::MonthRevenue month_revenue(const Period& period, const std::map<std::string, Decimal>& by_provider) {
    return reports::MonthRevenue{period, {by_provider.begin(), by_provider.end()}};
}

// Matched revenue by provider of the last settled periods up to the run's: the run's own from
// `detail`, the earlier ones as settle stored them (migration 0006); a run stored before that
// is recomputed from its lines.
std::vector<reports::MonthRevenue> revenue_months(schema::Database& db, const schema::StoredRun& run,
                                                  const RunLineDetail& detail) {
    std::vector<schema::RunHeader> earlier;
    for (const auto& header : schema::load_current_run_headers(db, run.header.contract_id)) {
        if (header.period < run.header.period) earlier.push_back(header);
    }
    const std::size_t skip = earlier.size() > chart_periods_max - 1 ? earlier.size() - (chart_periods_max - 1) : 0;
    std::vector<reports::MonthRevenue> months;
    for (std::size_t i = skip; i < earlier.size(); ++i) {
        if (const auto revenue = schema::load_run_revenue(db, earlier[i].run_id)) {
            months.push_back(month_revenue(earlier[i].period, *revenue));
            continue;
        }
        const auto stored = schema::load_run(db, earlier[i].run_id);
        if (!stored) continue;
        const auto earlier_detail = compute_run_line_detail(db, *stored, nullptr);
        months.push_back(month_revenue(stored->header.period, earlier_detail.revenue_by_provider));
    }
    months.push_back(month_revenue(run.header.period, detail.revenue_by_provider));
    return months;
}

std::string html_report(schema::Database& db, const schema::StoredRun& run, const reports::StatementView& view,
                        const RunLineDetail& detail) {
    const auto text = schema::load_contract_text(db, run.header.contract_text_id);
    if (!text) throw Error("internal invariant failed: the contract text of " + run_name(run) + " is missing", ExitCode::locked_or_invariant);
    const rules::Contract contract = parse_stored_contract(*text);
    reports::StatementHtmlInput input{view,         contract.name, {}, revenue_months(db, run, detail), run.header.statement_sha256,
                                      text->sha256, std::nullopt,  &contract};
    for (const auto& party : contract.parties) input.parties.emplace_back(party.key, party.display_name);
    const auto close = schema::load_period_close(db, run.header.contract_id, run.header.period);
    if (close && close->run_id == run.header.run_id) input.close_chain_sha256 = close->chain_sha256;
    return reports::statement_as_html(input);
}

// disbursements.csv, for a period whose lines (as of the run) include AWS Marketplace
// disbursements; no file otherwise.
void write_disbursements(schema::Database& db, const schema::StoredRun& run, const std::filesystem::path& dir) {
    const schema::LineSelection selection{run.header.period, CostColumn::BilledCost, run.header.import_high_water};
    std::vector<reports::DisbursementRow> rows;
    for (const auto& tally : schema::load_disbursements(db, selection)) {
        rows.push_back(reports::DisbursementRow{tally.currency, tally.payout_rows, tally.payout_amount, tally.item_lines,
                                                tally.item_amount, tally.revenue_item_lines, tally.revenue_item_amount});
    }
    if (rows.empty()) return;
    write_file_atomically(dir / "disbursements.csv", reports::disbursements_as_csv(run.header.contract_id, run.header.period, rows));
}

}  // namespace

std::filesystem::path write_period_reports(schema::Database& db, const std::filesystem::path& out_dir,
                                           const schema::StoredRun& run, std::string* table) {
    const Currency currency = currency_of(run);
    const reports::StatementView view = stored_statement_view(run, currency);
    const std::string statement = reports::statement_as_csv(view);
    const std::string net = reports::net_as_csv(view);
    if (const std::string difference = net_difference(run); !difference.empty()) {
        throw Error("internal invariant failed: " + run_name(run) + ": its stored net rows are not what its statement rows "
                        "net to (" + difference + "), so its reports are not written; run revshare verify",
                    ExitCode::locked_or_invariant);
    }
    // A closed period's statement.csv is the file its close hashed: rows, layout and all.
    const auto close = schema::load_period_close(db, run.header.contract_id, run.header.period);
    if (close && close->run_id == run.header.run_id && Sha256::of(statement) != close->statement_sha256) {
        throw Error("internal invariant failed: " + run_name(run) + " is closed, but its stored statement (" +
                        std::to_string(reports::statement_column_count(view.columns)) + " columns) no longer hashes to "
                        "the statement_sha256 its close recorded, so its reports are not written; run revshare verify",
                    ExitCode::locked_or_invariant);
    }
    const auto dir = out_dir / run.header.contract_id / run.header.period.to_string();

    StreamingReportFile lines(dir / "lines.csv");
    const RunLineDetail detail = compute_run_line_detail(db, run, &lines);
    check_line_detail(db, run, detail, statement);
    lines.commit();
    const reports::LinesContext context{run.header.contract_id, run.header.period, currency};
    write_file_atomically(dir / "reconciliation.csv", reports::reconciliation_as_csv(context, detail.files));
    write_disbursements(db, run, dir);
    const auto previous = schema::load_current_run(db, run.header.contract_id, run.header.period.previous());
    const reports::VarianceInput variance{run.header.contract_id, run.header.period, currency, run.rows,
                                          previous ? &previous->rows : nullptr};
    write_file_atomically(dir / "variance.csv", reports::variance_as_csv(variance));
    write_file_atomically(dir / "statement.html", html_report(db, run, view, detail));
    const bool closed = close && close->run_id == run.header.run_id;
    static_cast<void>(write_statement_workbook(
        dir, reports::StatementWorkbook{run.header.contract_id, run.header.period, closed, reports::statement_cells(view),
                                        reports::net_cells(view), reports::reconciliation_cells(context, detail.files),
                                        reports::variance_cells(variance), {}, nullptr, reports::xlsx_sheet_rows_max, false, {}}));
    write_file_atomically(dir / "net.csv", net);
    write_file_atomically(dir / "statement.csv", statement);
    if (table != nullptr) *table = reports::statement_as_table(view);
    return dir;
}

}  // namespace revshare::app
