#pragma once
// The AWS CUR columns the mapper reads, resolved to positions once per file, for the three
// namings: legacy CSV (`lineItem/UnblendedCost`), legacy Athena and CUR 2.0 (both snake_case:
// `line_item_unblended_cost`). CUR 2.0 carries some product attributes and the tags in JSON map
// columns (`product`, `resource_tags`) instead of one column each.
#include "importers/column_index.hpp"
#include "importers/format.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::importers {

enum class AwsColumn : std::uint8_t {
    // required: a file without one of these is refused
    payer_account,
    billing_period_start,
    billing_period_end,
    usage_account,
    line_item_type,
    usage_start,
    usage_end,
    product_code,
    usage_type,
    currency_code,
    unblended_cost,
    legal_entity,
    // optional: absent reads as empty
    invoicing_entity,
    bill_type,
    operation,
    usage_amount,
    net_unblended_cost,
    product_name,
    sku,
    region_code,
    region,
    public_on_demand_cost,
    pricing_unit,
    savings_plan_effective_cost,
    savings_plan_total_commitment,
    savings_plan_used_commitment,
    reservation_effective_cost,
    reservation_unused_upfront_fee,
    reservation_unused_recurring_fee,
    reservation_arn,
    billing_entity,  // `AWS` or `AWS Marketplace`: PublisherName's fallback without legal_entity
};
inline constexpr std::size_t aws_column_count = static_cast<std::size_t>(AwsColumn::billing_entity) + 1;
// The columns up to this one are required; legal_entity, right after it, is the first optional
// one: older CURs and other tools' generators have no lineItem/LegalEntity (MAPPING.md).
inline constexpr AwsColumn aws_last_required_column = AwsColumn::unblended_cost;

// One `resourceTags/*` (legacy) or `resource_tags_*` (Athena, CUR 2.0 subsets) column.
struct AwsTagColumn {
    std::size_t position = 0;
    std::string key;         // `user:team` (legacy), `user_team` (snake_case)
    std::string json_member; // `"user:team":`, escaped once here rather than per row
};

struct AwsCurColumns {
    std::array<std::optional<std::size_t>, aws_column_count> positions{};
    std::optional<std::size_t> product_map;        // CUR 2.0 `product`
    std::optional<std::size_t> resource_tags_map;  // CUR 2.0 `resource_tags`
    std::vector<AwsTagColumn> tag_columns;         // sorted by key, one per key

    [[nodiscard]] std::optional<std::size_t> operator[](AwsColumn column) const {
        return positions[static_cast<std::size_t>(column)];
    }
};

// Resolves every column of `format` in `columns`. Returns the names of the missing required
// columns, in header-definition order (empty when the header has them all).
[[nodiscard]] std::vector<std::string> resolve_aws_cur_columns(Format format, const ColumnIndex& index,
                                                               AwsCurColumns& columns);

// The column's name in `format` (the preferred alias when there are several), for messages.
[[nodiscard]] std::string_view aws_column_name(Format format, AwsColumn column);
// `AWS CUR`, `AWS CUR, Athena naming`, `AWS CUR 2.0`.
[[nodiscard]] std::string_view aws_format_label(Format format);

}  // namespace revshare::importers
