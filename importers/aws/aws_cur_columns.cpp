#include "importers/aws/aws_cur_columns.hpp"

#include "engine/core/assert.hpp"
#include "importers/json_object.hpp"

#include <algorithm>

namespace revshare::importers {
namespace {

// Names are `|`-separated aliases, the first present wins. Where AWS adds a `Net` variant
// (accounts with private discounts), it comes first so that every cost basis is net when the
// file has net columns (MAPPING.md, EffectiveCost).
struct AwsColumnNames {
    AwsColumn column;
    std::string_view legacy;  // legacy CSV: `lineItem/UnblendedCost`
    std::string_view snake;   // legacy Athena and CUR 2.0: `line_item_unblended_cost`
};

constexpr std::array<AwsColumnNames, aws_column_count> column_names = {{
    {AwsColumn::payer_account, "bill/PayerAccountId", "bill_payer_account_id"},
    {AwsColumn::billing_period_start, "bill/BillingPeriodStartDate", "bill_billing_period_start_date"},
    {AwsColumn::billing_period_end, "bill/BillingPeriodEndDate", "bill_billing_period_end_date"},
    {AwsColumn::usage_account, "lineItem/UsageAccountId", "line_item_usage_account_id"},
    {AwsColumn::line_item_type, "lineItem/LineItemType", "line_item_line_item_type"},
    {AwsColumn::usage_start, "lineItem/UsageStartDate", "line_item_usage_start_date"},
    {AwsColumn::usage_end, "lineItem/UsageEndDate", "line_item_usage_end_date"},
    {AwsColumn::product_code, "lineItem/ProductCode", "line_item_product_code"},
    {AwsColumn::usage_type, "lineItem/UsageType", "line_item_usage_type"},
    {AwsColumn::currency_code, "lineItem/CurrencyCode", "line_item_currency_code"},
    {AwsColumn::unblended_cost, "lineItem/UnblendedCost", "line_item_unblended_cost"},
    {AwsColumn::legal_entity, "lineItem/LegalEntity", "line_item_legal_entity"},
    {AwsColumn::invoicing_entity, "bill/InvoicingEntity", "bill_invoicing_entity"},
    {AwsColumn::bill_type, "bill/BillType", "bill_bill_type"},
    {AwsColumn::operation, "lineItem/Operation", "line_item_operation"},
    {AwsColumn::usage_amount, "lineItem/UsageAmount", "line_item_usage_amount"},
    {AwsColumn::net_unblended_cost, "lineItem/NetUnblendedCost", "line_item_net_unblended_cost"},
    // CUR 2.0 keeps these two in the `product` map (keys product_name, region); a column of
    // that name (a CUR 2.0 export query that flattened it) is read first.
    {AwsColumn::product_name, "product/ProductName", "product_product_name"},
    {AwsColumn::sku, "product/sku", "product_sku"},
    {AwsColumn::region_code, "product/regionCode", "product_region_code"},
    {AwsColumn::region, "product/region", "product_region"},
    {AwsColumn::public_on_demand_cost, "pricing/publicOnDemandCost", "pricing_public_on_demand_cost"},
    {AwsColumn::pricing_unit, "pricing/unit", "pricing_unit"},
    {AwsColumn::savings_plan_effective_cost, "savingsPlan/NetSavingsPlanEffectiveCost|savingsPlan/SavingsPlanEffectiveCost",
     "savings_plan_net_savings_plan_effective_cost|savings_plan_savings_plan_effective_cost"},
    {AwsColumn::savings_plan_total_commitment, "savingsPlan/TotalCommitmentToDate", "savings_plan_total_commitment_to_date"},
    {AwsColumn::savings_plan_used_commitment, "savingsPlan/UsedCommitment", "savings_plan_used_commitment"},
    {AwsColumn::reservation_effective_cost, "reservation/NetEffectiveCost|reservation/EffectiveCost",
     "reservation_net_effective_cost|reservation_effective_cost"},
    {AwsColumn::reservation_unused_upfront_fee,
     "reservation/NetUnusedAmortizedUpfrontFeeForBillingPeriod|reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
     "reservation_net_unused_amortized_upfront_fee_for_billing_period|"
     "reservation_unused_amortized_upfront_fee_for_billing_period"},
    {AwsColumn::reservation_unused_recurring_fee, "reservation/NetUnusedRecurringFee|reservation/UnusedRecurringFee",
     "reservation_net_unused_recurring_fee|reservation_unused_recurring_fee"},
    {AwsColumn::reservation_arn, "reservation/ReservationARN", "reservation_reservation_a_r_n"},
    {AwsColumn::billing_entity, "bill/BillingEntity", "bill_billing_entity"},
}};

constexpr bool table_is_in_enum_order() {
    for (std::size_t i = 0; i < column_names.size(); ++i) {
        if (static_cast<std::size_t>(column_names[i].column) != i) return false;
    }
    return true;
}
static_assert(table_is_in_enum_order());

std::string_view names_for(Format format, AwsColumn column) {
    const auto& names = column_names[static_cast<std::size_t>(column)];
    return format == Format::aws_cur_legacy ? names.legacy : names.snake;
}

bool is_required(AwsColumn column) { return column <= aws_last_required_column; }

// Tag columns: `resourceTags/user:team` (legacy) or `resource_tags_user_team` (snake_case).
// The key is the name after the prefix; the first of two same-named columns wins.
std::vector<AwsTagColumn> find_tag_columns(Format format, const ColumnIndex& index) {
    const std::string_view prefix = format == Format::aws_cur_legacy ? "resourceTags/" : "resource_tags_";
    std::vector<AwsTagColumn> tags;
    for (std::size_t position = 0; position < index.size(); ++position) {
        const std::string& name = index.name(position);
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
        AwsTagColumn tag;
        tag.position = position;
        tag.key = name.substr(prefix.size());
        append_json_string(tag.json_member, tag.key);
        tag.json_member.push_back(':');
        tags.push_back(std::move(tag));
    }
    std::stable_sort(tags.begin(), tags.end(), [](const AwsTagColumn& a, const AwsTagColumn& b) { return a.key < b.key; });
    tags.erase(std::unique(tags.begin(), tags.end(), [](const AwsTagColumn& a, const AwsTagColumn& b) { return a.key == b.key; }),
               tags.end());
    return tags;
}

}  // namespace

std::vector<std::string> resolve_aws_cur_columns(Format format, const ColumnIndex& index, AwsCurColumns& columns) {
    ENGINE_ASSERT(format == Format::aws_cur_legacy || format == Format::aws_cur_legacy_athena ||
                  format == Format::aws_cur2);
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < aws_column_count; ++i) {
        const auto column = static_cast<AwsColumn>(i);
        columns.positions[i] = index.find(names_for(format, column));
        if (!columns.positions[i] && is_required(column)) missing.emplace_back(aws_column_name(format, column));
    }
    if (format == Format::aws_cur2) {
        columns.product_map = index.find("product");
        columns.resource_tags_map = index.find("resource_tags");
    }
    columns.tag_columns = find_tag_columns(format, index);
    return missing;
}

std::string_view aws_column_name(Format format, AwsColumn column) {
    const std::string_view names = names_for(format, column);
    return names.substr(0, names.find('|'));
}

std::string_view aws_format_label(Format format) {
    switch (format) {
        case Format::aws_cur_legacy: return "AWS CUR";
        case Format::aws_cur_legacy_athena: return "AWS CUR, Athena naming";
        case Format::aws_cur2: return "AWS CUR 2.0";
        default: break;
    }
    return "AWS";
}

}  // namespace revshare::importers
