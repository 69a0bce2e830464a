#pragma once
// Column positions of an Azure cost-details file (EA or MCA), resolved once per file from the
// header, case-insensitively and with aliases (formats.md 3.5). Optional columns may be absent
// (nullopt); a file without a required one is refused with the names of the missing columns.
#include "importers/column_index.hpp"
#include "importers/format.hpp"

#include <optional>
#include <string>
#include <vector>

namespace revshare::importers {

struct AzureColumns {
    using Position = std::optional<std::size_t>;
    // Required.
    Position date;
    Position cost;  // CostInBillingCurrency | Cost
    Position billing_currency;
    Position charge_type;
    Position meter_category;
    Position meter_name;
    // Optional.
    Position billing_period_start;
    Position billing_period_end;
    Position billing_account_id;
    Position billing_profile_id;  // MCA only
    Position subscription_id;
    Position publisher_name;
    Position publisher_type;
    Position reseller_name;  // MCA only
    Position sku_id;         // MCA: ProductId, else PartNumber; EA: PartNumber, else ProductId
    Position meter_subcategory;
    Position resource_location;
    Position payg_cost;
    Position quantity;
    Position unit_of_measure;
    Position tags;
    Position pricing_model;  // OnDemand, Reservation, SavingsPlan, Spot
};

// Resolves the columns; fills `missing` with the display names of absent required columns.
[[nodiscard]] AzureColumns resolve_azure_columns(Format format, const ColumnIndex& columns,
                                                 std::vector<std::string>& missing);

// `Azure EA cost details` / `Azure MCA cost details`, for messages.
[[nodiscard]] std::string azure_format_label(Format format);

}  // namespace revshare::importers
