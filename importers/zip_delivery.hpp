#pragma once
// ZipDelivery: a zip delivery (`.csv.zip`, `.zip`) read member by member with libarchive, in the
// order the zip lists them. Nothing here writes where a member's name points: a member's bytes
// go only to the file the caller names (zip_member_skip_reason says which members to read).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

struct archive;

namespace revshare::importers {

// Whether a delivery's name says it is a zip: it ends in `.zip` (ASCII case ignored), which
// `.csv.zip` does too.
[[nodiscard]] bool is_zip_name(std::string_view path);

struct ZipMember {
    std::string name;  // the member's path inside the zip, as the zip spells it
    enum class Kind { file, folder, other } kind = Kind::file;  // other: a symbolic link, a device
    bool encrypted = false;
};

// Why a member is not imported, or nullopt for a CSV to import (its name ends in `.csv`, ASCII
// case ignored, and it is a file that is not encrypted). A name that climbs out of the zip's
// folder is not here: zip_member_name_problem refuses the whole zip for it.
[[nodiscard]] std::optional<std::string> zip_member_skip_reason(const ZipMember& member);
// What is wrong with a member's name, or nullopt: an absolute path (`/x.csv`, `C:\x.csv`), a
// `..` part (`../x.csv`), an empty name. Such a zip was made to write outside the folder it is
// unpacked in (a "zip slip"), or is damaged; it is refused whole.
[[nodiscard]] std::optional<std::string> zip_member_name_problem(std::string_view name);

class ZipDelivery {
public:
    // Throws revshare::Error naming `path` when it cannot be opened or is not a zip.
    explicit ZipDelivery(std::string path);
    ~ZipDelivery();
    ZipDelivery(const ZipDelivery&) = delete;
    ZipDelivery& operator=(const ZipDelivery&) = delete;

    // The next member, or nullopt after the last. Throws revshare::Error naming the zip (and
    // the member it stopped after) when the zip is damaged or truncated.
    [[nodiscard]] std::optional<ZipMember> next();
    // Writes the current member's bytes, uncompressed, into `target`, a file it creates (never
    // one that exists). Throws revshare::Error naming the zip and the member when the member is
    // encrypted, damaged (a CRC mismatch, a truncated zip) or holds more than `bytes_max`
    // bytes, and naming `target` when it cannot be written (a full disk). Returns the size.
    std::uint64_t extract_to(const std::filesystem::path& target, std::uint64_t bytes_max);

private:
    [[nodiscard]] std::string member_text() const;  // `<zip>:<member>`
    std::string path_;
    struct ::archive* archive_ = nullptr;
    std::string member_;  // the member next() returned last
};

}  // namespace revshare::importers
