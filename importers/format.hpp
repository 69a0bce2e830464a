#pragma once
// The export formats revshare reads, and how a file's format is recognised from its header
// row (shared/spec/formats.md section 0).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::importers {

enum class Format {
    aws_cur_legacy,         // identity/LineItemId, lineItem/UnblendedCost (slash names)
    aws_cur_legacy_athena,  // identity_line_item_id, product_product_name (snake_case, flattened)
    aws_cur2,               // identity_line_item_id + map columns `product`, `resource_tags`
    azure_ea,               // PascalCase: CostInBillingCurrency | Cost, MeterCategory, AccountOwnerId
    azure_mca,              // camelCase: costInBillingCurrency, billingProfileId, invoiceId (MCA, MPA, CSP)
    azure_payg,             // the old pay-as-you-go usage details: UsageDateTime, PreTaxCost, Currency
    focus,                  // FOCUS 1.0-1.2 from AWS, Microsoft or others
    // The sellers' marketplace feeds (formats.md, "Seller-side marketplace feeds"): rows are
    // events with ids, superseded per event and version, never per scope.
    aws_marketplace_billing_events,  // billing_event_id + transaction_type (AWS Marketplace SDDS billing_event)
    microsoft_payouts,               // earningId + earningAmount (Partner Center payouts transaction history)
};

// Whether `format` is a seller feed (event-keyed supersession, formats.md S4).
[[nodiscard]] constexpr bool is_seller_format(Format format) {
    return format == Format::aws_marketplace_billing_events || format == Format::microsoft_payouts;
}

[[nodiscard]] std::string_view format_name(Format format);  // aws-cur, ..., focus, aws-marketplace-billing-events, microsoft-payouts
[[nodiscard]] std::optional<Format> format_from_name(std::string_view name);
[[nodiscard]] std::string format_names_list();  // "aws-cur, aws-cur-athena, ..." for messages

// The versions of the mapping from an export's rows to normalised lines (importers/MAPPING.md,
// "Mapping versions"). Each import records the version that made its lines, and a delivery is
// read again (verify --deep, verify-evidence) with that version, so that an upgrade never
// changes what an import holds. A new rule that changes the lines of a file an earlier version
// imported gets a new version.
enum class Mapping : int {
    v1 = 1,  // until 2026-12: the first mappings
    v2 = 2,  // Azure commitment rows split BilledCost/EffectiveCost, FOCUS unit names, ...
    v3 = 3,  // FOCUS copies InvoiceId and the seller-side x_ columns; the two seller feeds
};
inline constexpr Mapping current_mapping = Mapping::v3;
// nullopt for a number no version has.
[[nodiscard]] std::optional<Mapping> mapping_from_number(std::int64_t number);

// nullopt when the header matches no known format. `header` has its BOM already stripped.
[[nodiscard]] std::optional<Format> detect_format(const std::vector<std::string>& header);

}  // namespace revshare::importers
