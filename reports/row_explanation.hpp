#pragma once
// Why a statement row's share is what it is, in words for statement.html's "why" cell:
// "tiers give 17881.50; maximum 150000.00 prorated to 3/30 of 2026-04; cap msft-lifetime:
// 0.00 left". Built from the row's explanation columns (statement.csv's share_before_limits,
// limited_by, cap_remaining, owed) and the terms of the contract that settled it.
#include "engine/core/currency.hpp"
#include "engine/rules/contract.hpp"
#include "engine/settle/statement.hpp"

#include <string>

namespace revshare::reports {

// `contract` is the text the run settled under; a row whose rule, advance or withholding it
// does not have (edited by hand) is explained by its columns alone.
[[nodiscard]] std::string explain_row(const settle::StatementRow& row, const rules::Contract& contract);

}  // namespace revshare::reports
