#include "importers/seller/aws_billing_event_types.hpp"

#include <array>
#include <utility>

namespace revshare::importers {
namespace {

constexpr std::array<std::pair<std::string_view, AwsBillingAction>, 4> actions = {{
    {"INVOICED", AwsBillingAction::invoiced},
    {"COLLECTED", AwsBillingAction::collected},
    {"DISBURSED", AwsBillingAction::disbursed},
    {"FORGIVEN", AwsBillingAction::forgiven},
}};

// The types without a suffix [doc + code]; revenue and tax types also come with `_REFUND` and
// `_CREDIT`. INFRA_FEE_PRETAX is AWS_INFRA_SHARE's old name.
constexpr std::array<std::pair<std::string_view, AwsTransactionKind>, 10> base_types = {{
    {"SELLER_REV_SHARE", AwsTransactionKind::revenue},
    {"AWS_REV_SHARE", AwsTransactionKind::revenue},
    {"AWS_INFRA_SHARE", AwsTransactionKind::revenue},
    {"INFRA_FEE_PRETAX", AwsTransactionKind::revenue},
    {"SELLER_TAX_SHARE", AwsTransactionKind::tax},
    {"AWS_TAX_SHARE", AwsTransactionKind::tax},
    {"OTHER_SELLER_TAX_SHARE", AwsTransactionKind::tax},
    {"BALANCE_ADJUSTMENT", AwsTransactionKind::balance_adjustment},
    {"DISBURSEMENT", AwsTransactionKind::disbursement},
    {"DISBURSEMENT_FAILURE", AwsTransactionKind::disbursement},
}};

std::optional<AwsTransactionKind> base_kind(std::string_view name) {
    for (const auto& [known, kind] : base_types) {
        if (known == name) return kind;
    }
    return std::nullopt;
}

}  // namespace

std::optional<AwsBillingAction> parse_aws_billing_action(std::string_view text) {
    for (const auto& [name, action] : actions) {
        if (name == text) return action;
    }
    return std::nullopt;
}

std::optional<AwsTransactionType> parse_aws_transaction_type(std::string_view text) {
    if (const auto kind = base_kind(text)) return AwsTransactionType{*kind, AwsTransactionSuffix::none};
    constexpr std::array<std::pair<std::string_view, AwsTransactionSuffix>, 2> suffixes = {{
        {"_REFUND", AwsTransactionSuffix::refund},
        {"_CREDIT", AwsTransactionSuffix::credit},
    }};
    for (const auto& [ending, suffix] : suffixes) {
        if (!text.ends_with(ending)) continue;
        const auto kind = base_kind(text.substr(0, text.size() - ending.size()));
        if (kind == AwsTransactionKind::revenue || kind == AwsTransactionKind::tax) {
            return AwsTransactionType{*kind, suffix};
        }
    }
    return std::nullopt;
}

std::string_view AwsTransactionType::charge_category() const {
    switch (kind) {
        case AwsTransactionKind::revenue: return forward() ? "Usage" : "Credit";
        case AwsTransactionKind::tax: return "Tax";  // a tax line stays Tax, refunded or credited
        case AwsTransactionKind::balance_adjustment:
        case AwsTransactionKind::disbursement: return "Adjustment";
    }
    return "Adjustment";
}

std::string_view AwsTransactionType::charge_class() const {
    return suffix == AwsTransactionSuffix::refund ? "Correction" : "";
}

int aws_revenue_sign(AwsBillingAction action, const AwsTransactionType& type) {
    const bool item = type.kind != AwsTransactionKind::disbursement;
    return action == AwsBillingAction::disbursed && item ? -1 : 1;
}

std::string_view aws_broker_entity(std::string_view broker) {
    if (broker == "AWS_INC") return "Amazon Web Services, Inc.";
    if (broker == "AWS_EUROPE") return "Amazon Web Services EMEA SARL";
    return broker;
}

std::string_view aws_billing_actions_list() { return "INVOICED, COLLECTED, DISBURSED, FORGIVEN"; }

std::string_view aws_transaction_types_list() {
    return "SELLER_REV_SHARE, AWS_REV_SHARE, AWS_INFRA_SHARE, INFRA_FEE_PRETAX, SELLER_TAX_SHARE, AWS_TAX_SHARE, "
           "OTHER_SELLER_TAX_SHARE (each also with _REFUND or _CREDIT), BALANCE_ADJUSTMENT, DISBURSEMENT, "
           "DISBURSEMENT_FAILURE";
}

}  // namespace revshare::importers
