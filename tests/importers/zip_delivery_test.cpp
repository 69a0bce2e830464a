// importers/zip_delivery: which members are imported, which names refuse a zip, and the most
// bytes a member may unzip to.
#include "importers/zip_delivery.hpp"

#include "engine/core/error.hpp"
#include "tests/app/zip_test_support.hpp"

#include <doctest/doctest.h>

using revshare::importers::ZipDelivery;
using revshare::importers::ZipMember;
using revshare::importers::zip_member_name_problem;
using revshare::importers::zip_member_skip_reason;
using namespace revshare::testing;

TEST_CASE("Zip member names: a name outside the zip's folder is a problem; others are not") {
    CHECK(!zip_member_name_problem("cur.csv"));
    CHECK(!zip_member_name_problem("report/2026-02/cur-00001.csv"));
    CHECK(!zip_member_name_problem("a..b.csv"));
    CHECK(!zip_member_name_problem("..csv"));
    CHECK(!zip_member_name_problem("ab:c.csv"));  // only a letter and a colon name a drive
    CHECK(zip_member_name_problem("../cur.csv") == "it climbs out of the zip's folder ('..')");
    CHECK(zip_member_name_problem("a/../../cur.csv") == "it climbs out of the zip's folder ('..')");
    CHECK(zip_member_name_problem("a\\..\\cur.csv") == "it climbs out of the zip's folder ('..')");
    CHECK(zip_member_name_problem("a/..") == "it climbs out of the zip's folder ('..')");
    CHECK(zip_member_name_problem("/etc/cur.csv") == "it is an absolute path");
    CHECK(zip_member_name_problem("\\\\server\\cur.csv") == "it is an absolute path");
    CHECK(zip_member_name_problem("C:cur.csv") == "it names a drive");
    CHECK(zip_member_name_problem("") == "a member has no name");
}

TEST_CASE("Zip members: files whose name ends in .csv (any letter case) are imported; others skipped with why") {
    const auto file = [](std::string name) { return ZipMember{.name = std::move(name), .kind = ZipMember::Kind::file, .encrypted = false}; };
    CHECK(!zip_member_skip_reason(file("cur.csv")));
    CHECK(!zip_member_skip_reason(file("CUR.CSV")));
    CHECK(!zip_member_skip_reason(file("x/Cur.Csv")));
    CHECK(zip_member_skip_reason(file("manifest.json")) ==
          "not a CSV file (revshare imports the members whose name ends in .csv)");
    CHECK(zip_member_skip_reason(file("cur.csv.bak")) ==
          "not a CSV file (revshare imports the members whose name ends in .csv)");
    CHECK(zip_member_skip_reason(file("cur.csv.gz")) ==
          "a gzip file inside the zip is not read: unzip it and import the .csv.gz");
    CHECK(zip_member_skip_reason(ZipMember{.name = "cur.csv/", .kind = ZipMember::Kind::folder, .encrypted = false}) == "a folder");
    CHECK(zip_member_skip_reason(ZipMember{.name = "link.csv", .kind = ZipMember::Kind::other, .encrypted = false}) ==
          "not a file (a symbolic link or a device)");
    CHECK(revshare::importers::is_zip_name("cur.csv.zip"));
    CHECK(revshare::importers::is_zip_name("CUR.ZIP"));
    CHECK(!revshare::importers::is_zip_name("cur.csv"));
    CHECK(!revshare::importers::is_zip_name("cur.zip.part"));
}

TEST_CASE("Zip delivery: a member is unzipped whole up to the limit, and refused past it; a target is never overwritten") {
    ScratchDir dir;
    const std::string bytes(5000, 'x');
    zip::write_zip(dir / "d.zip", {zip::Member{"a.csv", bytes}, zip::Member{"b.csv", bytes}});
    ZipDelivery zip((dir / "d.zip").string());
    REQUIRE(zip.next()->name == "a.csv");
    CHECK(zip.extract_to(dir / "a", 5000) == 5000);
    CHECK(read_file(dir / "a") == bytes);
    REQUIRE(zip.next()->name == "b.csv");
    CHECK_THROWS_WITH_AS(zip.extract_to(dir / "a", 5000), doctest::Contains("cannot create"), revshare::Error);
    CHECK_THROWS_WITH_AS(zip.extract_to(dir / "b", 4999),
                         ((dir / "d.zip").string() +
                          ":b.csv: the member unzips to more than 4999 bytes, the most revshare unzips; unzip it and "
                          "import the CSV itself")
                             .c_str(),
                         revshare::Error);
    CHECK(!zip.next());
}

TEST_CASE("Zip delivery: a missing file or one that is not a regular file is refused before libarchive reads it") {
    ScratchDir dir;
    const std::string missing = (dir / "missing.zip").string();
    CHECK_THROWS_WITH_AS(ZipDelivery{missing}, (missing + ": cannot open: No such file or directory").c_str(), revshare::Error);
    std::filesystem::create_directory(dir / "folder.zip");
    const std::string folder = (dir / "folder.zip").string();
    CHECK_THROWS_WITH_AS(ZipDelivery{folder}, (folder + ": is not a regular file (a zip delivery is read twice)").c_str(),
                         revshare::Error);
}
