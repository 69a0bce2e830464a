// TEMPORARY placeholder so the tree links; replaced by the real mapper.
#include "importers/azure/azure_mapper.hpp"
namespace revshare::importers {
std::unique_ptr<RowMapper> make_azure_mapper(Format, const std::vector<std::string>&, const std::string& file_name, Diagnostic& error) {
    error.location.file = file_name;
    error.code = DiagnosticCode::unknown_format;
    error.message = "mapper not implemented";
    return nullptr;
}
}  // namespace revshare::importers
