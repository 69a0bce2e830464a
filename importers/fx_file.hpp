#pragma once
// Reads an FX rates file: CSV with header `date,base,quote,rate` (ISO date, ISO 4217 codes,
// plain decimal rate > 0). All or nothing: any bad row makes the whole file an error.
#include "engine/core/diagnostic.hpp"
#include "engine/core/fx_rate.hpp"

#include <string>
#include <vector>

namespace revshare::importers {

struct FxFile {
    std::vector<FxRate> rates;  // file order
    Diagnostics errors;         // empty when the file is good
};

[[nodiscard]] FxFile read_fx_file(const std::string& path, const std::string& display_name);

}  // namespace revshare::importers
