#pragma once
// Zip deliveries for the tests, written with libarchive's writer (what the providers' portals
// deliver: members deflated, folder entries, any names).
#include "tests/test_support.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace revshare::testing::zip {

struct Member {
    std::string name;
    std::string bytes;  // a file's content (ignored for a folder)
    bool folder = false;
};

struct ZipOptions {
    bool stored = false;      // members not compressed (their bytes appear as they are)
    std::string passphrase;   // not empty: members encrypted (traditional PKWARE)
};

inline void write_zip(const std::filesystem::path& path, const std::vector<Member>& members, const ZipOptions& options = {}) {
    struct archive* zip = archive_write_new();
    REQUIRE(archive_write_set_format_zip(zip) == ARCHIVE_OK);
    if (options.stored) REQUIRE(archive_write_set_options(zip, "zip:compression=store") == ARCHIVE_OK);
    if (!options.passphrase.empty()) {
        REQUIRE(archive_write_set_options(zip, "zip:encryption=zipcrypt") == ARCHIVE_OK);
        REQUIRE(archive_write_set_passphrase(zip, options.passphrase.c_str()) == ARCHIVE_OK);
    }
    REQUIRE(archive_write_open_filename(zip, path.c_str()) == ARCHIVE_OK);
    for (const auto& member : members) {
        struct archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, member.name.c_str());
        archive_entry_set_filetype(entry, member.folder ? AE_IFDIR : AE_IFREG);
        archive_entry_set_perm(entry, member.folder ? 0755 : 0644);
        archive_entry_set_size(entry, member.folder ? 0 : static_cast<la_int64_t>(member.bytes.size()));
        archive_entry_set_mtime(entry, 1767225600, 0);  // fixed: the same zip bytes every run
        REQUIRE(archive_write_header(zip, entry) == ARCHIVE_OK);
        if (!member.folder) {
            REQUIRE(archive_write_data(zip, member.bytes.data(), member.bytes.size()) ==
                    static_cast<la_ssize_t>(member.bytes.size()));
        }
        archive_entry_free(entry);
    }
    REQUIRE(archive_write_close(zip) == ARCHIVE_OK);
    archive_write_free(zip);
}

// A fixture export (relative to fixtures/exports) as a zip member named `name`.
inline Member fixture_member(const std::string& name, const std::string& fixture) {
    return Member{name, read_file(fixtures_dir() / "exports" / fixture)};
}

}  // namespace revshare::testing::zip
