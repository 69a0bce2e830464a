#include "engine/core/usage_record.hpp"

#include <algorithm>

namespace revshare {
namespace {

constexpr std::array<std::string_view, text_column_count> text_column_names = {
    "ProviderName",     "PublisherName",      "InvoiceIssuerName",     "BillingAccountId",
    "SubAccountId",     "ChargeCategory",     "ChargeClass",           "ServiceName",
    "SkuId",            "SkuMeter",           "RegionId",              "BillingCurrency",
    "ConsumedUnit",     "x_ServiceCode",      "x_UsageType",           "x_Operation",
    "x_SkuMeterCategory", "x_SkuMeterSubcategory", "x_SkuMeterName",   "x_PublisherCategory",
    "HostProviderName", "ServiceProviderName",
    "x_SkuPriceDetails.ModelDeveloper", "x_SkuPriceDetails.ModelFamily", "x_SkuPriceDetails.ModelId",
    "x_SkuPriceDetails.ModelVersion", "x_SkuPriceDetails.TokenDirection", "x_SkuPriceDetails.TokenCacheAction",
    "InvoiceId", "x_MarketplaceAction", "x_TransactionType", "x_PaymentStatus",
    "x_ProductId", "x_OfferId", "x_AgreementId", "x_BrokerId",
};
static_assert(static_cast<std::size_t>(TextColumn::x_BrokerId) + 1 == text_column_count);
static_assert(static_cast<std::size_t>(first_sku_price_detail_column) + sku_price_detail_keys.size() ==
              static_cast<std::size_t>(first_seller_column));

constexpr std::array<std::string_view, cost_column_count> cost_column_names = {
    "BilledCost", "EffectiveCost", "ListCost", "ContractedCost"};

}  // namespace

std::string_view text_column_name(TextColumn column) { return text_column_names[static_cast<std::size_t>(column)]; }

std::optional<TextColumn> text_column_from_name(std::string_view name) {
    const auto found = std::find(text_column_names.begin(), text_column_names.end(), name);
    if (found == text_column_names.end()) return std::nullopt;
    return static_cast<TextColumn>(found - text_column_names.begin());
}

std::string_view cost_column_name(CostColumn column) { return cost_column_names[static_cast<std::size_t>(column)]; }

std::optional<CostColumn> cost_column_from_name(std::string_view name) {
    const auto found = std::find(cost_column_names.begin(), cost_column_names.end(), name);
    if (found == cost_column_names.end()) return std::nullopt;
    return static_cast<CostColumn>(found - cost_column_names.begin());
}

bool is_focus_charge_category(std::string_view value) {
    return value == "Usage" || value == "Purchase" || value == "Tax" || value == "Credit" || value == "Adjustment";
}

}  // namespace revshare
