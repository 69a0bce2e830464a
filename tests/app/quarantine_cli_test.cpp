// `revshare quarantine [--import ID] [--since DATE] [--csv FILE]` (issue 24): every quarantined
// row with its place, code and delivered bytes (escaped), resolved or not; and nightly's count
// of the unresolved ones.
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace revshare::testing;

namespace {

using Environment = std::vector<std::pair<std::string, std::string>>;
const Environment june_first = {{"REVSHARE_NOW", "2026-06-01T03:00:00Z"}};
const Environment june_second = {{"REVSHARE_NOW", "2026-06-02T03:00:00Z"}};

// cur-2026-03.csv's header and first two rows, then the given rows.
std::string cur_march_with(const std::vector<std::string>& rows) {
    const std::string march = read_file(fixtures_dir() / "exports/aws-cur/cur-2026-03.csv");
    std::size_t end = 0;
    for (int i = 0; i < 3; ++i) end = march.find('\n', end) + 1;
    std::string text = march.substr(0, end);
    for (const auto& row : rows) text += row + "\n";
    return text;
}

// cur-2026-03.csv with the cost of its 5th line broken ("12,5x" quoted): one row quarantined.
std::string cur_march_one_bad_cost() {
    std::string march = read_file(fixtures_dir() / "exports/aws-cur/cur-2026-03.csv");
    std::size_t start = 0;
    for (int i = 0; i < 4; ++i) start = march.find('\n', start) + 1;
    const std::size_t end = march.find('\n', start);
    std::string row = march.substr(start, end - start);
    const std::string cost = ",USD,";
    const std::size_t at = row.find(cost);
    REQUIRE(at != std::string::npos);
    const std::size_t rate_end = row.find(',', at + cost.size());
    const std::size_t cost_end = row.find(',', rate_end + 1);
    row.replace(rate_end + 1, cost_end - rate_end - 1, "\"12,5x\"");
    return march.substr(0, start) + row + march.substr(end);
}

bool has_raw_control_bytes(const std::string& text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && byte != '\n') || byte == 0x7F || byte >= 0x80) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("Quarantine: the fixture's three rows, listed with their place, code and delivered bytes; as CSV too") {
    ScratchDir dir;
    copy_fixture("exports/aws-cur/cur-2026-05.csv", dir.path());
    REQUIRE(run_revshare("--db r.db import cur-2026-05.csv", dir.path(), june_first).exit_code == 1);
    const auto listed = run_revshare("--db r.db quarantine", dir.path());
    CHECK(listed.exit_code == 0);
    CHECK(listed.err.empty());
    CHECK(listed.out ==
          "import 1 cur-2026-05.csv (aws-cur, imported 2026-06-01T03:00:00Z): 3 quarantined rows, unresolved\n"
          "  cur-2026-05.csv:19:23: error[bad-number]: lineItem/UnblendedCost: '12,5x' is not a number (unexpected "
          "character ',')\n"
          "    delivered: zu2q5qklyvu7f73i36ss2tyjtc6bqq67mfuw2y5ziiav7fl5mjdd,2026-05-12T00:00:00Z/2026-05-13T00:00:00Z,,"
          "\"Amazon Web Services, Inc.\",AWS,Anniversary,111122223333,2026-05-01T00:00:00.000Z,2026-06-01T00:00:00.00... "
          "(770 bytes kept; --csv FILE writes them whole)\n"
          "  cur-2026-05.csv:54:12: error[bad-date]: lineItem/UsageStartDate: '2026-02-30T00:00:00Z' is not a valid date\n"
          "    delivered: gpr36jrsvdl6dm4ep2x54tipuxhxtuxdohbcw5dhcyipfvp3tcsj,2026-05-14T00:00:00Z/2026-05-15T00:00:00Z,,"
          "\"Amazon Web Services, Inc.\",AWS,Anniversary,111122223333,2026-05-01T00:00:00.000Z,2026-06-01T00:00:00.00... "
          "(775 bytes kept; --csv FILE writes them whole)\n"
          "  cur-2026-05.csv:90: error[column-count]: expected 96 columns (as in the header), found 95\n"
          "    delivered: kbmo4hxmpop2eq74lnqsfgn2zbauiwfvfrktp3gknisblu67z7vw,2026-05-20T00:00:00Z/2026-05-21T00:00:00Z,,"
          "\"Amazon Web Services, Inc.\",AWS,Anniversary,111122223333,2026-05-01T00:00:00.000Z,2026-06-01T00:00:00.00... "
          "(773 bytes kept; --csv FILE writes them whole)\n"
          "3 quarantined rows in 1 import: 3 unresolved, 0 resolved\n");
    // The same twice (no clock in it), and the same for --import 1 and --since its day.
    CHECK(run_revshare("--db r.db quarantine", dir.path()).out == listed.out);
    CHECK(run_revshare("--db r.db quarantine --import 1", dir.path()).out == listed.out);
    CHECK(run_revshare("--db r.db quarantine --since 2026-06-01", dir.path()).out == listed.out);
    const auto later = run_revshare("--db r.db quarantine --since=2026-06-02", dir.path());
    CHECK(later.exit_code == 0);
    CHECK(later.out == "no quarantined rows in imports made on or after 2026-06-02\n");

    const auto csv = run_revshare("--db r.db quarantine --csv q.csv", dir.path());
    CHECK(csv.exit_code == 0);
    CHECK(csv.out == "q.csv: 3 quarantined rows (3 unresolved)\n");
    const std::string written = read_file(dir / "q.csv");
    CHECK(written.rfind("import_id,file,format,imported_at,line,column,field,code,reason,delivered,bytes_kept,status,"
                        "restated_by\n"
                        "1,cur-2026-05.csv,aws-cur,2026-06-01T03:00:00Z,19,23,lineItem/UnblendedCost,bad-number,"
                        "\"lineItem/UnblendedCost: '12,5x' is not a number (unexpected character ',')\",\""
                        "zu2q5qklyvu7f73i36ss2tyjtc6bqq67mfuw2y5ziiav7fl5mjdd,",
                        0) == 0);
    CHECK(written.find(",770,unresolved,\n1,cur-2026-05.csv,aws-cur,2026-06-01T03:00:00Z,54,12,") != std::string::npos);
    CHECK(written.find("\n1,cur-2026-05.csv,aws-cur,2026-06-01T03:00:00Z,90,0,,column-count,") != std::string::npos);
    CHECK(written.ends_with(",prod,platform\",773,unresolved,\n"));
    CHECK(run_revshare("--db r.db quarantine --csv q.csv", dir.path()).exit_code == 0);
    CHECK(read_file(dir / "q.csv") == written);
}

