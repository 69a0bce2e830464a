#pragma once
// The export formats revshare reads, and how a file's format is recognised from its header
// row (shared/spec/formats.md section 0).
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
    azure_mca,              // camelCase: costInBillingCurrency, billingProfileId, invoiceId
    focus,                  // FOCUS 1.0-1.2 from AWS, Microsoft or others
};

[[nodiscard]] std::string_view format_name(Format format);  // aws-cur, aws-cur-athena, aws-cur2, azure-ea, azure-mca, focus
[[nodiscard]] std::optional<Format> format_from_name(std::string_view name);
[[nodiscard]] std::string format_names_list();  // "aws-cur, aws-cur-athena, ..." for messages

// nullopt when the header matches no known format. `header` has its BOM already stripped.
[[nodiscard]] std::optional<Format> detect_format(const std::vector<std::string>& header);

}  // namespace revshare::importers
