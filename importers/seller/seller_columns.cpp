#include "importers/seller/seller_columns.hpp"

#include "engine/core/assert.hpp"

namespace revshare::importers {

std::vector<std::string> resolve_seller_columns(const ColumnIndex& index, std::span<const SellerColumnName> names,
                                                std::span<std::optional<std::size_t>> positions) {
    ENGINE_ASSERT(names.size() == positions.size());
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < names.size(); ++i) {
        positions[i] = names[i].required ? index.find_required(names[i].name, missing) : index.find(names[i].name);
    }
    return missing;
}

Diagnostic seller_missing_columns_error(const std::string& file_name, const std::vector<std::string>& missing,
                                        std::string_view format_label, std::string hint) {
    ENGINE_ASSERT(!missing.empty());
    Diagnostic error;
    error.location = SourceLocation{file_name, 1, 0};
    error.code = DiagnosticCode::broken_header;
    error.message = missing.size() == 1 ? "missing column " : "missing columns ";
    for (std::size_t i = 0; i < missing.size(); ++i) error.message += (i == 0 ? "" : ", ") + missing[i];
    error.message += " (" + std::string(format_label) + ")";
    error.hint = std::move(hint);
    return error;
}

}  // namespace revshare::importers
