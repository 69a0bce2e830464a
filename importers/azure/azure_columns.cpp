#include "importers/azure/azure_columns.hpp"

#include <string_view>

namespace revshare::importers {

AzureColumns resolve_azure_columns(Format format, const ColumnIndex& columns, std::vector<std::string>& missing) {
    const bool mca = format == Format::azure_mca;
    const bool payg = format == Format::azure_payg;
    AzureColumns c;
    if (payg) {
        // Every row of the old usage details is usage: it has no ChargeType (the mapper reads
        // an absent one as `Usage`), and names its columns after the usage, not the bill.
        c.date = columns.find_required("UsageDateTime", missing);
        c.cost = columns.find_required("PreTaxCost", missing);
        c.billing_currency = columns.find_required("Currency", missing);
        c.charge_type = columns.find("ChargeType");
    } else {
        c.date = columns.find_required("Date", missing);
        c.cost = columns.find_required("CostInBillingCurrency|Cost", missing);
        c.billing_currency = columns.find_required("BillingCurrencyCode|BillingCurrency", missing);
        c.charge_type = columns.find_required("ChargeType", missing);
    }
    c.meter_category = columns.find_required("MeterCategory", missing);
    c.meter_name = columns.find_required("MeterName", missing);

    // The billing period columns come as a pair: with neither, every row takes the calendar
    // month of its Date; with only one, the file is not one we understand.
    c.billing_period_start = columns.find("BillingPeriodStartDate");
    c.billing_period_end = columns.find("BillingPeriodEndDate");
    if (c.billing_period_start && !c.billing_period_end) missing.emplace_back("BillingPeriodEndDate");
    if (!c.billing_period_start && c.billing_period_end) missing.emplace_back("BillingPeriodStartDate");
    c.billing_account_id = columns.find("BillingAccountId");
    if (mca) c.billing_profile_id = columns.find("BillingProfileId");
    c.subscription_id = columns.find("SubscriptionId|SubscriptionGuid");
    // One of them keys each line's scope (engine/core/scope_key.hpp).
    if (!c.billing_account_id && !c.subscription_id) missing.emplace_back("BillingAccountId (or SubscriptionId or SubscriptionGuid)");
    c.publisher_name = columns.find("PublisherName");
    c.publisher_type = columns.find("PublisherType");
    if (mca) c.reseller_name = columns.find("ResellerName");
    c.sku_id = columns.find(mca ? "ProductId|PartNumber" : "PartNumber|ProductId");
    c.meter_subcategory = columns.find("MeterSubCategory");
    c.resource_location = columns.find("ResourceLocation");
    c.payg_cost = columns.find("PaygCostInBillingCurrency");
    c.quantity = columns.find(payg ? "UsageQuantity|Quantity" : "Quantity");
    c.unit_of_measure = columns.find("UnitOfMeasure");
    c.tags = columns.find("Tags");
    c.pricing_model = columns.find("PricingModel");
    return c;
}

std::string azure_format_label(Format format) {
    switch (format) {
        case Format::azure_mca: return "Azure MCA cost details";
        case Format::azure_payg: return "Azure pay-as-you-go usage details";
        default: return "Azure EA cost details";
    }
}

}  // namespace revshare::importers
