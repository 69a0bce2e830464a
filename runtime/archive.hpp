#pragma once
// The archive of delivered files: every imported file is kept, gzip-compressed and named by
// the SHA-256 of its delivered bytes, in `<db>.archive/` beside the database, so the exact row
// behind any normalised line can be shown and re-read by a replay.
#include "importers/csv/delivered_file.hpp"
#include "importers/csv/gzip_writer.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace revshare::app {

// The archived file's name for content with this SHA-256.
[[nodiscard]] std::string archive_name_for(const std::string& sha256);

// Archives the bytes of one delivery as the import reads them (a DeliveredFile's copy sink, so
// the archive holds exactly the bytes that were parsed): compressed with ISA-L at level 1
// (importers/csv/gzip_writer.hpp), or copied as they are when the delivery is already gzip,
// into a temporary file that commit() syncs and renames to `<sha256>.csv.gz` (atomically).
// Destroyed without a commit (a refused or failed import), it removes the temporary.
class ArchiveWriter final : public importers::ByteSink {
public:
    // `delivery`: the delivered file's path (its name says whether it is gzip already).
    ArchiveWriter(const std::filesystem::path& archive_dir, const std::filesystem::path& delivery);
    ~ArchiveWriter() override;
    ArchiveWriter(const ArchiveWriter&) = delete;
    ArchiveWriter& operator=(const ArchiveWriter&) = delete;

    void write(std::string_view bytes) override;  // on one thread (the import's BackgroundByteSink)
    // Returns the archive file name. A file already in the archive under that name is kept.
    std::string commit(const std::string& sha256);

private:
    std::filesystem::path archive_dir_;
    std::filesystem::path temporary_;
    std::unique_ptr<importers::GzipWriter> compressed_;  // a plain delivery
    std::FILE* copied_ = nullptr;                        // a gzip delivery
    bool committed_ = false;
};

}  // namespace revshare::app
