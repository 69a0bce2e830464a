#pragma once
// `revshare contract check FILE --period YYYY-MM`: a contract file's terms tried on a period's
// data, storing nothing (docs/contracts.md, "Writing a contract with confidence"): the period
// settled in memory under the file's contract, and every `match` table of the rules in force
// that matches no line of the period, with the values the data has in that table's columns.
#include "engine/core/period.hpp"
#include "engine/rules/contract.hpp"
#include "engine/settle/conversion.hpp"
#include "schema/database.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace revshare::app {

struct ContractCheck {
    bool version_in_force = true;  // false: the period is before the first version; nothing else is set
    // The statement as `settle` prints it (its current rows, net), or empty when rates are missing.
    std::string statement_table;
    std::vector<settle::MissingRate> missing_rates;  // sorted; non-empty: no statement
    std::size_t tables_checked = 0;  // the match tables of the rules in force
    // One line per match table that matches no line of the period (without "warning: "), in
    // version, rule and table order; a table repeated word for word by a later version is said once.
    std::vector<std::string> unmatched_tables;
};

// Settles `period` under `contract` from the current lines and every stored FX rate, its
// lifetime caps starting from the totals the stored runs of the same contract id reached
// before the period (as settle does; adjustments for closed periods are left out), and tries
// each match table of the rules in force on the period's lines with the engine's matcher.
// Reads only: the caller holds `db` query-only.
[[nodiscard]] ContractCheck check_contract_in_period(schema::Database& db, const rules::Contract& contract,
                                                     const Period& period);

}  // namespace revshare::app
