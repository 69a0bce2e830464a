#include "importers/azure/azure_columns.hpp"

#include <string_view>

namespace revshare::importers {
namespace {

// `CostInBillingCurrency|Cost` -> `CostInBillingCurrency (or Cost)` for messages.
std::string display_name(std::string_view aliases) {
    const std::size_t bar = aliases.find('|');
    if (bar == std::string_view::npos) return std::string(aliases);
    std::string name(aliases.substr(0, bar));
    std::string_view rest = aliases.substr(bar + 1);
    name += " (or ";
    for (char c : rest) name += c == '|' ? std::string(" or ") : std::string(1, c);
    return name + ")";
}

AzureColumns::Position required(const ColumnIndex& columns, std::string_view aliases,
                                std::vector<std::string>& missing) {
    const auto position = columns.find(aliases);
    if (!position) missing.push_back(display_name(aliases));
    return position;
}

}  // namespace

AzureColumns resolve_azure_columns(Format format, const ColumnIndex& columns, std::vector<std::string>& missing) {
    const bool mca = format == Format::azure_mca;
    AzureColumns c;
    c.date = required(columns, "Date", missing);
    c.cost = required(columns, "CostInBillingCurrency|Cost", missing);
    c.billing_currency = required(columns, "BillingCurrencyCode|BillingCurrency", missing);
    c.charge_type = required(columns, "ChargeType", missing);
    c.meter_category = required(columns, "MeterCategory", missing);
    c.meter_name = required(columns, "MeterName", missing);

    // The billing period columns come as a pair: with neither, every row takes the calendar
    // month of its Date; with only one, the file is not one we understand.
    c.billing_period_start = columns.find("BillingPeriodStartDate");
    c.billing_period_end = columns.find("BillingPeriodEndDate");
    if (c.billing_period_start && !c.billing_period_end) missing.emplace_back("BillingPeriodEndDate");
    if (!c.billing_period_start && c.billing_period_end) missing.emplace_back("BillingPeriodStartDate");
    c.billing_account_id = columns.find("BillingAccountId");
    if (mca) c.billing_profile_id = columns.find("BillingProfileId");
    c.subscription_id = columns.find("SubscriptionId|SubscriptionGuid");
    c.publisher_name = columns.find("PublisherName");
    c.publisher_type = columns.find("PublisherType");
    if (mca) c.reseller_name = columns.find("ResellerName");
    c.sku_id = columns.find(mca ? "ProductId|PartNumber" : "PartNumber|ProductId");
    c.meter_subcategory = columns.find("MeterSubCategory");
    c.resource_location = columns.find("ResourceLocation");
    c.payg_cost = columns.find("PaygCostInBillingCurrency");
    c.quantity = columns.find("Quantity");
    c.unit_of_measure = columns.find("UnitOfMeasure");
    c.tags = columns.find("Tags");
    return c;
}

std::string azure_format_label(Format format) {
    return format == Format::azure_mca ? "Azure MCA cost details" : "Azure EA cost details";
}

}  // namespace revshare::importers
