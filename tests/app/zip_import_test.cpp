// `revshare import X.csv.zip` (issue 19): each CSV member is an import of its own, recorded as
// the zip and the member, identified by the member's bytes; other members are skipped; a zip
// that cannot be read, has no CSV, an encrypted CSV or a zip-slip name is refused whole.
#include "tests/app/zip_test_support.hpp"

#include "engine/core/sha256.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace revshare::testing;
using namespace revshare::testing::zip;

namespace {

namespace fs = std::filesystem;

// Every value of every line an import stored, in line order: two imports of the same bytes
// give the same text, to the last digit of every amount.
std::string lines_of(const fs::path& db, int import_id) {
    return query_value(db, "SELECT group_concat(v, '|') FROM (SELECT l.source_line || ',' || ifnull(l.billed_cost, '') || ',' || "
                           "ifnull(l.effective_cost, '') || ',' || ifnull(l.list_cost, '') || ',' || "
                           "ifnull(l.contracted_cost, '') || ',' || ifnull(l.consumed_quantity, '') || ',' || "
                           "l.charge_period_start || ',' || l.dimensions_id AS v FROM line l WHERE l.import_id = " +
                               std::to_string(import_id) + " ORDER BY l.line_id)");
}

const std::vector<Member> february_zip_members = {
    Member{"cur/", "", true},
    fixture_member("cur/cur-2026-02.csv", "aws-cur/cur-2026-02.csv"),
    Member{"manifest.json", "{\"reportName\": \"cur\"}\n"},
    fixture_member("EA-2026-02.CSV", "azure-ea/ea-2026-02.csv"),
};

}  // namespace

TEST_CASE("Zip import: each CSV member is an import of its own, the same lines as the CSV imported plain") {
    ScratchDir dir;
    write_zip(dir / "feb.csv.zip", february_zip_members);
    const auto imported = run_revshare("--db z.db import feb.csv.zip", dir.path());
    CHECK(imported.exit_code == 0);
    CHECK(imported.err == "");
    CHECK(imported.out ==
          "feb.csv.zip:cur/: skipped: a folder\n"
          "feb.csv.zip:manifest.json: skipped: not a CSV file (revshare imports the members whose name ends in .csv)\n"
          "feb.csv.zip:cur/cur-2026-02.csv: imported as import 1 (aws-cur): 27 rows read, 27 lines, 0 quarantined\n"
          "feb.csv.zip:EA-2026-02.CSV: imported as import 2 (azure-ea): 37 rows read, 37 lines, 0 quarantined\n");
    CHECK(query_value(dir / "z.db", "SELECT group_concat(file_name || '|' || member_name, ' ') FROM import") ==
          "feb.csv.zip|cur/cur-2026-02.csv feb.csv.zip|EA-2026-02.CSV");

    // The same CSVs, plain, into another database: the same identity, archive and lines.
    copy_fixture("exports/aws-cur/cur-2026-02.csv", dir.path());
    copy_fixture("exports/azure-ea/ea-2026-02.csv", dir.path());
    REQUIRE(run_revshare("--db p.db --quiet import cur-2026-02.csv ea-2026-02.csv", dir.path()).exit_code == 0);
    for (const int id : {1, 2}) {
        CAPTURE(id);
        const std::string where = " FROM import WHERE import_id = " + std::to_string(id);
        CHECK(query_value(dir / "z.db", "SELECT sha256 || ' ' || size_bytes || ' ' || archive_name || ' ' || rows_read" + where) ==
              query_value(dir / "p.db", "SELECT sha256 || ' ' || size_bytes || ' ' || archive_name || ' ' || rows_read" + where));
        CHECK(lines_of(dir / "z.db", id) == lines_of(dir / "p.db", id));
        CHECK(fs::exists(dir / "z.db.archive" / query_value(dir / "z.db", "SELECT archive_name" + where)));
    }
    CHECK(query_value(dir / "z.db", "SELECT sha256 FROM import WHERE import_id = 1") ==
          "0bb264894ff3366fc7655e2d8c4fe598e46e3d69e977292e59dd4c1f72f493e0");
    CHECK(lines_of(dir / "z.db", 1).size() > 27 * 10);  // the comparison compared something
}

