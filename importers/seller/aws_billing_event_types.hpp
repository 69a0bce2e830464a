#pragma once
// AWS Marketplace billing events: the actions and transaction types revshare reads, and what
// each makes of a line (formats.md S2, "Actions: sign and date" and "Transaction types").
// Exact spelling; anything else is quarantined (`unknown-charge-type`), never guessed.
#include <cstdint>
#include <optional>
#include <string_view>

namespace revshare::importers {

enum class AwsBillingAction : std::uint8_t { invoiced, collected, disbursed, forgiven };

[[nodiscard]] std::optional<AwsBillingAction> parse_aws_billing_action(std::string_view text);

// What a transaction type is about, before its `_REFUND` / `_CREDIT` suffix.
enum class AwsTransactionKind : std::uint8_t {
    revenue,             // SELLER_REV_SHARE, AWS_REV_SHARE, AWS_INFRA_SHARE, INFRA_FEE_PRETAX
    tax,                 // SELLER_TAX_SHARE, AWS_TAX_SHARE, OTHER_SELLER_TAX_SHARE
    balance_adjustment,  // BALANCE_ADJUSTMENT
    disbursement,        // DISBURSEMENT, DISBURSEMENT_FAILURE: the payout itself
};
// A "forward" type has no suffix; only revenue and tax types take one.
enum class AwsTransactionSuffix : std::uint8_t { none, refund, credit };

struct AwsTransactionType {
    AwsTransactionKind kind;
    AwsTransactionSuffix suffix;
    [[nodiscard]] bool forward() const { return suffix == AwsTransactionSuffix::none; }
    // `Usage`, `Tax`, `Adjustment` or `Credit`.
    [[nodiscard]] std::string_view charge_category() const;
    // `Correction` on a refund, else empty.
    [[nodiscard]] std::string_view charge_class() const;
};

[[nodiscard]] std::optional<AwsTransactionType> parse_aws_transaction_type(std::string_view text);

// The line's sign against the row's `amount` (S1, "Revenue-signed"): -1 on a DISBURSED item row
// (AWS writes it with the opposite sign of what it pays out), +1 otherwise.
[[nodiscard]] int aws_revenue_sign(AwsBillingAction action, const AwsTransactionType& type);

// InvoiceIssuerName from the broker code (after its default AWS_INC): the selling entity's
// name where known, else the code itself.
[[nodiscard]] std::string_view aws_broker_entity(std::string_view broker);
inline constexpr std::string_view aws_default_broker = "AWS_INC";

// For hints.
[[nodiscard]] std::string_view aws_billing_actions_list();
[[nodiscard]] std::string_view aws_transaction_types_list();

}  // namespace revshare::importers
