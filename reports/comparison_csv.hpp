#pragma once
// comparison.csv and its stdout table (`revshare compare`, issue 6): one period settled under
// the stored contract and under an alternative, rule by rule (matched as row_comparison.hpp
// describes), with the difference alternative − contract. Formatting only.
#include "engine/core/currency.hpp"
#include "engine/core/period.hpp"
#include "engine/settle/statement.hpp"

#include <string>
#include <vector>

namespace revshare::reports {

struct ComparisonView {
    Period period;
    Currency currency;
    std::string contract_id;
    std::string alternative_id;  // the other contract's id (a file's, or a stored one's)
    const std::vector<settle::StatementRow>& rows;              // under the contract
    const std::vector<settle::StatementRow>& alternative_rows;  // under the alternative
};

// period,contract,alternative,rule,payer,payee,currency,versions,alternative_versions,status,
// lines,alternative_lines,basis,alternative_basis,share,alternative_share,share_difference
[[nodiscard]] std::string comparison_as_csv(const ComparisonView& view);
// Aligned columns: rule, payer, payee, share under each, difference; then the totals per payer and payee.
[[nodiscard]] std::string comparison_as_table(const ComparisonView& view);

}  // namespace revshare::reports
