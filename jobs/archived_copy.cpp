#include "jobs/archived_copy.hpp"

#include "engine/core/error.hpp"
#include "engine/core/sha256.hpp"
#include "importers/csv/byte_source.hpp"
#include "runtime/archive.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace revshare::app {
namespace {

// The SHA-256 and size of what the archived file holds for this delivery: its content, or
// for a delivery that was gzip, its own bytes (the archive keeps those as they came). Reading
// stops a little past `size_max` (the import's size): a copy that holds more is not the
// delivery, and a gzip bomb in its place costs no more than the delivery did.
importers::FileIdentity held_identity(const std::filesystem::path& archived, bool delivered_as_gzip,
                                      std::uint64_t size_max) {
    std::unique_ptr<importers::ByteSource> bytes;
    std::optional<importers::DeliveredFile> file;
    if (delivered_as_gzip) {
        file.emplace(archived.string(), importers::DeliveredFile::Options{.hash = false});
    } else {
        bytes = importers::open_byte_source(archived.string());
    }
    Sha256 hash;
    importers::FileIdentity identity;
    std::vector<char> buffer(1 << 20);
    for (;;) {
        const std::size_t count = file ? file->read(buffer.data(), buffer.size()) : bytes->read(buffer.data(), buffer.size());
        if (count == 0) break;
        hash.update(std::string_view(buffer.data(), count));
        identity.size_bytes += count;
        if (identity.size_bytes > size_max) break;  // more than the delivery: reported as such
    }
    identity.sha256 = hash.hex_digest();
    return identity;
}

// What is at `path` when it is not a regular file, in words, or empty when it is one.
std::string not_a_file(const std::filesystem::path& path) {
    std::error_code error;
    const auto status = std::filesystem::symlink_status(path, error);
    if (error || status.type() == std::filesystem::file_type::not_found) return "is missing";
    if (std::filesystem::is_symlink(status)) {
        const auto target = std::filesystem::status(path, error);
        if (error || !std::filesystem::is_regular_file(target)) return "is a symbolic link to something not a file";
        return {};  // a link to a file: its bytes are what count
    }
    if (std::filesystem::is_directory(status)) return "is a folder, not a file";
    if (!std::filesystem::is_regular_file(status)) return "is not a regular file (a pipe, socket or device)";
    return {};
}

}  // namespace

std::optional<std::string> archived_copy_problem(const std::filesystem::path& archive_dir,
                                                 const schema::ImportRecord& import) {
    const std::string name = "import " + std::to_string(import.import_id) + " (" + import.delivery_name() + ")";
    if (import.archive_name != archive_name_for(import.sha256)) {
        return name + ": its archive name '" + import.archive_name + "' is not the one its SHA-256 gives (" +
               archive_name_for(import.sha256) + ")";
    }
    const auto archived = archive_dir / import.archive_name;
    if (const std::string what = not_a_file(archived); !what.empty()) {
        return name + ": its archived copy " + archived.string() + " " + what;
    }
    importers::FileIdentity held;
    try {
        const auto size_max = static_cast<std::uint64_t>(std::max<std::int64_t>(import.size_bytes, 0));
        held = held_identity(archived, importers::is_gzip_name(import.file_name), size_max);
    } catch (const Error& failure) {
        return name + ": its archived copy cannot be read to its end: " + failure.what();
    }
    if (static_cast<std::int64_t>(held.size_bytes) > import.size_bytes) {
        return name + ": its archived copy " + archived.string() + " holds more than the " +
               std::to_string(import.size_bytes) + " bytes that were imported: it was changed";
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
