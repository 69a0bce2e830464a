#pragma once
// AWS Marketplace seller billing-event feed (`aws-marketplace-billing-events`, formats.md S2):
// one row is one version of one accounting event. See importers/MAPPING.md.
#include "importers/row_mapper.hpp"

namespace revshare::importers {

// nullptr and a `broken-header` error naming every missing required column.
[[nodiscard]] std::unique_ptr<RowMapper> make_aws_billing_event_mapper(const std::vector<std::string>& header,
                                                                       const std::string& file_name, Diagnostic& error);

}  // namespace revshare::importers
