#include "importers/unclaimed_format.hpp"

#include "importers/column_index.hpp"

#include <array>
#include <string_view>

namespace revshare::importers {
namespace {

// The candidates (`|`-separated aliases) that `columns` lacks, each by its first spelling,
// joined for a message.
std::string lacking(const ColumnIndex& columns, std::initializer_list<std::string_view> candidates) {
    std::string names;
    for (const std::string_view aliases : candidates) {
        if (columns.has(aliases)) continue;
        if (!names.empty()) names += ", ";
        names += aliases.substr(0, aliases.find('|'));
    }
    return names;
}

bool has_prefix(const std::vector<std::string>& header, std::string_view prefix) {
    for (const auto& name : header) {
        if (name.starts_with(prefix)) return true;
    }
    return false;
}

}  // namespace

std::optional<UnclaimedFormat> recognise_unclaimed_format(const std::vector<std::string>& header) {
    const ColumnIndex exact(header, ColumnIndex::Case::sensitive);
    const ColumnIndex any_case(header, ColumnIndex::Case::insensitive);
    // Oracle Cloud's native cost reports use CUR-like slash names of their own.
    if (exact.has("lineItem/referenceNo") || exact.has("lineItem/tenantId") || exact.has("cost/myCost") ||
        exact.has("lineItem/intervalUsageStart")) {
        return UnclaimedFormat{"this looks like an Oracle Cloud (OCI) cost report, which revshare does not read",
                               "export the tenancy's FOCUS cost report from OCI instead (revshare reads FOCUS)"};
    }
    // Google Cloud's billing export (BigQuery), saved as CSV: dotted or underscored record fields.
    if ((exact.has("billing_account_id") || exact.has("billing_account.id")) &&
        (exact.has("service.description|service_description|service.id|service_id")) &&
        (exact.has("usage_start_time") || exact.has("cost"))) {
        return UnclaimedFormat{"this looks like a Google Cloud billing export (BigQuery), which revshare does not read",
                               "export Google Cloud's FOCUS view of the billing data instead (revshare reads FOCUS)"};
    }
    // Part of an AWS CUR: a SELECT that kept some columns, or a report without its line ids.
    if (has_prefix(header, "lineItem/") || has_prefix(header, "line_item_")) {
        const bool legacy = has_prefix(header, "lineItem/");
        const std::string missing = legacy ? lacking(exact, {"bill/PayerAccountId", "lineItem/UnblendedCost"})
                                           : lacking(exact, {"bill_payer_account_id", "line_item_unblended_cost"});
        return UnclaimedFormat{"this looks like part of an AWS Cost and Usage Report, without " + missing,
                               "export the report with all its columns (an extract that selected some columns may have "
                               "left out the payer and the cost an import needs)"};
    }
    // A FOCUS file without one of the columns that identify it.
    if (exact.has("BilledCost") || exact.has("ChargePeriodStart") || exact.has("x_SkuMeterCategory")) {
        return UnclaimedFormat{"this looks like a FOCUS export, without " +
                                   lacking(exact, {"BilledCost", "ChargeCategory", "ChargePeriodStart",
                                                   "ProviderName|ServiceProviderName"}),
                               "export the FOCUS dataset with all its columns"};
    }
    // An Azure cost-details file without the columns revshare needs.
    if (any_case.has("MeterCategory") || any_case.has("SubscriptionGuid") || any_case.has("MeterId")) {
        // What recognising EA cost details needs (format.cpp): a file with all three is
        // recognised, so one at least is named.
        return UnclaimedFormat{"this looks like an Azure cost or usage file, without " +
                                   lacking(any_case, {"Date", "CostInBillingCurrency|Cost", "MeterCategory"}),
                               "export Cost details (actual or amortized cost) from Cost Management, or Microsoft's "
                               "FOCUS export"};
    }
    return std::nullopt;
}

}  // namespace revshare::importers
