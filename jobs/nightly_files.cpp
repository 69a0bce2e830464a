#include "jobs/nightly_files.hpp"

#include "engine/core/error.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <tuple>

namespace revshare::app {
namespace {

namespace fs = std::filesystem;

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
    if (text.size() < suffix.size()) return false;
    const auto tail = text.substr(text.size() - suffix.size());
    return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
        const char lower = (a >= 'A' && a <= 'Z') ? static_cast<char>(a - 'A' + 'a') : a;
        return lower == b;
    });
}

// The process id of a `.<name>.tmp-<pid>` file name, or 0 when the name is not one.
// The owner of `.<name>.tmp-<pid>` (a report, runtime/atomic_file.hpp) or
// `.incoming.csv.gz.tmp-<pid>-<n>` (an archived delivery, runtime/archive.cpp); 0 for any other name.
pid_t temporary_owner(const std::string& name) {
    const auto marker = name.rfind(".tmp-");
    if (name.empty() || name.front() != '.' || marker == std::string::npos || marker + 5 >= name.size()) return 0;
    std::string digits = name.substr(marker + 5);
    if (const auto dash = digits.find('-'); dash != std::string::npos) {
        const std::string writer = digits.substr(dash + 1);
        if (writer.empty() || !std::all_of(writer.begin(), writer.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;
        digits.resize(dash);
    }
    if (digits.empty()) return 0;
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;
    if (digits.size() > 9) return 0;
    return static_cast<pid_t>(std::atol(digits.c_str()));
}

bool process_is_gone(pid_t pid) { return ::kill(pid, 0) != 0 && errno == ESRCH; }

}  // namespace

std::optional<std::string> inbox_skip_reason(std::string_view file_name) {
    if (!file_name.empty() && file_name.front() == '.') return "hidden (its name starts with '.')";
    for (const std::string_view partial : {".part", ".partial", ".tmp", ".crdownload", ".download", ".filepart"}) {
        if (ends_with_ignoring_case(file_name, partial)) {
            return "a partial download or temporary file: imported once it has its final name";
        }
    }
    for (const std::string_view exported : {".csv", ".csv.gz", ".zip"}) {
        if (ends_with_ignoring_case(file_name, exported)) return std::nullopt;
    }
    return "not an export revshare reads: an export's name ends in .csv, .csv.gz, .csv.zip or .zip";
}

InboxListing list_inbox(const fs::path& inbox) {
    if (!fs::is_directory(inbox)) throw Error("nightly: --inbox " + inbox.string() + " is not a folder");
    InboxListing listing;
    for (auto it = fs::recursive_directory_iterator(inbox, fs::directory_options::skip_permission_denied);
         it != fs::recursive_directory_iterator(); ++it) {
        const std::string name = it->path().filename().string();
        // Lexical: a link is named by its own name in the inbox, never by where it points.
        const std::string relative = it->path().lexically_relative(inbox).generic_string();
        if (it->is_symlink() && it->is_directory()) {
            listing.skipped.push_back(SkippedFile{relative + "/", "a link to a folder: not followed"});
            continue;
        }
        if (it->is_directory()) {
            if (!name.empty() && name.front() == '.') {
                it.disable_recursion_pending();
                listing.skipped.push_back(SkippedFile{relative + "/", "a hidden folder (its name starts with '.'): not looked into"});
            }
            continue;
        }
        if (!it->is_regular_file()) {
            listing.skipped.push_back(SkippedFile{relative, "not a regular file (a pipe, socket, device or broken link)"});
        } else if (auto reason = inbox_skip_reason(name)) {
            listing.skipped.push_back(SkippedFile{relative, std::move(*reason)});
        } else {
            listing.files.push_back(InboxFile{it->path(), relative, it->last_write_time()});
        }
    }
    std::sort(listing.files.begin(), listing.files.end(), [](const InboxFile& a, const InboxFile& b) {
        return std::tie(a.modified, a.relative) < std::tie(b.modified, b.relative);
    });
    std::sort(listing.skipped.begin(), listing.skipped.end(),
              [](const SkippedFile& a, const SkippedFile& b) { return a.file < b.file; });
    return listing;
}

std::vector<fs::path> abandoned_temporaries(const fs::path& dir) {
    std::vector<fs::path> abandoned;
    std::error_code error;
    if (!fs::is_directory(dir, error)) return abandoned;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, error);
         it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (error) break;
        // A folder of temporaries (the workbook's parts, jobs/statement_workbook.cpp) goes whole.
        const bool folder = it->is_directory() && !it->is_symlink();
        if (!folder && !it->is_regular_file()) continue;
        const pid_t owner = temporary_owner(it->path().filename().string());
        if (owner > 0 && owner != ::getpid() && process_is_gone(owner)) {
            abandoned.push_back(it->path());
            if (folder) it.disable_recursion_pending();
        }
    }
    std::sort(abandoned.begin(), abandoned.end());
    return abandoned;
}

void remove_abandoned_archive_temporaries(const schema::Database& db) {
    if (const auto removed = remove_abandoned_temporaries(db.archive_dir()); removed > 0) {
        spdlog::info("removed {} temporary files left in {} by a killed import", removed, db.archive_dir().string());
    }
}

std::size_t remove_abandoned_temporaries(const fs::path& out_dir) {
    std::size_t removed = 0;
    for (const auto& path : abandoned_temporaries(out_dir)) {
        std::error_code ignored;
        if (fs::remove_all(path, ignored) > 0) ++removed;
    }
    return removed;
}

}  // namespace revshare::app
