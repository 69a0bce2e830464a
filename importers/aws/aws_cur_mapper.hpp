#pragma once
// AWS Cost and Usage Report row mappers: legacy CSV (slash names), legacy Athena (snake_case,
// flattened) and CUR 2.0 (snake_case with JSON map columns). See importers/MAPPING.md.
#include "importers/row_mapper.hpp"

namespace revshare::importers {

[[nodiscard]] std::unique_ptr<RowMapper> make_aws_cur_mapper(Format format, const std::vector<std::string>& header,
                                                              const std::string& file_name, Mapping mapping, Diagnostic& error);

}  // namespace revshare::importers
