#pragma once
// variance.csv (issue 6): each statement row of a period against the previous period, matched
// as reports/row_comparison.hpp describes: per (kind, rule, payer, payee), segments added up,
// so April's two segments (a mid-month amendment) and May's one line up by rule. A key on one
// side only has status `new` or `ended` and is compared with zero. The percent change is
// change / |previous| × 100, rounded once half-to-even to 2 decimals, and empty when the
// previous value is zero or absent. Every other cell is an exact decimal.
#include "engine/core/currency.hpp"
#include "engine/core/period.hpp"
#include "engine/settle/statement.hpp"
#include "reports/csv_writer.hpp"

#include <string>
#include <vector>

namespace revshare::reports {

struct VarianceInput {
    std::string contract_id;
    Period period;
    Currency currency;
    const std::vector<settle::StatementRow>& rows;
    // The previous period's statement rows; nullptr when it was never settled.
    const std::vector<settle::StatementRow>* previous_rows;
};

// period,contract,previous_period,kind,rule,payer,payee,currency,versions,previous_versions,status,
// basis,previous_basis,basis_change,basis_change_percent,share,previous_share,share_change,share_change_percent
[[nodiscard]] std::string variance_as_csv(const VarianceInput& input);
// Its cells as values (for the workbook's Variance sheet).
[[nodiscard]] ReportTable variance_cells(const VarianceInput& input);

}  // namespace revshare::reports
