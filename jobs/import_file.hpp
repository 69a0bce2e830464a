#pragma once
// Importing one export file (used by `import` and `nightly`): identify it by SHA-256, skip it
// when already imported, refuse it when unreadable, else archive it and store its lines and
// quarantined rows in one transaction, superseding earlier deliveries of the same scopes.
// Prints what happened (stdout) and each rejected row (stderr).
#include "importers/format.hpp"
#include "schema/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace revshare::app {

struct ImportFileOutcome {
    enum class Status { imported, already_imported, refused };
    Status status = Status::refused;
    std::int64_t import_id = 0;  // the new import, or the earlier one with the same content
    std::int64_t rows_read = 0;
    std::int64_t lines = 0;
    std::int64_t quarantined = 0;
    std::int64_t superseded_imports = 0;
    // 0 imported (or already imported), 1 imported with rows in quarantine, 2 refused.
    [[nodiscard]] int exit_code() const;
};

// A delivery as it is read and as it is recorded: a plain export is all three in one; a CSV read
// out of a zip (jobs/import_zip.hpp) is read from a temporary file and recorded as the zip and
// the member's path inside it.
struct DeliveryPath {
    std::string path;         // the bytes to read
    std::string file_name;    // import.file_name: the file as named on the command line (the zip)
    std::string member_name;  // import.member_name: the CSV's path inside the zip; empty for a plain export
    // The imports of the same zip's earlier members: parts of one delivery, which this one may
    // not supersede (the import is refused instead: the parts would replace each other).
    std::vector<std::int64_t> earlier_parts;
    // How messages name it: `file_name`, or `file_name:member_name` (schema::delivery_name).
    [[nodiscard]] std::string shown() const;
};

// Throws revshare::Error when the file cannot be read at all. `quiet`: no progress line.
[[nodiscard]] ImportFileOutcome import_one(schema::Database& db, const DeliveryPath& delivery,
                                           std::optional<importers::Format> forced, bool quiet,
                                           importers::Mapping mapping = importers::current_mapping);
// The same for a plain export at `path`.
[[nodiscard]] ImportFileOutcome import_one(schema::Database& db, const std::string& path,
                                           std::optional<importers::Format> forced, bool quiet,
                                           importers::Mapping mapping = importers::current_mapping);

}  // namespace revshare::app
