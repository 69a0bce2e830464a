#include "jobs/archived_copy.hpp"

#include "engine/core/error.hpp"
#include "engine/core/sha256.hpp"
#include "importers/csv/byte_source.hpp"
#include "runtime/archive.hpp"

#include <filesystem>
#include <vector>

namespace revshare::app {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The SHA-256 and size of what the archived file holds for this delivery: its content, or
// for a delivery that was gzip, its own bytes (the archive keeps those as they came).
importers::FileIdentity held_identity(const std::filesystem::path& archived, bool delivered_as_gzip) {
    if (delivered_as_gzip) return importers::identify_file(archived.string());
    const auto content = importers::open_byte_source(archived.string());
    Sha256 hash;
    importers::FileIdentity identity;
    std::vector<char> buffer(1 << 20);
    while (const std::size_t count = content->read(buffer.data(), buffer.size())) {
        hash.update(std::string_view(buffer.data(), count));
        identity.size_bytes += count;
    }
    identity.sha256 = hash.hex_digest();
    return identity;
}

}  // namespace

std::optional<std::string> archived_copy_problem(const std::filesystem::path& archive_dir,
                                                 const schema::ImportRecord& import) {
    const std::string name = "import " + std::to_string(import.import_id) + " (" + import.file_name + ")";
    if (import.archive_name != archive_name_for(import.sha256)) {
        return name + ": its archive name '" + import.archive_name + "' is not the one its SHA-256 gives (" +
               archive_name_for(import.sha256) + ")";
    }
    const auto archived = archive_dir / import.archive_name;
    std::error_code error;
    if (!std::filesystem::is_regular_file(archived, error)) {
        return name + ": its archived copy " + archived.string() + " is missing";
    }
    importers::FileIdentity held;
    try {
        held = held_identity(archived, ends_with(import.file_name, ".gz"));
    } catch (const Error& failure) {
        return name + ": its archived copy cannot be read to its end: " + failure.what();
    }
    if (held.sha256 != import.sha256 || static_cast<std::int64_t>(held.size_bytes) != import.size_bytes) {
        return name + ": its archived copy " + archived.string() + " holds " + std::to_string(held.size_bytes) +
               " bytes with SHA-256 " + held.sha256 + ", not the " + std::to_string(import.size_bytes) +
               " bytes with SHA-256 " + import.sha256 + " that were imported: it was changed";
    }
    return std::nullopt;
}

BackgroundTask<std::vector<std::string>> archived_copy_problems_behind(schema::Database& db) {
    return BackgroundTask<std::vector<std::string>>([archive_dir = db.archive_dir(), imports = schema::load_imports(db)] {
        std::vector<std::string> problems;
        for (const auto& import : imports) {
            if (auto problem = archived_copy_problem(archive_dir, import)) problems.push_back(std::move(*problem));
        }
        return problems;
    });
}

}  // namespace revshare::app
