#include "importers/focus/focus_columns.hpp"

#include <array>
#include <string_view>

namespace revshare::importers {
namespace {

struct TextSource {
    TextColumn target;
    std::string_view aliases;
};

// PublisherName falls back to ServiceProviderName: FOCUS 1.3 deprecates PublisherName, and its
// ServiceProviderName names the seller of a marketplace service, which is what PublisherName held.
// HostProviderName and ServiceProviderName (FOCUS 1.3) fall back to ProviderName in a file of an
// earlier version: 1.3 splits ProviderName's role in two and deprecates it (mapping 2).
// The seller-side columns (formats.md S1) are copied when a FOCUS file has them (mapping 3), so
// that a FOCUS rendering of seller lines imports to the same lines.
constexpr std::array<TextSource, 30> text_sources = {{
    {TextColumn::ProviderName, "ProviderName|ServiceProviderName"},
    {TextColumn::PublisherName, "PublisherName|ServiceProviderName"},
    {TextColumn::InvoiceIssuerName, "InvoiceIssuerName"},
    {TextColumn::BillingAccountId, "BillingAccountId"},
    {TextColumn::SubAccountId, "SubAccountId"},
    {TextColumn::ChargeCategory, "ChargeCategory"},
    {TextColumn::ChargeClass, "ChargeClass"},
    {TextColumn::ServiceName, "ServiceName"},
    {TextColumn::SkuId, "SkuId"},
    {TextColumn::SkuMeter, "SkuMeter"},
    {TextColumn::RegionId, "RegionId"},
    {TextColumn::BillingCurrency, "BillingCurrency"},
    {TextColumn::ConsumedUnit, "ConsumedUnit"},
    {TextColumn::x_ServiceCode, "x_ServiceCode"},
    {TextColumn::x_UsageType, "x_UsageType"},
    {TextColumn::x_Operation, "x_Operation"},
    {TextColumn::x_SkuMeterCategory, "x_SkuMeterCategory"},
    {TextColumn::x_SkuMeterSubcategory, "x_SkuMeterSubcategory"},
    {TextColumn::x_SkuMeterName, "x_SkuMeterName"},
    {TextColumn::x_PublisherCategory, "x_PublisherCategory"},
    {TextColumn::HostProviderName, "HostProviderName|ProviderName|ServiceProviderName"},
    {TextColumn::ServiceProviderName, "ServiceProviderName|ProviderName"},
    {TextColumn::InvoiceId, "InvoiceId"},
    {TextColumn::x_MarketplaceAction, "x_MarketplaceAction"},
    {TextColumn::x_TransactionType, "x_TransactionType"},
    {TextColumn::x_PaymentStatus, "x_PaymentStatus"},
    {TextColumn::x_ProductId, "x_ProductId"},
    {TextColumn::x_OfferId, "x_OfferId"},
    {TextColumn::x_AgreementId, "x_AgreementId"},
    {TextColumn::x_BrokerId, "x_BrokerId"},
}};
// The other columns come from SkuPriceDetails (FocusColumns::sku_price_details).
static_assert(text_sources.size() + sku_price_detail_keys.size() == text_column_count);

bool added_by_mapping_2(TextColumn column) {
    return column == TextColumn::HostProviderName || column == TextColumn::ServiceProviderName;
}

bool added_by_mapping_3(TextColumn column) {
    return static_cast<std::size_t>(column) >= static_cast<std::size_t>(first_seller_column);
}

}  // namespace

FocusColumns resolve_focus_columns(const ColumnIndex& columns, Mapping mapping, std::vector<std::string>& missing) {
    FocusColumns c;
    c.billed_cost = columns.find_required("BilledCost", missing);
    c.billing_currency = columns.find_required("BillingCurrency", missing);
    c.charge_category = columns.find_required("ChargeCategory", missing);
    c.charge_period_start = columns.find_required("ChargePeriodStart", missing);
    c.charge_period_end = columns.find_required("ChargePeriodEnd", missing);
    c.billing_period_start = columns.find_required("BillingPeriodStart", missing);
    c.billing_period_end = columns.find_required("BillingPeriodEnd", missing);
    if (!columns.has("ProviderName|ServiceProviderName")) missing.emplace_back("ProviderName (or ServiceProviderName)");
    // One of them keys each line's scope (engine/core/scope_key.hpp).
    (void)columns.find_required("BillingAccountId|SubAccountId", missing);
    c.billing_account_id = columns.find("BillingAccountId");
    c.sub_account_id = columns.find("SubAccountId");

    c.effective_cost = columns.find("EffectiveCost");
    c.list_cost = columns.find("ListCost");
    c.contracted_cost = columns.find("ContractedCost");
    c.charge_class = columns.find("ChargeClass");
    c.consumed_quantity = columns.find("ConsumedQuantity");
    c.x_sku_meter_name = columns.find("x_SkuMeterName");
    c.tags = columns.find("Tags");
    for (const auto& source : text_sources) {
        if (mapping == Mapping::v1 && added_by_mapping_2(source.target)) continue;
        if (mapping < Mapping::v3 && added_by_mapping_3(source.target)) continue;
        // FOCUS 1.3 without ProviderName: the host is who 1.0-1.2 called the provider (the cloud,
        // on a marketplace row), so one bill stays one scope whoever sold each row (mapping 2;
        // mapping 1 took the service provider, the seller).
        const std::string_view aliases = source.target == TextColumn::ProviderName && mapping != Mapping::v1
                                             ? "ProviderName|HostProviderName|ServiceProviderName"
                                             : source.aliases;
        const auto position = columns.find(aliases);
        if (!position) continue;
        c.text_copies.emplace_back(source.target, *position);
        if (source.target == TextColumn::ProviderName) c.provider_name = position;
    }
    if (mapping != Mapping::v1) {
        for (const auto name : {"HostProviderName", "ServiceProviderName"}) {
            const auto position = columns.find(name);
            if (position && position != c.provider_name) c.provider_fallbacks.push_back(*position);
        }
    }
    if (mapping != Mapping::v1) c.sku_price_details = columns.find("SkuPriceDetails");
    return c;
}

}  // namespace revshare::importers