TEST_CASE("Zip import: a month delivered zipped settles to the expected statement, to the last digit") {
    ScratchDir dir;
    std::vector<Member> members;
    for (const std::string fixture : {"aws-cur/cur-2026-02.csv", "aws-cur2/cur2-2026-02.csv", "aws-focus/focus-2026-02.csv",
                                      "azure-ea/ea-2026-02.csv", "azure-focus/focus-2026-02.csv", "azure-mca/mca-2026-02.csv"}) {
        members.push_back(fixture_member(fixture, fixture));
    }
    write_zip(dir / "2026-02.zip", members);
    REQUIRE(run_revshare("--db r.db --quiet import 2026-02.zip", dir.path()).exit_code == 0);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import WHERE file_name = '2026-02.zip'") == "6");
    REQUIRE(run_revshare("--db r.db fx import '" + (fixtures_dir() / "fx/eur-usd-2026.csv").string() + "'", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db contract add '" + (fixtures_dir() / "contracts/openai-microsoft.toml").string() + "'",
                         dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db settle --period 2026-02", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-02 --out out", dir.path()).exit_code == 0);
    for (const std::string file : {"statement.csv", "net.csv"}) {
        CAPTURE(file);
        CHECK(read_file(dir / "out/openai-microsoft/2026-02" / file) ==
              read_file(fixtures_dir() / "expected/openai-microsoft/2026-02" / file));
    }
    // lines.csv and reconciliation.csv name each delivery as the zip's member.
    const std::string lines = read_file(dir / "out/openai-microsoft/2026-02/lines.csv");
    CHECK(lines.find(",2026-02.zip:azure-mca/mca-2026-02.csv,") != std::string::npos);
    const std::string reconciliation = read_file(dir / "out/openai-microsoft/2026-02/reconciliation.csv");
    CHECK(reconciliation.find("2026-02.zip:aws-cur/cur-2026-02.csv,aws-cur,") != std::string::npos);
}

TEST_CASE("Zip import: the same CSV zipped or plain is one import, in either order; a zip again changes nothing") {
    ScratchDir dir;
    write_zip(dir / "feb.csv.zip", february_zip_members);
    copy_fixture("exports/aws-cur/cur-2026-02.csv", dir.path());
    REQUIRE(run_revshare("--db r.db --quiet import cur-2026-02.csv", dir.path()).exit_code == 0);
    const auto zipped = run_revshare("--db r.db import feb.csv.zip", dir.path(), {{"REVSHARE_NOW", "2026-06-01T03:00:00Z"}});
    CHECK(zipped.exit_code == 0);
    CHECK(zipped.out.find("feb.csv.zip:cur/cur-2026-02.csv: already imported as import 1 (cur-2026-02.csv, ") != std::string::npos);
    CHECK(zipped.out.find("feb.csv.zip:EA-2026-02.CSV: imported as import 2 (azure-ea)") != std::string::npos);
    const auto again = run_revshare("--db r.db import feb.csv.zip", dir.path());
    CHECK(again.exit_code == 0);
    CHECK(again.out ==
          "feb.csv.zip:cur/: skipped: a folder\n"
          "feb.csv.zip:manifest.json: skipped: not a CSV file (revshare imports the members whose name ends in .csv)\n"
          "feb.csv.zip:cur/cur-2026-02.csv: already imported as import 1 (cur-2026-02.csv, " +
              query_value(dir / "r.db", "SELECT imported_at FROM import WHERE import_id = 1") +
              "); nothing changed\n"
              "feb.csv.zip:EA-2026-02.CSV: already imported as import 2 (feb.csv.zip:EA-2026-02.CSV, 2026-06-01T03:00:00Z); "
              "nothing changed\n");
    copy_fixture("exports/azure-ea/ea-2026-02.csv", dir.path());
    const auto plain = run_revshare("--db r.db import ea-2026-02.csv", dir.path());
    CHECK(plain.out == "ea-2026-02.csv: already imported as import 2 (feb.csv.zip:EA-2026-02.CSV, 2026-06-01T03:00:00Z); "
                       "nothing changed\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "2");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM line") == "64");
}

