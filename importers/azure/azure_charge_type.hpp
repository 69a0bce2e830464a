#pragma once
// Azure `ChargeType` -> FOCUS ChargeCategory / ChargeClass (importers/MAPPING.md).
#include <optional>
#include <string_view>

namespace revshare::importers {

struct AzureCharge {
    std::string_view category;  // a FOCUS ChargeCategory
    bool correction = false;    // ChargeClass `Correction`
};

// nullopt for a charge type the mapping does not know (the row is quarantined, never guessed).
// Values are compared exactly, as Azure writes them.
[[nodiscard]] std::optional<AzureCharge> map_azure_charge_type(std::string_view charge_type);

// The accepted values, for the hint of an unknown-charge-type diagnostic.
inline constexpr std::string_view azure_charge_types_accepted =
    "Usage, UnusedReservation, UnusedSavingsPlan, Purchase, Refund, Tax, Credit, RoundingAdjustment";

}  // namespace revshare::importers
