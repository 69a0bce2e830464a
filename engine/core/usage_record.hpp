#pragma once
// UsageRecord: one normalised line, what every importer produces. Column names and meanings
// are FinOps FOCUS 1.2 plus the AWS and Microsoft extension columns (shared/spec/formats.md).
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace revshare {

// The text columns a contract's `match` may name, in a fixed order (stored in this order too).
enum class TextColumn : std::uint8_t {
    ProviderName,
    PublisherName,
    InvoiceIssuerName,
    BillingAccountId,
    SubAccountId,
    ChargeCategory,
    ChargeClass,
    ServiceName,
    SkuId,
    SkuMeter,
    RegionId,
    BillingCurrency,
    ConsumedUnit,
    x_ServiceCode,
    x_UsageType,
    x_Operation,
    x_SkuMeterCategory,
    x_SkuMeterSubcategory,
    x_SkuMeterName,
    x_PublisherCategory,
    // FOCUS 1.3: who hosts the service, and who made it available (ProviderName's successor).
    HostProviderName,
    ServiceProviderName,
    // The documented keys of FOCUS's SkuPriceDetails (1.1+) for AI models, named in a contract
    // as `x_SkuPriceDetails.<Key>`: the model's developer is only there when a cloud serves a
    // third party's model.
    x_SkuPriceDetails_ModelDeveloper,
    x_SkuPriceDetails_ModelFamily,
    x_SkuPriceDetails_ModelId,
    x_SkuPriceDetails_ModelVersion,
    x_SkuPriceDetails_TokenDirection,
    x_SkuPriceDetails_TokenCacheAction,
    // The sellers' marketplace feeds (formats.md, "Seller-side marketplace feeds", S1): the
    // invoice (FOCUS 1.2's InvoiceId), AWS's billing-event action and transaction type,
    // Microsoft's payout status, the listing, offer, agreement and the AWS selling entity.
    // Empty on the customer-side formats' lines.
    InvoiceId,
    x_MarketplaceAction,
    x_TransactionType,
    x_PaymentStatus,
    x_ProductId,
    x_OfferId,
    x_AgreementId,
    x_BrokerId,
};
inline constexpr std::size_t text_column_count = 36;

// The SkuPriceDetails keys that are columns (x_SkuPriceDetails.<Key>), in TextColumn order.
inline constexpr std::array<std::string_view, 6> sku_price_detail_keys = {
    "ModelDeveloper", "ModelFamily", "ModelId", "ModelVersion", "TokenDirection", "TokenCacheAction"};
inline constexpr TextColumn first_sku_price_detail_column = TextColumn::x_SkuPriceDetails_ModelDeveloper;
inline constexpr TextColumn first_seller_column = TextColumn::InvoiceId;

[[nodiscard]] std::string_view text_column_name(TextColumn column);
[[nodiscard]] std::optional<TextColumn> text_column_from_name(std::string_view name);

// The four FOCUS cost columns; a contract's `cost_column` picks one.
enum class CostColumn : std::uint8_t { BilledCost, EffectiveCost, ListCost, ContractedCost };
inline constexpr std::size_t cost_column_count = 4;
[[nodiscard]] std::string_view cost_column_name(CostColumn column);
[[nodiscard]] std::optional<CostColumn> cost_column_from_name(std::string_view name);

// ChargeCategory values allowed by FOCUS.
[[nodiscard]] bool is_focus_charge_category(std::string_view value);

// The event a seller-feed row delivers (formats.md S4): later deliveries repeat its key, and
// supersede it per event instead of per scope. Empty `key` on every other format's lines.
struct SellerEvent {
    std::string key;  // billing_event_id / earningId
    // AWS only: the version, compared as (valid_from, update_date); a deleted version has a
    // delete_date. Microsoft versions are the order of import (no fields here).
    std::optional<Instant> valid_from;
    std::optional<Instant> update_date;
    bool deleted = false;
    // AWS: the line's cost is the delivered amount negated (a DISBURSED item row, S1), so what
    // "repeats what is known" compares is the amount as delivered.
    bool amount_negated = false;
    [[nodiscard]] bool empty() const { return key.empty(); }
};

struct UsageRecord {
    std::array<std::string, text_column_count> text{};
    std::array<std::optional<Decimal>, cost_column_count> cost{};  // empty cell = nullopt
    std::optional<Decimal> consumed_quantity;
    Instant billing_period_start{};
    Instant billing_period_end{};  // exclusive
    Instant charge_period_start{};
    Instant charge_period_end{};  // exclusive
    std::string tags;             // JSON object text, normalised; empty when the source has none
    std::int64_t source_line = 0; // physical line in the source file where the row starts
    SellerEvent event;            // seller-side formats only

    [[nodiscard]] const std::string& get(TextColumn column) const { return text[static_cast<std::size_t>(column)]; }
    std::string& set(TextColumn column) { return text[static_cast<std::size_t>(column)]; }
    [[nodiscard]] const std::optional<Decimal>& get(CostColumn column) const {
        return cost[static_cast<std::size_t>(column)];
    }
    std::optional<Decimal>& set(CostColumn column) { return cost[static_cast<std::size_t>(column)]; }
};

}  // namespace revshare