TEST_CASE("Quarantine: ESC, tab, NUL, a backslash, bytes that are not UTF-8 and a formula never reach the terminal raw") {
    ScratchDir dir;
    const std::string commas(93, ',');
    write_file(dir / "hostile.csv", cur_march_with({"esc\x1b[31mred,tab\there,back\\slash" + commas,
                                                    std::string("nul\0byte", 8) + commas + ",,",
                                                    "bad\xff\xfeutf8" + commas + ",,,",
                                                    "=cmd|calc" + std::string(5000, 'x')}));
    REQUIRE(run_revshare("--db r.db import hostile.csv", dir.path(), june_first).exit_code == 1);
    const auto listed = run_revshare("--db r.db quarantine", dir.path());
    CHECK(listed.exit_code == 0);
    CHECK_FALSE(has_raw_control_bytes(listed.out));
    CHECK(listed.out.find("\n  hostile.csv:4:11: error[unknown-charge-type]: lineItem/LineItemType: unknown line item "
                          "type ''\n    delivered: esc\\x1B[31mred,tab\\x09here,back\\\\slash" + commas + "\n") !=
          std::string::npos);
    CHECK(listed.out.find("\n  hostile.csv:5:1: error[nul-in-field]: a NUL byte (\\x00) in column identity/LineItemId "
                          "(field 1): no text may hold one (the text would be cut there)\n    delivered: nul\\x00byte" +
                          commas + ",,\n") != std::string::npos);
    CHECK(listed.out.find("\n  hostile.csv:6: error[invalid-utf8]: the record is not valid UTF-8\n    delivered: "
                          "bad\\xFF\\xFEutf8" + commas + ",,,\n") != std::string::npos);
    // The long row: its first 200 bytes, how many the quarantine kept, and where the whole row is.
    CHECK(listed.out.find("\n  hostile.csv:7: error[column-count]: expected 96 columns (as in the header), found 1\n"
                          "    delivered: =cmd|calc" + std::string(191, 'x') + "... (4096 bytes kept; --csv FILE writes "
                          "them whole; the row may be longer: revshare show-line --import 1 --line 7 reads it from the "
                          "archive)\n") != std::string::npos);
    CHECK(listed.out.substr(listed.out.rfind("\n", listed.out.size() - 2) + 1) ==
          "4 quarantined rows in 1 import: 4 unresolved, 0 resolved\n");

    REQUIRE(run_revshare("--db r.db quarantine --csv q.csv", dir.path()).exit_code == 0);
    const std::string csv = read_file(dir / "q.csv");
    CHECK_FALSE(has_raw_control_bytes(csv));
    CHECK(csv.find(",\"esc\\x1B[31mred,tab\\x09here,back\\\\slash" + commas + "\",124,unresolved,\n") != std::string::npos);
    // Every byte kept, escaped; the formula-looking cell is neutralised as in every report.
    CHECK(csv.find(",'=cmd|calc" + std::string(4087, 'x') + ",4096,unresolved,\n") != std::string::npos);
}

