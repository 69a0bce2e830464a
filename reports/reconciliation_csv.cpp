#include "reports/reconciliation_csv.hpp"

#include "engine/core/error.hpp"
#include "engine/core/currency.hpp"
#include "reports/csv_writer.hpp"

namespace revshare::reports {
namespace {

const std::vector<std::string_view> header = {
    "period", "contract", "level", "import_id", "import_file", "format", "billing_account", "currency",
    "rows_read", "rows_quarantined", "quarantine_reasons", "rows_imported",
    "lines_other_periods", "lines_superseded", "lines_before_contract", "lines_tax", "lines_unmatched", "lines_matched",
    "lines_matched_empty_cost",
    "cost_imported", "cost_other_periods", "cost_superseded", "cost_before_contract", "cost_tax", "cost_unmatched",
    "cost_matched", "lines_outside_billing_period", "cost_outside_billing_period", "rows_already_known"};

std::string reasons_text(const FileReconciliation& file) {
    std::string text;
    for (const auto& [code, rows] : file.quarantined_by_code) {
        if (!text.empty()) text += "; ";
        text += code + "=" + std::to_string(rows);
    }
    return text;
}

void file_row(CsvBuilder& csv, const LinesContext& context, const FileReconciliation& file) {
    std::array<std::int64_t, line_fate_count> lines{};
    std::int64_t imported = 0;
    std::int64_t empty_cost = 0;
    std::int64_t outside_billing_period = 0;
    for (const auto& account : file.accounts) {
        for (std::size_t i = 0; i < line_fate_count; ++i) lines[i] += account.by_fate[i].lines;
        imported += account.imported().lines;
        empty_cost += account.matched_empty_cost;
        outside_billing_period += account.outside_billing_period.lines;
    }
    // Every stored line has exactly one fate, and import stores rows_imported lines: a difference
    // is a database changed after the import (verify reports it too).
    // A seller feed's rows that repeated a known version are imported and store no line.
    if (imported != file.rows_imported - file.rows_already_known) {
        throw Error("internal invariant failed: import " + std::to_string(file.import_id) + " (" + file.file_name +
                        ") records " + std::to_string(file.rows_imported - file.rows_already_known) + " lines stored but " +
                        std::to_string(imported) + " of its lines are stored; the database was changed after the "
                        "import (revshare verify lists what differs); no report was written",
                    ExitCode::locked_or_invariant);
    }
    csv.text(context.period.to_string()).text(context.contract_id).text("file").number(std::to_string(file.import_id));
    csv.text(file.file_name).text(file.format).text("").text("");
    csv.number(std::to_string(file.rows_read)).number(std::to_string(file.rows_quarantined)).text(reasons_text(file));
    csv.number(std::to_string(file.rows_imported));
    for (const auto count : lines) csv.number(std::to_string(count));
    csv.number(std::to_string(empty_cost));
    for (std::size_t i = 0; i <= line_fate_count; ++i) csv.number("");  // costs: per currency, on account rows
    csv.number(std::to_string(outside_billing_period)).number("");
    csv.number(std::to_string(file.rows_already_known));
    csv.end_row();
}

void account_row(CsvBuilder& csv, const LinesContext& context, const FileReconciliation& file,
                 const AccountReconciliation& account) {
    const auto currency = Currency::from_code(account.currency);
    auto amount = [&currency](const Decimal& value) {
        return currency ? value.to_string_min_places(currency->minor_units()) : value.to_string();
    };
    const FateTotal imported = account.imported();
    csv.text(context.period.to_string()).text(context.contract_id).text("account").number(std::to_string(file.import_id));
    csv.text(file.file_name).text(file.format).text(account.billing_account_id).text(account.currency);
    csv.number("").number("").text("").number(std::to_string(imported.lines));
    for (const auto& fate : account.by_fate) csv.number(std::to_string(fate.lines));
    csv.number(std::to_string(account.matched_empty_cost));
    csv.number(amount(imported.cost));
    for (const auto& fate : account.by_fate) csv.number(amount(fate.cost));
    csv.number(std::to_string(account.outside_billing_period.lines)).number(amount(account.outside_billing_period.cost));
    csv.number("");
    csv.end_row();
}

}  // namespace

FateTotal AccountReconciliation::imported() const {
    FateTotal total;
    for (const auto& fate : by_fate) {
        total.lines += fate.lines;
        total.cost += fate.cost;
    }
    return total;
}

namespace {

CsvBuilder reconciliation_builder(const LinesContext& context, const std::vector<FileReconciliation>& files, bool keep_table) {
    CsvBuilder csv(header, keep_table);
    for (const auto& file : files) {
        file_row(csv, context, file);
        for (const auto& account : file.accounts) account_row(csv, context, file, account);
    }
    return csv;
}

}  // namespace

std::string reconciliation_as_csv(const LinesContext& context, const std::vector<FileReconciliation>& files) {
    return reconciliation_builder(context, files, false).str();
}

ReportTable reconciliation_cells(const LinesContext& context, const std::vector<FileReconciliation>& files) {
    return reconciliation_builder(context, files, true).table();
}

}  // namespace revshare::reports
