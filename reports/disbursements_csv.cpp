#include "reports/disbursements_csv.hpp"

#include "engine/core/currency.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/error.hpp"
#include "reports/csv_writer.hpp"

namespace revshare::reports {
namespace {

const std::vector<std::string_view> header = {
    "period", "contract", "currency", "payout_rows", "payout_amount", "item_lines", "item_amount",
    "revenue_item_lines", "revenue_item_amount", "other_item_amount", "difference"};

Decimal stored(const std::string& text) {
    const auto value = Decimal::parse_plain(text);
    if (!value) throw Error("internal invariant failed: a stored amount '" + text + "' is not a decimal", ExitCode::locked_or_invariant);
    return *value;
}

}  // namespace

std::string disbursements_as_csv(const std::string& contract_id, const Period& period, const std::vector<DisbursementRow>& rows) {
    CsvBuilder csv(header);
    for (const auto& row : rows) {
        const auto currency = Currency::from_code(row.currency);
        const auto amount = [&currency](const Decimal& value) {
            return currency ? value.to_string_min_places(currency->minor_units()) : value.to_string();
        };
        const Decimal payout = stored(row.payout_amount);
        const Decimal items = stored(row.item_amount);
        const Decimal revenue = stored(row.revenue_item_amount);
        csv.text(period.to_string()).text(contract_id).text(row.currency);
        csv.number(std::to_string(row.payout_rows)).number(amount(payout));
        csv.number(std::to_string(row.item_lines)).number(amount(items));
        csv.number(std::to_string(row.revenue_item_lines)).number(amount(revenue));
        csv.number(amount(items - revenue)).number(amount(payout - items));
        csv.end_row();
    }
    return csv.str();
}

}  // namespace revshare::reports
