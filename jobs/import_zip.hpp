#pragma once
// Importing a zip delivery (`revshare import X.csv.zip`, and `nightly`): each member whose name
// ends in `.csv` is one import of its own, in the zip's order, with its own transaction. The
// member is unzipped into a private temporary folder (never where its name points) and imported
// as a plain export (jobs/import_file.hpp), recorded as the zip (`file_name`) and the member's
// path inside it (`member_name`); its SHA-256 and size are the member's, so the same CSV
// delivered plain or zipped is one import. Other members are skipped, each named with the
// reason. A zip that cannot be read, holds no CSV, names a member outside its folder (`../x.csv`,
// `/x.csv`) or an encrypted CSV is refused whole before anything is imported. Prints what
// happened (stdout) and every error (stderr); throws only what an import cannot survive.
#include "engine/core/limits.hpp"
#include "jobs/import_file.hpp"
#include "jobs/skipped_file.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace revshare::app {

struct ZipMemberImport {
    std::string member;  // the member's path inside the zip
    ImportFileOutcome outcome;
};

struct ZipImportOutcome {
    bool refused = false;                  // the zip as a whole: nothing was imported
    int refused_exit_code = 2;             // when refused
    std::vector<ZipMemberImport> members;  // every CSV member, in the zip's order (refused: not imported)
    std::vector<SkippedFile> skipped;      // the other members, `<zip>:<member>`, in the zip's order
    // The worst of the members' codes (ImportFileOutcome::exit_code); the zip's when refused.
    [[nodiscard]] int exit_code() const;
};

// Whether `path` is imported as a zip: its name ends in `.zip` (ASCII case ignored).
[[nodiscard]] bool is_zip_delivery(const std::string& path);

// `bytes_max`: the most one member may unzip to.
[[nodiscard]] ZipImportOutcome import_zip(schema::Database& db, const std::string& path,
                                          std::optional<importers::Format> forced, bool quiet,
                                          std::uint64_t bytes_max = limits::zip_member_bytes_max);

}  // namespace revshare::app
