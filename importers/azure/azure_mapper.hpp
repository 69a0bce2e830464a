#pragma once
// Azure cost-details row mappers: EA (PascalCase, both header variants) and MCA (camelCase).
// See importers/MAPPING.md.
#include "importers/row_mapper.hpp"

namespace revshare::importers {

[[nodiscard]] std::unique_ptr<RowMapper> make_azure_mapper(Format format, const std::vector<std::string>& header,
                                                            const std::string& file_name, Mapping mapping, Diagnostic& error);

}  // namespace revshare::importers
