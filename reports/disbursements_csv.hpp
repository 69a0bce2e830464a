#pragma once
// disbursements.csv: on the disbursed basis (formats.md S6), what AWS Marketplace paid out in the
// period against the disbursed items that make up the payment, per currency, so an analyst ties
// the settled basis to the payout rows the marketplace sent to the bank.
#include "engine/core/period.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace revshare::reports {

struct DisbursementRow {
    std::string currency;
    std::int64_t payout_rows = 0;     // DISBURSEMENT and DISBURSEMENT_FAILURE lines
    std::string payout_amount;        // exact decimal text, revenue-signed as stored
    std::int64_t item_lines = 0;      // every other DISBURSED line
    std::string item_amount;
    std::int64_t revenue_item_lines = 0;  // of the items: SELLER_REV_SHARE*, AWS_REV_SHARE*
    std::string revenue_item_amount;
};

// Columns: period, contract, currency, payout_rows, payout_amount, item_lines, item_amount,
// revenue_item_lines, revenue_item_amount, other_item_amount, difference (payout − items).
[[nodiscard]] std::string disbursements_as_csv(const std::string& contract_id, const Period& period,
                                               const std::vector<DisbursementRow>& rows);

}  // namespace revshare::reports
