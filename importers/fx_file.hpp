#pragma once
// Reads an FX rates file, all or nothing (any bad row or cell makes the whole file an error):
//   rows  `date,base,quote,rate` (ISO date, ISO 4217 codes, plain decimal rate > 0): 1 base = rate quote;
//   ecb   the European Central Bank's reference rates (eurofxref-hist.csv):
//         `Date,USD,JPY,...,` (a trailing comma on every line), `N/A` where a currency has no
//         rate that day: each cell is 1 EUR = rate quote;
//   wide  `date,<quote>,<quote>...`, each cell 1 `base` = rate quote, the base given apart.
// Only the direct rates a file states are read: an inverse is never derived.
#include "engine/core/diagnostic.hpp"
#include "engine/core/fx_rate.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::importers {

enum class FxFileFormat { rows, ecb, wide };
[[nodiscard]] std::optional<FxFileFormat> fx_file_format_from_name(std::string_view name);

struct FxFile {
    std::vector<FxRate> rates;  // file order
    std::int64_t cells_without_rate = 0;  // ecb, wide: `N/A` or empty cells
    // ecb, wide: rates of a well-formed currency code revshare does not know (the ECB's file
    // keeps columns of replaced currencies: CYP, EEK, HRK, ...), by code: checked, not stored.
    std::map<std::string, std::int64_t> unknown_currencies;
    Diagnostics errors;         // empty when the file is good
};

// `base`: wide only (ecb's is EUR).
[[nodiscard]] FxFile read_fx_file(const std::string& path, const std::string& display_name,
                                  FxFileFormat format = FxFileFormat::rows, const std::string& base = "");

}  // namespace revshare::importers
