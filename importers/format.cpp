#include "importers/format.hpp"

#include "importers/aws/aws_cur_mapper.hpp"
#include "importers/azure/azure_mapper.hpp"
#include "importers/column_index.hpp"
#include "importers/focus/focus_mapper.hpp"
#include "importers/row_mapper.hpp"
#include "importers/seller/aws_billing_event_mapper.hpp"
#include "importers/seller/microsoft_payout_mapper.hpp"

#include <array>
#include <utility>

namespace revshare::importers {
namespace {

constexpr std::array<std::pair<Format, std::string_view>, 9> format_names = {{
    {Format::aws_cur_legacy, "aws-cur"},
    {Format::aws_cur_legacy_athena, "aws-cur-athena"},
    {Format::aws_cur2, "aws-cur2"},
    {Format::azure_ea, "azure-ea"},
    {Format::azure_mca, "azure-mca"},
    {Format::azure_payg, "azure-payg"},
    {Format::focus, "focus"},
    {Format::aws_marketplace_billing_events, "aws-marketplace-billing-events"},
    {Format::microsoft_payouts, "microsoft-payouts"},
}};

}  // namespace

std::string_view format_name(Format format) {
    for (const auto& [value, name] : format_names) {
        if (value == format) return name;
    }
    return "unknown";
}

std::optional<Format> format_from_name(std::string_view name) {
    for (const auto& [value, known] : format_names) {
        if (known == name) return value;
    }
    return std::nullopt;
}

std::string format_names_list() {
    std::string list;
    for (const auto& [value, name] : format_names) {
        if (!list.empty()) list += ", ";
        list += name;
    }
    return list;
}

std::optional<Mapping> mapping_from_number(std::int64_t number) {
    if (number == 1) return Mapping::v1;
    if (number == 2) return Mapping::v2;
    if (number == 3) return Mapping::v3;
    return std::nullopt;
}

std::optional<Format> detect_format(const std::vector<std::string>& header) {
    const ColumnIndex exact(header, ColumnIndex::Case::sensitive);
    const ColumnIndex any_case(header, ColumnIndex::Case::insensitive);
    // EffectiveCost is optional to the mapping: a file without it is still FOCUS.
    if (exact.has("BilledCost") && exact.has("ChargeCategory") && exact.has("ChargePeriodStart") &&
        exact.has("ProviderName|ServiceProviderName")) {
        return Format::focus;
    }
    // A CUR's line id is not needed to import it (an extract may leave it out); its payer is.
    if (exact.has("lineItem/UnblendedCost") && exact.has("identity/LineItemId|bill/PayerAccountId")) {
        return Format::aws_cur_legacy;
    }
    if (exact.has("line_item_unblended_cost") && exact.has("identity_line_item_id|bill_payer_account_id")) {
        if (exact.has("product") || exact.has("resource_tags")) return Format::aws_cur2;
        return Format::aws_cur_legacy_athena;
    }
    // MCA, and the partner (MPA) and CSP customers' exports of it, which may lack the billing
    // profile and account: camelCase costs with any of the columns only this family has.
    if (exact.has("costInBillingCurrency") &&
        exact.has("billingProfileId|exchangeRatePricingToBilling|costInPricingCurrency|customerTenantId|partnerName")) {
        return Format::azure_mca;
    }
    // The old pay-as-you-go usage details (before 2020), PascalCase or camelCase.
    if (any_case.has("UsageDateTime") && any_case.has("PreTaxCost")) return Format::azure_payg;
    // EA cost details: a cost and a meter, with the date the mapping needs or the EA account
    // columns (an export that left out the account owner is still one; one without its date
    // is then refused naming the column).
    if (any_case.has("CostInBillingCurrency|Cost") && any_case.has("MeterCategory") &&
        any_case.has("Date|AccountOwnerId|AccountName")) {
        return Format::azure_ea;
    }
    // The sellers' marketplace feeds (formats.md S0) last: no format above has these columns,
    // so every file recognised before is recognised as before.
    if (exact.has("billing_event_id") && exact.has("transaction_type")) return Format::aws_marketplace_billing_events;
    if (any_case.has("earningId") && any_case.has("earningAmount")) return Format::microsoft_payouts;
    return std::nullopt;
}

namespace {

// Azure's and the Partner Center payouts' column names match in any letter case; the others exactly.
bool any_letter_case(Format format) {
    return format == Format::azure_ea || format == Format::azure_mca || format == Format::azure_payg ||
           format == Format::microsoft_payouts;
}

ColumnIndex::Case column_case(Format format) {
    return any_letter_case(format) ? ColumnIndex::Case::insensitive : ColumnIndex::Case::sensitive;
}

// `column "BilledCost" appears twice (columns 12 and 40)`: which of the two holds the values
// cannot be known, so the file is refused rather than one of them read.
Diagnostic duplicate_column_error(const std::string& file_name, Format format, const ColumnIndex& columns,
                                  const std::vector<std::size_t>& positions) {
    Diagnostic error;
    error.location = SourceLocation{file_name, 1, 0};
    error.code = DiagnosticCode::broken_header;
    const std::string& name = columns.name(positions[0]);
    error.field = name;
    error.message = "column \"" + name + "\" appears " +
                    (positions.size() == 2 ? std::string("twice") : std::to_string(positions.size()) + " times") + " (columns ";
    bool same_spelling = true;
    for (std::size_t i = 0; i < positions.size(); ++i) {
        if (i > 0) error.message += i + 1 == positions.size() ? " and " : ", ";
        error.message += std::to_string(positions[i] + 1);
        same_spelling = same_spelling && columns.name(positions[i]) == name;
    }
    if (!same_spelling) {
        error.message += ", spelt";
        for (std::size_t i = 0; i < positions.size(); ++i) {
            error.message += std::string(i == 0 ? " \"" : i + 1 == positions.size() ? " and \"" : ", \"") +
                             columns.name(positions[i]) + "\"";
        }
        error.message += format == Format::microsoft_payouts
                             ? ": Partner Center payout column names match in any letter case"
                             : ": Azure column names match in any letter case";
    }
    error.message += ")";
    error.hint = "each column name may appear once in the header row, or which column holds the values cannot be "
                 "known; ask for the export to be delivered again";
    return error;
}

}  // namespace

std::unique_ptr<RowMapper> make_row_mapper(Format format, const std::vector<std::string>& header,
                                           const std::string& file_name, Mapping mapping, Diagnostic& error) {
    // Names compare as the format's lookups compare them (ColumnIndex), after the header's
    // normalisation (normalise_header_name: BOM, surrounding spaces, localised names).
    const ColumnIndex columns(header, column_case(format));
    if (const auto positions = columns.first_duplicate(); !positions.empty()) {
        error = duplicate_column_error(file_name, format, columns, positions);
        return nullptr;
    }
    switch (format) {
        case Format::aws_cur_legacy:
        case Format::aws_cur_legacy_athena:
        case Format::aws_cur2: return make_aws_cur_mapper(format, header, file_name, mapping, error);
        case Format::azure_ea:
        case Format::azure_mca:
        case Format::azure_payg: return make_azure_mapper(format, header, file_name, mapping, error);
        case Format::focus: return make_focus_mapper(header, file_name, mapping, error);
        case Format::aws_marketplace_billing_events: return make_aws_billing_event_mapper(header, file_name, error);
        case Format::microsoft_payouts: return make_microsoft_payout_mapper(header, file_name, error);
    }
    return nullptr;
}

}  // namespace revshare::importers
