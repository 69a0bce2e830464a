#pragma once
// Microsoft Partner Center payouts: the `transactionType` values revshare reads, what each makes
// of a line, and the sign its `earningAmount` must have (formats.md S3, "Transaction types").
// Compared ASCII case-insensitively; anything else is quarantined (`unknown-charge-type`).
#include "engine/core/decimal.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace revshare::importers {

enum class MicrosoftTransactionType : std::uint8_t {
    purchase,
    refund,
    reversal,
    chargeback,
    adjustment,  // an empty transactionType: an adjustment earning (its reasonCode set)
};

[[nodiscard]] std::optional<MicrosoftTransactionType> parse_microsoft_transaction_type(std::string_view text);
// `Usage`, `Credit` or `Adjustment`.
[[nodiscard]] std::string_view microsoft_charge_category(MicrosoftTransactionType type);
// `Correction` on a refund, reversal or chargeback; else empty.
[[nodiscard]] std::string_view microsoft_charge_class(MicrosoftTransactionType type);
// Whether `amount`'s sign agrees with `type`: a purchase >= 0; a refund, reversal or chargeback
// <= 0; an adjustment any [invented: S3's sign check].
[[nodiscard]] bool microsoft_sign_agrees(MicrosoftTransactionType type, const Decimal& amount);

// For hints.
[[nodiscard]] std::string_view microsoft_transaction_types_list();

}  // namespace revshare::importers