TEST_CASE("Zip import: verify and verify --deep pass; imports, show-line and supersessions name the member") {
    ScratchDir dir;
    write_zip(dir / "feb.csv.zip", february_zip_members);
    REQUIRE(run_revshare("--db r.db --quiet import feb.csv.zip", dir.path()).exit_code == 0);
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK(verified.exit_code == 0);
    CHECK(verified.out.rfind("verified: 2 imports, ", 0) == 0);
    const auto deep = run_revshare("--db r.db verify --deep", dir.path());
    CHECK(deep.exit_code == 0);
    CHECK(deep.out.find("every import's stored lines and quarantined rows are what its archived delivery gives") !=
          std::string::npos);
    const auto imports = run_revshare("--db r.db imports", dir.path());
    CHECK(imports.out.find("  feb.csv.zip:cur/cur-2026-02.csv\n") != std::string::npos);
    CHECK(imports.out.find("  feb.csv.zip:EA-2026-02.CSV\n") != std::string::npos);
    const auto shown = run_revshare("--db r.db show-line --import 1 --line 2", dir.path());
    CHECK(shown.exit_code == 0);
    CHECK(shown.out.rfind("feb.csv.zip:cur/cur-2026-02.csv:2 (import 1, archived as ", 0) == 0);

    // A restatement delivered plain names the zip's member it supersedes.
    copy_fixture("exports/aws-cur/cur-2026-03.csv", dir.path());
    write_zip(dir / "mar.zip", {fixture_member("a/cur-2026-03.restated.csv", "aws-cur/cur-2026-03.restated.csv")});
    REQUIRE(run_revshare("--db r.db --quiet import mar.zip", dir.path()).exit_code == 0);
    const auto restated = run_revshare("--db r.db import cur-2026-03.csv", dir.path());
    CHECK(restated.out.find("  supersedes import 3 (mar.zip:a/cur-2026-03.restated.csv) for AWS billing account") !=
          std::string::npos);
    CHECK(run_revshare("--db r.db verify --deep", dir.path()).exit_code == 0);
}

