#include "importers/aws/aws_line_item_type.hpp"

#include <array>
#include <string>

namespace revshare::importers {
namespace {

struct LineItemTypeInfo {
    std::string_view name;
    AwsLineItemType type;
    std::string_view charge_category;
};

// Discounts and refunds are Credit, as AWS's own FOCUS export has them (formats.md: where the
// provider's export and other converters disagree, the provider's export wins).
constexpr std::array<LineItemTypeInfo, 17> line_item_types = {{
    {"Usage", AwsLineItemType::usage, "Usage"},
    {"DiscountedUsage", AwsLineItemType::discounted_usage, "Usage"},
    {"SavingsPlanCoveredUsage", AwsLineItemType::savings_plan_covered_usage, "Usage"},
    {"SavingsPlanNegation", AwsLineItemType::savings_plan_negation, "Usage"},
    {"Fee", AwsLineItemType::fee, "Purchase"},
    {"RIFee", AwsLineItemType::ri_fee, "Purchase"},
    {"SavingsPlanUpfrontFee", AwsLineItemType::savings_plan_upfront_fee, "Purchase"},
    {"SavingsPlanRecurringFee", AwsLineItemType::savings_plan_recurring_fee, "Purchase"},
    {"Tax", AwsLineItemType::tax, "Tax"},
    {"Credit", AwsLineItemType::credit, "Credit"},
    {"Refund", AwsLineItemType::refund, "Credit"},
    {"BundledDiscount", AwsLineItemType::bundled_discount, "Credit"},
    {"Discount", AwsLineItemType::discount, "Credit"},
    {"EdpDiscount", AwsLineItemType::edp_discount, "Credit"},
    {"PrivateRateDiscount", AwsLineItemType::private_rate_discount, "Credit"},
    {"DistributorDiscount", AwsLineItemType::distributor_discount, "Credit"},
    {"SppDiscount", AwsLineItemType::spp_discount, "Credit"},
}};
static_assert(static_cast<std::size_t>(AwsLineItemType::spp_discount) + 1 == line_item_types.size());

constexpr bool table_is_in_enum_order() {
    for (std::size_t i = 0; i < line_item_types.size(); ++i) {
        if (static_cast<std::size_t>(line_item_types[i].type) != i) return false;
    }
    return true;
}
static_assert(table_is_in_enum_order());

}  // namespace

std::optional<AwsLineItemType> parse_aws_line_item_type(std::string_view text) {
    for (const auto& info : line_item_types) {
        if (info.name == text) return info.type;
    }
    return std::nullopt;
}

std::string_view aws_charge_category(AwsLineItemType type) {
    return line_item_types[static_cast<std::size_t>(type)].charge_category;
}

bool is_aws_usage_row(AwsLineItemType type) {
    return type == AwsLineItemType::usage || type == AwsLineItemType::discounted_usage ||
           type == AwsLineItemType::savings_plan_covered_usage;
}

std::string_view aws_line_item_types_list() {
    // Built once from the table so that the hint never drifts from what is accepted.
    static const std::string list = [] {
        std::string text;
        for (const auto& info : line_item_types) {
            if (!text.empty()) text += ", ";
            text += info.name;
        }
        return text;
    }();
    return list;
}

}  // namespace revshare::importers