TEST_CASE("Quarantine: a row is resolved once a later import delivers every scope of its import again") {
    ScratchDir dir;
    write_file(dir / "cur-2026-03.csv", cur_march_one_bad_cost());
    copy_fixture("exports/aws-cur/cur-2026-03.restated.csv", dir.path());
    REQUIRE(run_revshare("--db r.db import cur-2026-03.csv", dir.path(), june_first).exit_code == 1);
    const auto before = run_revshare("--db r.db quarantine", dir.path());
    CHECK(before.out.rfind("import 1 cur-2026-03.csv (aws-cur, imported 2026-06-01T03:00:00Z): 1 quarantined row, "
                           "unresolved\n  cur-2026-03.csv:5:23: error[bad-number]: ",
                           0) == 0);
    CHECK(before.out.substr(before.out.rfind('\n', before.out.size() - 2) + 1) ==
          "1 quarantined row in 1 import: 1 unresolved, 0 resolved\n");
    REQUIRE(run_revshare("--db r.db import cur-2026-03.restated.csv", dir.path(), june_second).exit_code == 0);
    const auto after = run_revshare("--db r.db quarantine", dir.path());
    CHECK(after.out.rfind("import 1 cur-2026-03.csv (aws-cur, imported 2026-06-01T03:00:00Z): 1 quarantined row, "
                          "resolved: import 2 delivered every scope of import 1 again\n",
                          0) == 0);
    CHECK(after.out.substr(after.out.rfind('\n', after.out.size() - 2) + 1) ==
          "1 quarantined row in 1 import: 0 unresolved, 1 resolved\n");
    REQUIRE(run_revshare("--db r.db quarantine --csv q.csv", dir.path()).exit_code == 0);
    CHECK(read_file(dir / "q.csv").find(",resolved,2\n") != std::string::npos);
    CHECK(run_revshare("--db r.db quarantine --import 2", dir.path()).out == "no quarantined rows in import 2\n");
}

