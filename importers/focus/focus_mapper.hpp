#pragma once
// FOCUS 1.0-1.2 row mapper (AWS and Microsoft FOCUS exports, and others). See importers/MAPPING.md.
#include "importers/row_mapper.hpp"

namespace revshare::importers {

[[nodiscard]] std::unique_ptr<RowMapper> make_focus_mapper(const std::vector<std::string>& header,
                                                            const std::string& file_name, Mapping mapping, Diagnostic& error);

}  // namespace revshare::importers
