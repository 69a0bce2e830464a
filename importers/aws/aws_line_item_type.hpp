#pragma once
// AWS CUR `lineItem/LineItemType` values and the FOCUS ChargeCategory each maps to
// (importers/MAPPING.md). A value not listed here is quarantined, never guessed.
#include <cstdint>
#include <optional>
#include <string_view>

namespace revshare::importers {

enum class AwsLineItemType : std::uint8_t {
    usage,
    discounted_usage,
    savings_plan_covered_usage,
    savings_plan_negation,
    fee,
    ri_fee,
    savings_plan_upfront_fee,
    savings_plan_recurring_fee,
    tax,
    credit,
    refund,
    bundled_discount,
    discount,
    edp_discount,
    private_rate_discount,
    distributor_discount,
    spp_discount,
};

// Exact, case-sensitive match on the name AWS writes (`SavingsPlanCoveredUsage`).
[[nodiscard]] std::optional<AwsLineItemType> parse_aws_line_item_type(std::string_view text);
// `Usage`, `Purchase`, `Tax` or `Credit`.
[[nodiscard]] std::string_view aws_charge_category(AwsLineItemType type);
// Rows that consume something (Usage, DiscountedUsage, SavingsPlanCoveredUsage): they carry a quantity.
[[nodiscard]] bool is_aws_usage_row(AwsLineItemType type);
// "Usage, DiscountedUsage, ..." for hints.
[[nodiscard]] std::string_view aws_line_item_types_list();

}  // namespace revshare::importers
