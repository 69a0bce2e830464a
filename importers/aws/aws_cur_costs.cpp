#include "importers/aws/aws_cur_costs.hpp"

#include "engine/core/number_limits.hpp"

namespace revshare::importers {
namespace {

// `first + second` (or `first - second`), where an empty operand counts as zero and two
// empty operands give an empty result. Both operands have at most 40 significant digits
// and 24 decimals (limits.hpp), so their sum or difference is exact; the result is held to the
// same limits as a cost read from one column.
bool combine(FieldReader& reader, const AwsCurColumns& columns, AwsColumn first, AwsColumn second, bool subtract,
             std::optional<Decimal>& result) {
    std::optional<Decimal> a;
    std::optional<Decimal> b;
    if (!reader.cost(columns[first], a) || !reader.cost(columns[second], b)) return false;
    result.reset();
    if (!a && !b) return true;
    const Decimal left = a.value_or(Decimal{});
    const Decimal right = b.value_or(Decimal{});
    result = subtract ? left - right : left + right;
    if (const auto problem = cost_limit_problem(*result)) {
        return reader.fail(DiagnosticCode::bad_number, columns[first],
                           std::string(subtract ? "the difference" : "the sum") + " of the two amounts is " + *problem,
                           "a cost this large is not a real charge; check the export");
    }
    return true;
}

// EffectiveCost, the amortised cost, as AWS's FOCUS export and the FinOps Foundation's
// focus_converters compute it: commitment usage at its effective rate, upfront fees zero
// (already spread into the usage they cover), recurring commitment fees only for the part
// left unused; everything else at its contracted cost.
bool read_effective_cost(FieldReader& reader, const AwsCurColumns& columns, AwsLineItemType type,
                         const std::optional<Decimal>& contracted, std::optional<Decimal>& effective) {
    switch (type) {
        case AwsLineItemType::savings_plan_covered_usage:
            return reader.cost(columns[AwsColumn::savings_plan_effective_cost], effective);
        case AwsLineItemType::discounted_usage:
            return reader.cost(columns[AwsColumn::reservation_effective_cost], effective);
        case AwsLineItemType::savings_plan_negation:
        case AwsLineItemType::savings_plan_upfront_fee:
            effective = Decimal{};
            return true;
        case AwsLineItemType::savings_plan_recurring_fee:
            return combine(reader, columns, AwsColumn::savings_plan_total_commitment,
                           AwsColumn::savings_plan_used_commitment, true, effective);
        case AwsLineItemType::ri_fee:
            return combine(reader, columns, AwsColumn::reservation_unused_upfront_fee,
                           AwsColumn::reservation_unused_recurring_fee, false, effective);
        case AwsLineItemType::fee:
            // A Fee row naming a reservation is an RI's upfront payment: amortised into usage.
            if (!reader.text(columns[AwsColumn::reservation_arn]).empty()) {
                effective = Decimal{};
                return true;
            }
            effective = contracted;
            return true;
        default:
            effective = contracted;
            return true;
    }
}

}  // namespace

bool read_aws_costs(FieldReader& reader, const AwsCurColumns& columns, AwsLineItemType type, UsageRecord& line) {
    std::optional<Decimal> unblended;
    std::optional<Decimal> net_unblended;
    if (!reader.cost(columns[AwsColumn::unblended_cost], unblended)) return false;
    if (!reader.cost(columns[AwsColumn::net_unblended_cost], net_unblended)) return false;
    // The net column exists only for accounts with private discounts; when it does, it is the
    // contracted basis, even on a row where its cell is empty.
    const std::optional<Decimal>& contracted =
        columns[AwsColumn::net_unblended_cost] ? net_unblended : unblended;
    if (!reader.cost(columns[AwsColumn::public_on_demand_cost], line.set(CostColumn::ListCost))) return false;
    if (!read_effective_cost(reader, columns, type, contracted, line.set(CostColumn::EffectiveCost))) return false;
    line.set(CostColumn::BilledCost) = unblended;
    line.set(CostColumn::ContractedCost) = contracted;
    line.consumed_quantity.reset();
    if (is_aws_usage_row(type)) return reader.decimal(columns[AwsColumn::usage_amount], line.consumed_quantity);
    return true;
}

}  // namespace revshare::importers
