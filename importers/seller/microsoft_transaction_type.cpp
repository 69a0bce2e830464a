#include "importers/seller/microsoft_transaction_type.hpp"

#include <array>
#include <utility>

namespace revshare::importers {
namespace {

constexpr std::array<std::pair<std::string_view, MicrosoftTransactionType>, 5> types = {{
    {"purchase", MicrosoftTransactionType::purchase},
    {"refund", MicrosoftTransactionType::refund},
    {"reversal", MicrosoftTransactionType::reversal},
    {"chargeback", MicrosoftTransactionType::chargeback},
    {"", MicrosoftTransactionType::adjustment},
}};

bool equal_ignoring_ascii_case(std::string_view text, std::string_view lower) {
    if (text.size() != lower.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] + ('a' - 'A')) : text[i];
        if (c != lower[i]) return false;
    }
    return true;
}

}  // namespace

std::optional<MicrosoftTransactionType> parse_microsoft_transaction_type(std::string_view text) {
    for (const auto& [name, type] : types) {
        if (equal_ignoring_ascii_case(text, name)) return type;
    }
    return std::nullopt;
}

std::string_view microsoft_charge_category(MicrosoftTransactionType type) {
    switch (type) {
        case MicrosoftTransactionType::purchase: return "Usage";
        case MicrosoftTransactionType::refund:
        case MicrosoftTransactionType::reversal:
        case MicrosoftTransactionType::chargeback: return "Credit";
        case MicrosoftTransactionType::adjustment: return "Adjustment";
    }
    return "Adjustment";
}

std::string_view microsoft_charge_class(MicrosoftTransactionType type) {
    const bool correction = type == MicrosoftTransactionType::refund || type == MicrosoftTransactionType::reversal ||
                            type == MicrosoftTransactionType::chargeback;
    return correction ? "Correction" : "";
}

bool microsoft_sign_agrees(MicrosoftTransactionType type, const Decimal& amount) {
    switch (type) {
        case MicrosoftTransactionType::purchase: return !amount.is_negative();
        case MicrosoftTransactionType::refund:
        case MicrosoftTransactionType::reversal:
        case MicrosoftTransactionType::chargeback: return amount.sign() <= 0;
        case MicrosoftTransactionType::adjustment: return true;
    }
    return true;
}

std::string_view microsoft_transaction_types_list() {
    return "purchase, refund, reversal, chargeback (any letter case), or empty for an adjustment earning";
}

}  // namespace revshare::importers