TEST_CASE("Zip import: a zip that cannot be read, has no CSV, a zip-slip name or an encrypted CSV is refused whole") {
    ScratchDir dir;
    const std::string csv = read_file(fixtures_dir() / "exports/aws-cur/cur-2026-02.csv");
    write_file(dir / "plain.csv.zip", csv);  // a CSV named as a zip
    write_zip(dir / "none.zip", {Member{"reports/", "", true}, Member{"manifest.json", "{}"}});
    write_zip(dir / "empty.zip", {});
    write_zip(dir / "slip.zip", {Member{"ok.csv", csv}, Member{"../evil.csv", csv}});
    write_zip(dir / "absolute.zip", {Member{"/etc/evil.csv", csv}});
    write_zip(dir / "windows.zip", {Member{"a\\..\\..\\evil.csv", csv}});
    write_zip(dir / "locked.zip", {Member{"cur.csv", csv}}, ZipOptions{.stored = false, .passphrase = "secret"});
    struct Case {
        std::string file;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"plain.csv.zip", "plain.csv.zip: cannot be read as a zip: Unrecognized archive format; a zip delivery must be a "
                          "zip file (a name ending in .zip says it is one)"},
        {"none.zip", "none.zip: the zip holds no CSV file (its members: reports/, manifest.json); revshare imports the "
                     "members whose name ends in .csv"},
        {"empty.zip", "empty.zip: the zip holds no CSV file (it has no member); revshare imports the members whose name "
                      "ends in .csv"},
        {"slip.zip", "slip.zip: member '../evil.csv': it climbs out of the zip's folder ('..'); a zip whose members would "
                     "unpack outside its folder (a \"zip slip\") is not read: ask for the delivery again"},
        {"absolute.zip", "absolute.zip: member '/etc/evil.csv': it is an absolute path; a zip whose members would unpack "
                         "outside its folder (a \"zip slip\") is not read: ask for the delivery again"},
        // libarchive reads a Windows zip's '\\' as '/'.
        {"windows.zip", "windows.zip: member 'a/../../evil.csv': it climbs out of the zip's folder ('..'); a zip whose "
                        "members would unpack outside its folder (a \"zip slip\") is not read: ask for the delivery again"},
        {"locked.zip", "locked.zip: member cur.csv is encrypted; revshare takes no passwords: unzip it and import the CSV"},
    };
    for (const auto& refused : cases) {
        CAPTURE(refused.file);
        const auto result = run_revshare("--db r.db import " + refused.file, dir.path());
        CHECK(result.exit_code == 2);
        CHECK(result.out == "");
        CHECK(result.err == "revshare: error: " + refused.message + "\n" + refused.file + ": refused; nothing was imported\n");
    }
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "0");
    CHECK(!fs::exists(dir.path().parent_path() / "evil.csv"));
}

TEST_CASE("Zip import: a damaged member names the zip and the member; the members before it stay imported") {
    ScratchDir dir;
    const std::string first = read_file(fixtures_dir() / "exports/aws-cur/cur-2026-02.csv");
    const std::string second = read_file(fixtures_dir() / "exports/azure-ea/ea-2026-02.csv");
    write_zip(dir / "ok.zip", {Member{"a.csv", first}, Member{"b.csv", second}, Member{"c.csv", second + "\n"}},
              ZipOptions{.stored = true, .passphrase = ""});
    std::string bytes = read_file(dir / "ok.zip");
    const auto at = bytes.find(second.substr(2000, 40));  // inside b.csv's stored bytes
    REQUIRE(at != std::string::npos);
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);  // the CRC no longer matches
    write_file(dir / "damaged.zip", damaged);
    fs::create_directories(dir / "tmp");
    const auto result = run_revshare("--db r.db import damaged.zip", dir.path(), {{"TMPDIR", (dir / "tmp").string()}});
    CHECK(result.exit_code == 2);
    CHECK(result.out == "damaged.zip:a.csv: imported as import 1 (aws-cur): 27 rows read, 27 lines, 0 quarantined\n");
    CHECK(result.err.rfind("revshare: error: damaged.zip:b.csv: the member cannot be unzipped: ZIP bad CRC", 0) == 0);
    CHECK(result.err.ends_with("; the zip is damaged, truncated or encrypted: deliver it again, or unzip it and import "
                               "the CSV\ndamaged.zip:b.csv: refused; nothing was imported\n"
                               "damaged.zip:c.csv: refused; nothing was imported\n"));
    CHECK(query_value(dir / "r.db", "SELECT group_concat(member_name) FROM import") == "a.csv");
    CHECK(fs::is_empty(dir / "tmp"));  // the members were unzipped there, and removed

    // Cut off in b.csv: the zip has no central directory, and reading its members stops there.
    write_file(dir / "truncated.zip", bytes.substr(0, at));
    const auto truncated = run_revshare("--db t.db import truncated.zip", dir.path());
    CHECK(truncated.exit_code == 2);
    CHECK(truncated.out == "");
    CHECK(truncated.err.rfind("revshare: error: truncated.zip: the zip is damaged or truncated after member b.csv: ", 0) == 0);
    CHECK(truncated.err.ends_with("\ntruncated.zip: refused; nothing was imported\n"));
    CHECK(query_value(dir / "t.db", "SELECT count(*) FROM import") == "0");
}
