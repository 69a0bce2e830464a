// The archive is evidence: verify re-hashes every import's archived copy against the import's
// SHA-256 and size (a plain delivery's content, a gzip delivery's own bytes), and show-line
// refuses to call a changed copy's rows "delivered". Each way to change a copy is named.
#include "engine/core/sha256.hpp"
#include "tests/app/late_data_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

using namespace revshare::testing;

namespace {

void gzip_into(const std::filesystem::path& source, const std::filesystem::path& target) {
    REQUIRE(std::system(("gzip -n -c '" + source.string() + "' > '" + target.string() + "'").c_str()) == 0);
}

}  // namespace

TEST_CASE("Tamper: an archived copy changed, cut, deleted or renamed is found by verify; show-line refuses it") {
    ScratchDir dir;
    const auto plain = copy_fixture("late/mca-late-2026-03.csv", dir.path());
    const auto refund = copy_fixture("late/mca-refund-2026-02.csv", dir.path());
    const auto gzipped = dir / "mca-refund-2026-02.csv.gz";
    gzip_into(refund, gzipped);
    REQUIRE(run_revshare("--db r.db import '" + plain.string() + "' '" + gzipped.string() + "'", dir.path()).exit_code == 0);
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK(verified.exit_code == 0);
    CHECK(verified.out.find("every archived copy holds the bytes its import hashed") != std::string::npos);

    const std::string plain_bytes = read_file(plain);
    const std::string plain_sha = revshare::Sha256::of(plain_bytes);
    const std::string gz_sha = revshare::Sha256::of(read_file(gzipped));
    const std::filesystem::path plain_archive = dir / "r.db.archive" / (plain_sha + ".csv.gz");
    const std::filesystem::path gz_archive = dir / "r.db.archive" / (gz_sha + ".csv.gz");
    REQUIRE(std::filesystem::exists(plain_archive));
    REQUIRE(std::filesystem::exists(gz_archive));
    const std::string plain_archived = read_file(plain_archive);
    const std::string name1 = "import 1 (" + plain.string() + ")";
    const std::string name2 = "import 2 (" + gzipped.string() + ")";

    SUBCASE("a plain delivery's copy recompressed with one date changed") {
        std::string edited = plain_bytes;
        const auto at = edited.find("03/10/2026");
        REQUIRE(at != std::string::npos);
        edited.replace(at, 10, "03/11/2026");
        write_file(dir / "edited.csv", edited);
        gzip_into(dir / "edited.csv", plain_archive);
        CHECK(verify_problems(dir) ==
              "verify: 1 problem:\n  " + name1 + ": its archived copy r.db.archive/" + plain_sha + ".csv.gz holds " +
                  std::to_string(edited.size()) + " bytes with SHA-256 " + revshare::Sha256::of(edited) + ", not the " +
                  std::to_string(plain_bytes.size()) + " bytes with SHA-256 " + plain_sha +
                  " that were imported: it was changed\n");
        const auto shown = run_revshare("--db r.db show-line --import 1 --line 2", dir.path());
        CHECK(shown.exit_code == 3);
        CHECK(shown.out == "");
        CHECK(shown.err == "revshare: error: show-line: " + name1 + ": its archived copy r.db.archive/" + plain_sha +
                               ".csv.gz holds " + std::to_string(edited.size()) + " bytes with SHA-256 " +
                               revshare::Sha256::of(edited) + ", not the " + std::to_string(plain_bytes.size()) +
                               " bytes with SHA-256 " + plain_sha + " that were imported: it was changed; its rows are " +
                               "not shown as delivered\n");
    }
    SUBCASE("a gzip delivery's copy with one byte changed") {
        std::string bytes = read_file(gz_archive);
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
        write_file(gz_archive, bytes);
        CHECK(verify_problems(dir) ==
              "verify: 1 problem:\n  " + name2 + ": its archived copy r.db.archive/" + gz_sha + ".csv.gz holds " +
                  std::to_string(bytes.size()) + " bytes with SHA-256 " + revshare::Sha256::of(bytes) + ", not the " +
                  std::to_string(bytes.size()) + " bytes with SHA-256 " + gz_sha + " that were imported: it was changed\n");
    }
    SUBCASE("a copy cut short cannot be read to its end") {
        write_file(plain_archive, plain_archived.substr(0, plain_archived.size() / 2));
        const std::string problems = verify_problems(dir);
        CHECK(problems.rfind("verify: 1 problem:\n  " + name1 + ": its archived copy cannot be read to its end: r.db.archive/" +
                                 plain_sha + ".csv.gz: ",
                             0) == 0);
    }
    SUBCASE("a copy deleted") {
        std::filesystem::remove(plain_archive);
        CHECK(verify_problems(dir) ==
              "verify: 1 problem:\n  " + name1 + ": its archived copy r.db.archive/" + plain_sha + ".csv.gz is missing\n");
        CHECK(run_revshare("--db r.db show-line --import 1 --line 2", dir.path()).exit_code == 3);
    }
    SUBCASE("a copy replaced by a folder, or by a link to a device") {
        std::filesystem::remove(plain_archive);
        std::filesystem::create_directory(plain_archive);
        CHECK(verify_problems(dir) == "verify: 1 problem:\n  " + name1 + ": its archived copy r.db.archive/" + plain_sha +
                                          ".csv.gz is a folder, not a file\n");
        std::filesystem::remove(plain_archive);
        std::filesystem::create_symlink("/dev/zero", plain_archive);
        CHECK(verify_problems(dir) == "verify: 1 problem:\n  " + name1 + ": its archived copy r.db.archive/" + plain_sha +
                                          ".csv.gz is a symbolic link to something not a file\n");
    }
    SUBCASE("a copy that holds more than the delivery (a gzip bomb in its place) is read no further than that") {
        write_file(dir / "big.csv", std::string(8u << 20, '0'));  // 8 MiB where the delivery had a few hundred bytes
        gzip_into(dir / "big.csv", plain_archive);
        CHECK(verify_problems(dir) == "verify: 1 problem:\n  " + name1 + ": its archived copy r.db.archive/" + plain_sha +
                                          ".csv.gz holds more than the " + std::to_string(plain_bytes.size()) +
                                          " bytes that were imported: it was changed\n");
    }
    SUBCASE("the import's archive name changed to another file's") {
        execute_sql(dir / "r.db", "UPDATE import SET archive_name = '" + gz_sha + ".csv.gz' WHERE import_id = 1");
        CHECK(verify_problems(dir) == "verify: 1 problem:\n  " + name1 + ": its archive name '" + gz_sha +
                                          ".csv.gz' is not the one its SHA-256 gives (" + plain_sha + ".csv.gz)\n");
    }
}
