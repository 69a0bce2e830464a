#pragma once
// The distinct values of one text column of the current lines, with how many lines have each
// (`revshare values`, and `contract check` saying what the data has where a match table
// matches nothing).
#include "engine/core/usage_record.hpp"
#include "schema/database.hpp"
#include "schema/period_lines.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace revshare::schema {

struct TextValueCount {
    std::string value;  // "" for an empty (or absent) column
    std::int64_t lines = 0;
};

// Per distinct value of `column`: the lines of `selection` (the current lines charged in its
// period, as a settlement reads them; the cost column plays no part), or with nullopt every
// current (not superseded) line. Sorted by lines descending, then value in byte order.
[[nodiscard]] std::vector<TextValueCount> count_text_values(Database& db, TextColumn column,
                                                            const std::optional<LineSelection>& selection);

// AWS Marketplace's disbursements in a selection (formats.md S6, the disbursed basis): per
// currency, the payout rows (`DISBURSEMENT`, `DISBURSEMENT_FAILURE`) and the disbursed items
// (every other DISBURSED line), the revenue items (SELLER_REV_SHARE*, AWS_REV_SHARE*: what a
// disbursed-basis contract settles) apart. Amounts are exact decimal text, revenue-signed as
// stored; currencies in byte order; empty when the selection has no DISBURSED line.
struct DisbursementTally {
    std::string currency;
    std::int64_t payout_rows = 0;
    std::string payout_amount;
    std::int64_t item_lines = 0;
    std::string item_amount;
    std::int64_t revenue_item_lines = 0;
    std::string revenue_item_amount;
};
[[nodiscard]] std::vector<DisbursementTally> load_disbursements(Database& db, const LineSelection& selection);

}  // namespace revshare::schema
