// ZipDelivery (importers/zip_delivery.hpp): libarchive's zip reader, its errors turned into
// messages that name the zip and the member.
#include "importers/zip_delivery.hpp"

#include "engine/core/error.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <locale.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace revshare::importers {
namespace {

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
    if (text.size() < suffix.size()) return false;
    const auto tail = text.substr(text.size() - suffix.size());
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        const char c = tail[i];
        if (((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c) != suffix[i]) return false;
    }
    return true;
}

// libarchive's last error on `archive`, or `fallback` when it has none.
std::string archive_error(struct ::archive* archive, const char* fallback) {
    const char* text = ::archive_error_string(archive);
    return text != nullptr && *text != '\0' ? std::string(text) : std::string(fallback);
}

// The member's name: UTF-8 when libarchive can give it (a zip's names are UTF-8 or the old DOS
// code page), else its bytes as stored.
std::string entry_name(struct archive_entry* entry) {
    if (const char* utf8 = ::archive_entry_pathname_utf8(entry)) return utf8;
    if (const char* raw = ::archive_entry_pathname(entry)) return raw;
    return {};
}

ZipMember::Kind entry_kind(struct archive_entry* entry) {
    switch (::archive_entry_filetype(entry)) {
        case AE_IFREG: return ZipMember::Kind::file;
        case AE_IFDIR: return ZipMember::Kind::folder;
        default: return ZipMember::Kind::other;
    }
}

// While alive, this thread converts text as UTF-8 (LC_CTYPE C.UTF-8): libarchive converts a
// member's name from the zip's UTF-8 into the thread's character set, and in the C locale (the
// program never calls setlocale) a name such as `März.csv` would not convert and come out
// empty. Only this thread, only for the call: nothing else sees it.
class Utf8Names {
public:
    Utf8Names() {
        static const locale_t utf8 = ::newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
        if (utf8 != static_cast<locale_t>(nullptr)) previous_ = ::uselocale(utf8);
    }
    ~Utf8Names() {
        if (previous_ != static_cast<locale_t>(nullptr)) ::uselocale(previous_);
    }
    Utf8Names(const Utf8Names&) = delete;
    Utf8Names& operator=(const Utf8Names&) = delete;

private:
    locale_t previous_ = static_cast<locale_t>(nullptr);
};

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

bool is_zip_name(std::string_view path) { return ends_with_ignoring_case(path, ".zip"); }

std::optional<std::string> zip_member_name_problem(std::string_view name) {
    if (name.empty()) return "a member has no name";
    if (name.front() == '/' || name.front() == '\\') return "it is an absolute path";
    const bool letter = (name.front() >= 'A' && name.front() <= 'Z') || (name.front() >= 'a' && name.front() <= 'z');
    if (name.size() >= 2 && letter && name[1] == ':') return "it names a drive";
    std::size_t start = 0;
    while (start <= name.size()) {
        const auto end = name.find_first_of("/\\", start);
        const auto part = name.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (part == "..") return "it climbs out of the zip's folder ('..')";
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return std::nullopt;
}

std::optional<std::string> zip_member_skip_reason(const ZipMember& member) {
    if (member.kind == ZipMember::Kind::folder) return "a folder";
    if (member.kind == ZipMember::Kind::other) return "not a file (a symbolic link or a device)";
    if (!ends_with_ignoring_case(member.name, ".csv")) {
        if (ends_with_ignoring_case(member.name, ".csv.gz")) {
            return "a gzip file inside the zip is not read: unzip it and import the .csv.gz";
        }
        return "not a CSV file (revshare imports the members whose name ends in .csv)";
    }
    return std::nullopt;
}

ZipDelivery::ZipDelivery(std::string path) : path_(std::move(path)) {
    // A pipe or a device would block, or give bytes that cannot be read a second time (the
    // members are listed before they are imported).
    std::error_code error;
    if (!std::filesystem::is_regular_file(path_, error)) {
        throw Error(path_ + (std::filesystem::exists(path_, error) ? ": is not a regular file (a zip delivery is read twice)"
                                                                    : ": cannot open: No such file or directory"));
    }
    archive_ = ::archive_read_new();
    if (archive_ == nullptr) throw Error(path_ + ": cannot read it as a zip: out of memory");
    ::archive_read_support_format_zip(archive_);
    if (::archive_read_open_filename(archive_, path_.c_str(), 1 << 16) != ARCHIVE_OK) {
        const std::string reason = archive_error(archive_, "unknown error");
        ::archive_read_free(archive_);
        throw Error(path_ + ": cannot be read as a zip: " + reason +
                    "; a zip delivery must be a zip file (a name ending in .zip says it is one)");
    }
}

ZipDelivery::~ZipDelivery() { ::archive_read_free(archive_); }

std::string ZipDelivery::member_text() const { return path_ + ":" + member_; }

std::optional<ZipMember> ZipDelivery::next() {
    const Utf8Names names;
    struct archive_entry* entry = nullptr;
    const int status = ::archive_read_next_header(archive_, &entry);
    if (status == ARCHIVE_EOF) return std::nullopt;
    if (status < ARCHIVE_WARN) {
        const std::string where = member_.empty() ? "at its first member" : "after member " + member_;
        throw Error(path_ + ": the zip is damaged or truncated " + where + ": " +
                    archive_error(archive_, "unreadable member header"));
    }
    ZipMember member{.name = entry_name(entry), .kind = entry_kind(entry), .encrypted = ::archive_entry_is_encrypted(entry) != 0};
    member_ = member.name;
    return member;
}

std::uint64_t ZipDelivery::extract_to(const std::filesystem::path& target, std::uint64_t bytes_max) {
    std::unique_ptr<std::FILE, FileCloser> out(std::fopen(target.c_str(), "wbx"));
    if (!out) throw Error("cannot create " + target.string() + ": " + std::strerror(errno));
    std::vector<char> buffer(1 << 20);
    std::uint64_t size = 0;
    for (;;) {
        const la_ssize_t got = ::archive_read_data(archive_, buffer.data(), buffer.size());
        if (got == 0) break;
        if (got < 0) {
            throw Error(member_text() + ": the member cannot be unzipped: " + archive_error(archive_, "damaged data") +
                        "; the zip is damaged, truncated or encrypted: deliver it again, or unzip it and import the CSV");
        }
        size += static_cast<std::uint64_t>(got);
        if (size > bytes_max) {
            throw Error(member_text() + ": the member unzips to more than " + std::to_string(bytes_max) +
                        " bytes, the most revshare unzips; unzip it and import the CSV itself");
        }
        if (std::fwrite(buffer.data(), 1, static_cast<std::size_t>(got), out.get()) != static_cast<std::size_t>(got)) {
            throw Error("cannot write " + target.string() + " (unzipping " + member_text() + "): " + std::strerror(errno));
        }
    }
    if (std::fflush(out.get()) != 0) {
        throw Error("cannot write " + target.string() + " (unzipping " + member_text() + "): " + std::strerror(errno));
    }
    return size;
}

}  // namespace revshare::importers
