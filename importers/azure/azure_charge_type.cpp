#include "importers/azure/azure_charge_type.hpp"

#include <array>

namespace revshare::importers {
namespace {

struct ChargeTypeRow {
    std::string_view charge_type;
    AzureCharge charge;
};

// Unused commitment stays Usage (Microsoft's FOCUS export does the same); a refund is a
// negative Purchase marked as a correction.
constexpr std::array<ChargeTypeRow, 8> charge_types = {{
    {"Usage", {"Usage", false}},
    {"UnusedReservation", {"Usage", false}},
    {"UnusedSavingsPlan", {"Usage", false}},
    {"Purchase", {"Purchase", false}},
    {"Refund", {"Purchase", true}},
    {"Tax", {"Tax", false}},
    {"Credit", {"Credit", false}},
    {"RoundingAdjustment", {"Adjustment", false}},
}};

}  // namespace

std::optional<AzureCharge> map_azure_charge_type(std::string_view charge_type) {
    for (const auto& row : charge_types) {
        if (row.charge_type == charge_type) return row.charge;
    }
    return std::nullopt;
}

}  // namespace revshare::importers
