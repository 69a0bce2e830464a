#pragma once
// statement.html (issue 6): the period's statement as one self-contained page for partners
// and auditors: no network, no script; inline CSS (A4 print rules) and an inline SVG chart.
// Every text that comes from an input (contract, parties, rules, providers) is HTML-escaped.
// Amounts are the exact decimals of statement.csv and net.csv. Formatting only.
#include "engine/core/decimal.hpp"
#include "engine/rules/contract.hpp"
#include "reports/statement_csv.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace revshare::reports {

// Matched revenue (settlement currency; each line once, however many rows used it) of one
// settled period, per provider (sorted by name).
struct MonthRevenue {
    Period period;
    std::vector<std::pair<std::string, Decimal>> by_provider;
};

struct StatementHtmlInput {
    const StatementView& statement;
    std::string contract_name;
    std::vector<std::pair<std::string, std::string>> parties;  // key, display name (file order)
    std::vector<MonthRevenue> months;                           // the last 12 settled periods, oldest first
    // No run id or settling time: the page depends only on what was settled, so a report
    // rewritten by a later (recovering) run is byte-identical.
    std::string statement_sha256;
    std::string contract_sha256;
    std::optional<std::string> close_chain_sha256;  // when the period is closed; else the page is marked DRAFT
    // The contract text the run settled under: the "why" cells name its terms (optional).
    const rules::Contract* contract = nullptr;
};

[[nodiscard]] std::string html_escape(std::string_view text);
[[nodiscard]] std::string statement_as_html(const StatementHtmlInput& input);

}  // namespace revshare::reports