TEST_CASE("Quarantine: nightly counts the unresolved rows every night until a restatement resolves them") {
    ScratchDir dir;
    REQUIRE(run_revshare("--db r.db contract add '" + (fixtures_dir() / "contracts/openai-microsoft.toml").string() + "'",
                         dir.path(), june_first)
                .exit_code == 0);
    write_file(dir / "inbox/cur-2026-03.csv", cur_march_one_bad_cost());
    const auto first = run_revshare("--db r.db nightly --inbox inbox --out out", dir.path(), june_first);
    CHECK(first.exit_code == 1);
    CHECK(first.out.find("\n  rows quarantined: 1\n  quarantined rows still unresolved (every import so far): 1 "
                         "(revshare quarantine lists them)\n") != std::string::npos);
    CHECK(read_file(dir / "out/run-summary.json").find("\n  \"rows_quarantined\": 1,\n") != std::string::npos);
    CHECK(read_file(dir / "out/run-summary.json").ends_with("\n  \"quarantined_unresolved\": 1\n}\n"));
    // The next night imports nothing: the row is still unresolved, and said so (exit 0: nothing new).
    const auto second = run_revshare("--db r.db nightly --inbox inbox --out out", dir.path(), june_second);
    CHECK(second.exit_code == 0);
    CHECK(second.out.find("\n  rows quarantined: 0\n  quarantined rows still unresolved (every import so far): 1 "
                          "(revshare quarantine lists them)\n") != std::string::npos);
    CHECK(read_file(dir / "out/run-summary.json").find("\n  \"rows_quarantined\": 0,\n") != std::string::npos);
    CHECK(read_file(dir / "out/run-summary.json").ends_with("\n  \"quarantined_unresolved\": 1\n}\n"));
    // AWS restates March: the row is resolved, and the summary no longer mentions it.
    copy_fixture("exports/aws-cur/cur-2026-03.restated.csv", dir / "inbox");
    const auto third = run_revshare("--db r.db nightly --inbox inbox --out out", dir.path(), june_second);
    CHECK(third.out.find("\n  rows quarantined: 0\n  periods settled: ") != std::string::npos);
    CHECK(read_file(dir / "out/run-summary.json").find("\n  \"rows_quarantined\": 0,\n") != std::string::npos);
    CHECK(read_file(dir / "out/run-summary.json").ends_with("\n  \"quarantined_unresolved\": 0\n}\n"));
}

TEST_CASE("Quarantine: a bad --import or --since is refused (exit 2) with what was expected") {
    ScratchDir dir;
    copy_fixture("exports/aws-cur/cur-2026-05.csv", dir.path());
    REQUIRE(run_revshare("--db r.db import cur-2026-05.csv", dir.path(), june_first).exit_code == 1);
    const auto missing = run_revshare("--db r.db quarantine --import 9", dir.path());
    CHECK(missing.exit_code == 2);
    CHECK(missing.out.empty());
    CHECK(missing.err == "revshare: error: quarantine: no import 9 (see revshare imports)\n");
    for (const std::string bad : {"0", "-1", "abc", "1x", "99999999999999999999", ""}) {
        CAPTURE(bad);
        const auto refused = run_revshare("--db r.db quarantine '--import=" + bad + "'", dir.path());
        CHECK(refused.exit_code == 2);
        CHECK(refused.err == "revshare: quarantine: --import expects an import id, a positive whole number (see revshare "
                             "imports), got '" + bad + "'\n");
    }
    const auto escaped = run_revshare("--db r.db quarantine --import \"$(printf '\\033[2J')\"", dir.path());
    CHECK(escaped.exit_code == 2);
    CHECK(escaped.err == "revshare: quarantine: --import expects an import id, a positive whole number (see revshare "
                         "imports), got '\\x1B[2J'\n");
    for (const std::string bad : {"2026-02-30", "2026-06", "01/06/2026", "tomorrow"}) {
        CAPTURE(bad);
        const auto refused = run_revshare("--db r.db quarantine --since " + bad, dir.path());
        CHECK(refused.exit_code == 2);
        CHECK(refused.err == "revshare: quarantine: --since expects a date YYYY-MM-DD (UTC), got '" + bad + "'\n");
    }
    const auto twice = run_revshare("--db r.db quarantine --import 1 --import 1", dir.path());
    CHECK(twice.exit_code == 2);
    CHECK(twice.err == "revshare: quarantine: --import is given twice; give it once\n");
    const auto positional = run_revshare("--db r.db quarantine cur-2026-05.csv", dir.path());
    CHECK(positional.exit_code == 2);
    CHECK(positional.err == "revshare: quarantine: takes no other arguments than its options\n");
    const auto unknown = run_revshare("--db r.db quarantine --out x.csv", dir.path());
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err == "revshare: quarantine: unknown option --out\n");
}
