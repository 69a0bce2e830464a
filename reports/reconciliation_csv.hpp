#pragma once
// reconciliation.csv (issue 6): what each import file that touches the period delivered, and
// where each of its imported lines went. Per file, one `file` row (rows read, quarantined by
// reason, imported) and one `account` row per (billing account, billing currency), whose lines
// and costs split exactly into:
//   imported = other_periods + superseded + before_contract + tax + unmatched + matched
// Costs are the contract's cost column in the billing currency, exact. Formatting only.
#include "engine/core/decimal.hpp"
#include "reports/csv_writer.hpp"
#include "reports/lines_csv.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace revshare::reports {

// Where an imported line went, for the period reported (each line has exactly one fate).
enum class LineFate : std::uint8_t {
    other_periods,    // charged in another period (files can span periods)
    superseded,       // its scope was restated by a later import
    before_contract,  // charged before the contract's first version
    tax,              // ChargeCategory Tax and no rule names Tax
    unmatched,        // no rule of the version in force matched it
    matched,          // at least one statement row used it (lines.csv)
};
inline constexpr std::size_t line_fate_count = 6;

struct FateTotal {
    std::int64_t lines = 0;
    Decimal cost;  // empty cost cells add zero
};

struct AccountReconciliation {
    std::string billing_account_id;
    std::string currency;  // BillingCurrency of the lines
    std::array<FateTotal, line_fate_count> by_fate{};
    std::int64_t matched_empty_cost = 0;  // matched lines whose cost cell is empty
    // The lines charged in the period (every fate but other_periods) whose charge date is outside
    // their billing period; counted in their fate too (not a term of the sum).
    FateTotal outside_billing_period;
    [[nodiscard]] FateTotal imported() const;
};

struct FileReconciliation {
    std::int64_t import_id = 0;
    std::string file_name;
    std::string format;
    std::int64_t rows_read = 0;
    std::int64_t rows_imported = 0;
    std::int64_t rows_quarantined = 0;
    std::vector<std::pair<std::string, std::int64_t>> quarantined_by_code;
    std::vector<AccountReconciliation> accounts;  // by account, then currency
    std::int64_t rows_already_known = 0;  // seller feeds: imported rows that stored no line (formats.md S4)
};

[[nodiscard]] std::string reconciliation_as_csv(const LinesContext& context, const std::vector<FileReconciliation>& files);
// Its cells as values (for the workbook's Reconciliation sheet).
[[nodiscard]] ReportTable reconciliation_cells(const LinesContext& context, const std::vector<FileReconciliation>& files);

}  // namespace revshare::reports
