// Importing a zip delivery (jobs/import_zip.hpp): list its members, refuse it whole or skip the
// members that are not CSV, then unzip and import each CSV member in turn.
#include "jobs/import_zip.hpp"

#include "engine/core/diagnostic.hpp"
#include "engine/core/error.hpp"
#include "importers/zip_delivery.hpp"
#include "runtime/scratch_folder.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace revshare::app {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t members_named_max = 5;  // in the message of a zip without a CSV

// The zip's members, read once before anything is imported.
struct ZipListing {
    std::vector<std::string> members;  // every member's name, in the zip's order
    std::vector<bool> is_csv;          // whether members[i] is imported
    std::vector<SkippedFile> skipped;
};

// `manifest.json, notes/`, or `it has no member`: what a zip without a CSV holds.
std::string members_text(const std::vector<std::string>& members) {
    if (members.empty()) return "it has no member";
    std::string text = "its members: ";
    for (std::size_t i = 0; i < std::min(members.size(), members_named_max); ++i) text += (i == 0 ? "" : ", ") + members[i];
    if (members.size() > members_named_max) text += " and " + std::to_string(members.size() - members_named_max) + " more";
    return text;
}

// Throws revshare::Error, naming the zip, when it is refused whole.
ZipListing list_members(const std::string& path) {
    ZipListing listing;
    importers::ZipDelivery zip(path);
    while (auto member = zip.next()) {
        if (listing.members.size() == limits::zip_members_max) {
            throw Error(path + ": the zip lists more than " + std::to_string(limits::zip_members_max) +
                        " members; unzip it and import its CSV files");
        }
        if (const auto problem = importers::zip_member_name_problem(member->name)) {
            throw Error(path + ": member '" + member->name + "': " + *problem +
                        "; a zip whose members would unpack outside its folder (a \"zip slip\") is not read: ask for "
                        "the delivery again");
        }
        const auto reason = importers::zip_member_skip_reason(*member);
        if (!reason && member->encrypted) {
            throw Error(path + ": member " + member->name +
                        " is encrypted; revshare takes no passwords: unzip it and import the CSV");
        }
        if (reason) listing.skipped.push_back(SkippedFile{path + ":" + member->name, *reason});
        listing.is_csv.push_back(!reason);
        listing.members.push_back(std::move(member->name));
    }
    if (std::none_of(listing.is_csv.begin(), listing.is_csv.end(), [](bool csv) { return csv; })) {
        throw Error(path + ": the zip holds no CSV file (" + members_text(listing.members) +
                    "); revshare imports the members whose name ends in .csv");
    }
    return listing;
}

void print_error(const std::string& message) { std::cerr << "revshare: error: " << printable(message) << "\n"; }

ZipMemberImport refused_member(const std::string& member) { return ZipMemberImport{member, ImportFileOutcome{}}; }

// One unzipped member, imported; its failures are printed and make it refused.
ZipMemberImport import_unzipped(schema::Database& db, const DeliveryPath& delivery,
                                std::optional<importers::Format> forced, bool quiet) {
    try {
        return ZipMemberImport{delivery.member_name, import_one(db, delivery, forced, quiet)};
    } catch (const Error& e) {
        print_error(e.what());
    } catch (const fs::filesystem_error& e) {
        print_error(delivery.shown() + ": " + e.what());
    }
    std::cerr << printable(delivery.shown()) << ": refused; nothing was imported\n";
    return refused_member(delivery.member_name);
}

// Unzips and imports the CSV members in the zip's order. A damaged zip stops it: the members
// before the damage stay imported, the ones from it on are refused.
void import_members(schema::Database& db, const std::string& path, const ZipListing& listing,
                    std::optional<importers::Format> forced, bool quiet, std::uint64_t bytes_max,
                    ZipImportOutcome& outcome) {
    const ScratchFolder scratch("revshare-zip", "import " + path);
    importers::ZipDelivery zip(path);
    for (std::size_t i = 0; i < listing.members.size(); ++i) {
        // Our own name for the bytes: a member's name never becomes a path.
        const fs::path unzipped = scratch.path() / ("member-" + std::to_string(i) + ".csv");
        try {
            const auto member = zip.next();
            if (!member || member->name != listing.members[i]) {
                throw Error(path + ": the zip changed while it was read; import it again once its delivery is complete");
            }
            if (!listing.is_csv[i]) continue;
            (void)zip.extract_to(unzipped, bytes_max);
        } catch (const Error& e) {
            print_error(e.what());
            for (std::size_t rest = i; rest < listing.members.size(); ++rest) {
                if (!listing.is_csv[rest]) continue;
                std::cerr << printable(path + ":" + listing.members[rest]) << ": refused; nothing was imported\n";
                outcome.members.push_back(refused_member(listing.members[rest]));
            }
            return;
        }
        std::vector<std::int64_t> earlier_parts;
        for (const auto& imported : outcome.members) {
            if (imported.outcome.import_id != 0) earlier_parts.push_back(imported.outcome.import_id);
        }
        outcome.members.push_back(import_unzipped(
            db, DeliveryPath{unzipped.string(), path, listing.members[i], std::move(earlier_parts)}, forced, quiet));
        std::error_code ignored;
        fs::remove(unzipped, ignored);
    }
}

}  // namespace

bool is_zip_delivery(const std::string& path) { return importers::is_zip_name(path); }

int ZipImportOutcome::exit_code() const {
    if (refused) return refused_exit_code;
    int code = 0;
    for (const auto& member : members) code = std::max(code, member.outcome.exit_code());
    return code;
}

ZipImportOutcome import_zip(schema::Database& db, const std::string& path, std::optional<importers::Format> forced,
                            bool quiet, std::uint64_t bytes_max) {
    ZipImportOutcome outcome;
    ZipListing listing;
    try {
        listing = list_members(path);
    } catch (const Error& e) {
        print_error(e.what());
        std::cerr << printable(path) << ": refused; nothing was imported\n";
        outcome.refused = true;
        outcome.refused_exit_code = static_cast<int>(e.exit_code());
        return outcome;
    }
    for (const auto& skipped : listing.skipped) {
        std::cout << printable(skipped.file) << ": skipped: " << printable(skipped.reason) << "\n";
    }
    outcome.skipped = listing.skipped;
    import_members(db, path, listing, forced, quiet, bytes_max, outcome);
    return outcome;
}

}  // namespace revshare::app
