#pragma once
// The columns a seller feed reads, resolved to positions once per file (formats.md S0, S2,
// S3): found by name, never by position; a required one absent refuses the file
// (`broken-header`, naming every missing column); an optional one absent reads as empty.
#include "engine/core/diagnostic.hpp"
#include "importers/column_index.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::importers {

struct SellerColumnName {
    std::string_view name;
    bool required = false;
};

// Fills `positions` (one per name, in the same order) from `index`; returns the names of the
// required columns the header lacks, in the order of `names`.
[[nodiscard]] std::vector<std::string> resolve_seller_columns(const ColumnIndex& index,
                                                              std::span<const SellerColumnName> names,
                                                              std::span<std::optional<std::size_t>> positions);

// `f.csv:1: error[broken-header]: missing columns amount, currency (AWS Marketplace billing
// events)`, with a hint saying what the columns are for.
[[nodiscard]] Diagnostic seller_missing_columns_error(const std::string& file_name,
                                                      const std::vector<std::string>& missing,
                                                      std::string_view format_label, std::string hint);

}  // namespace revshare::importers
