#pragma once
// Microsoft Partner Center payouts transaction history (`microsoft-payouts`, formats.md S3):
// one row is one earning, as known on the day of the download. See importers/MAPPING.md.
#include "importers/row_mapper.hpp"

namespace revshare::importers {

// nullptr and a `broken-header` error naming every missing required column.
[[nodiscard]] std::unique_ptr<RowMapper> make_microsoft_payout_mapper(const std::vector<std::string>& header,
                                                                      const std::string& file_name, Diagnostic& error);

}  // namespace revshare::importers
