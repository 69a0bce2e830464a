#pragma once
// Column positions of a FOCUS 1.0-1.2 file (and the FOCUS 1.3 draft's renamed provider
// columns), resolved once per file. FOCUS names are matched exactly (formats.md section 0).
#include "engine/core/usage_record.hpp"
#include "importers/column_index.hpp"
#include "importers/format.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace revshare::importers {

struct FocusColumns {
    using Position = std::optional<std::size_t>;
    // Required.
    Position billed_cost;
    Position billing_currency;
    Position charge_category;
    Position charge_period_start;
    Position charge_period_end;
    Position billing_period_start;
    Position billing_period_end;
    // Optional.
    Position effective_cost;
    Position list_cost;
    Position contracted_cost;
    Position charge_class;
    Position consumed_quantity;
    Position x_sku_meter_name;  // SkuMeter's fallback (FOCUS 1.0 has no SkuMeter)
    Position tags;
    Position sku_price_details;  // JSON object; its documented AI keys are columns (mapping 2)
    Position provider_name;      // the column ProviderName is copied from
    // Mapping 2: where a row's empty ProviderName is taken from (HostProviderName, then
    // ServiceProviderName, those the file has besides provider_name).
    std::vector<std::size_t> provider_fallbacks;
    Position billing_account_id;  // at least one of these two (a line's scope key)
    Position sub_account_id;
    // Text columns copied as delivered (NULL read as empty): target and source position.
    // Includes ProviderName (required), BillingCurrency, ChargeCategory and ChargeClass.
    std::vector<std::pair<TextColumn, std::size_t>> text_copies;
};

// Resolves the columns; fills `missing` with the names of absent required columns.
[[nodiscard]] FocusColumns resolve_focus_columns(const ColumnIndex& columns, Mapping mapping, std::vector<std::string>& missing);

}  // namespace revshare::importers
