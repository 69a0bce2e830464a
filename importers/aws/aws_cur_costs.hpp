#pragma once
// The cost columns and the quantity of one AWS CUR row (importers/MAPPING.md): BilledCost,
// EffectiveCost (amortised: commitments spread into the usage they cover), ListCost,
// ContractedCost and ConsumedQuantity. Every number goes through FieldReader.
#include "engine/core/usage_record.hpp"
#include "importers/aws/aws_cur_columns.hpp"
#include "importers/aws/aws_line_item_type.hpp"
#include "importers/field_reader.hpp"

namespace revshare::importers {

// Fills the four cost columns and consumed_quantity of `line`. False with a diagnostic
// (bad-number: not a number, or a cost beyond limits.hpp) recorded through `reader`.
bool read_aws_costs(FieldReader& reader, const AwsCurColumns& columns, AwsLineItemType type, UsageRecord& line);

}  // namespace revshare::importers
