// Names and bytes from input that a terminal or a parser would misread: a file name with ESC
// or a newline is printed escaped by every command (import, imports, log, nightly, show-line,
// error messages) and run-summary.json stays valid JSON; a NUL byte in a field quarantines its
// row naming the column; a file with CR-only line ends is refused as such.
#include "tests/hardening/hardening_support.hpp"

using namespace revshare;
using namespace revshare::testing;
using namespace revshare::testing::hardening;

namespace {

// A name with ESC (a colour escape), a newline and a byte that is not UTF-8.
const std::string hostile_name = "red\x1b[31m\nline\xff.csv";
const std::string hostile_shown = "red\\x1B[31m\\x0Aline\\xFF.csv";

bool has_control_or_stray_byte(const std::string& output) {
    for (std::size_t i = 0; i < output.size(); ++i) {
        const auto c = static_cast<unsigned char>(output[i]);
        if (c == 0x1b || c == 0xff || c == '\r' || c == 0) return true;
    }
    return false;
}

std::string cur_february() { return read_file(fixtures_dir() / "exports/aws-cur/cur-2026-02.csv"); }

// The 1-based number of `column` in the header line of `content`.
std::size_t column_number(const std::string& content, const std::string& column) {
    const std::string header = content.substr(0, content.find('\n'));
    std::size_t number = 1;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = header.find(',', start);
        if (header.substr(start, comma - start) == column) return number;
        REQUIRE(comma != std::string::npos);
        start = comma + 1;
        ++number;
    }
}


}  // namespace

TEST_CASE("Hostile names: a file name with ESC, newline and a stray byte is printed escaped by every command") {
    ScratchDir dir;
    write_file(dir / hostile_name, cur_february());
    const auto imported = run_child({"--db", "r.db", "import", hostile_name}, dir.path());
    CHECK(imported.exit_code == 0);
    CHECK(imported.out == hostile_shown + ": imported as import 1 (aws-cur): 27 rows read, 27 lines, 0 quarantined\n");

    const auto again = run_child({"--db", "r.db", "import", hostile_name}, dir.path());
    CHECK(again.out == hostile_shown + ": already imported as import 1 (" + hostile_shown +
                           ", 2026-06-01T03:00:00Z); nothing changed\n");

    const auto imports = run_child({"--db", "r.db", "imports"}, dir.path());
    CHECK(imports.out.substr(imports.out.size() - hostile_shown.size() - 1) == hostile_shown + "\n");
    CHECK_FALSE(has_control_or_stray_byte(imports.out));

    const auto log = run_child({"--db", "r.db", "log"}, dir.path());
    CHECK(log.out.find("revshare import 'red\\x1B[31m\\x0Aline\\xFF.csv'\n") != std::string::npos);
    CHECK_FALSE(has_control_or_stray_byte(log.out));

    const auto shown = run_child({"--db", "r.db", "show-line", "--import", "1", "--line", "2"}, dir.path());
    CHECK(shown.out.rfind(hostile_shown + ":2 (import 1, archived as ", 0) == 0);

    const auto missing = run_child({"--db", "r.db", "import", "gone\x1b[2J.csv"}, dir.path());
    CHECK(missing.exit_code == 2);
    CHECK(missing.err == "revshare: error: gone\\x1B[2J.csv: cannot open: No such file or directory\n"
                         "gone\\x1B[2J.csv: refused; nothing was imported\n");
}

TEST_CASE("Hostile names: nightly prints an inbox file's name escaped and writes it into valid JSON") {
    ScratchDir dir;
    fs::create_directories(dir / "inbox");
    set_up_contract(dir.path());
    write_file(dir / "inbox" / hostile_name, cur_february());
    write_file(dir / "inbox/broken\x1b.csv", "not,an,export\n1,2,3\n");
    const auto nightly = run_child({"--db", "r.db", "nightly", "--inbox", "inbox", "--out", "out"}, dir.path());
    CHECK(nightly.exit_code == 1);
    CHECK(nightly.out.find("inbox/" + hostile_shown + ": imported as import 1 (aws-cur)") != std::string::npos);
    CHECK(nightly.err.find("inbox/broken\\x1B.csv: refused; nothing was imported\n") != std::string::npos);
    CHECK_FALSE(has_control_or_stray_byte(nightly.out));
    CHECK_FALSE(has_control_or_stray_byte(nightly.err));
    const std::string summary = read_file(dir / "out/run-summary.json");
    // A name that is not UTF-8 (JSON cannot hold its stray byte) as printed: red\x1B[31m\x0Aline\xFF.csv;
    // a UTF-8 name exactly, its control characters as JSON escapes.
    CHECK(summary.find("{\"file\": \"red\\\\x1B[31m\\\\x0Aline\\\\xFF.csv\", \"status\": \"imported\"") !=
          std::string::npos);
    CHECK(summary.find("{\"file\": \"broken\\u001b.csv\", \"status\": \"refused\"}") != std::string::npos);
    CHECK_FALSE(has_control_or_stray_byte(summary));
}

TEST_CASE("Hostile bytes: a NUL in a field quarantines the row, naming the column; other rows import") {
    ScratchDir dir;
    std::string content = cur_february();
    const std::size_t third_line = content.find('\n', content.find('\n') + 1) + 1;
    const std::size_t column = column_number(content, "bill/PayerAccountId");
    // The payer account of the row on line 3 gets a NUL inside it.
    const std::size_t account = content.find(",111122223333,", third_line);
    REQUIRE(account < content.find('\n', third_line));
    content.insert(account + 5, std::string(1, '\0'));
    write_file(dir / "nul.csv", content);

    const auto imported = run_child({"--db", "r.db", "import", "nul.csv"}, dir.path());
    CHECK(imported.exit_code == 1);
    CHECK(imported.out == "nul.csv: imported as import 1 (aws-cur): 27 rows read, 26 lines, 1 quarantined\n"
                          "  quarantined: 1 nul-in-field\n");
    CHECK(imported.err.rfind("nul.csv:3:" + std::to_string(column) +
                                 ": error[nul-in-field]: a NUL byte (\\x00) in column bill/PayerAccountId (field " +
                                 std::to_string(column) + "): no text may hold one (the text would be cut there)\n    ",
                             0) == 0);
    CHECK_FALSE(has_control_or_stray_byte(imported.err));
    CHECK(query_value(dir / "r.db", "SELECT source_line || ' ' || column_number || ' ' || field || ' ' || code FROM quarantine") ==
          "3 " + std::to_string(column) + " bill/PayerAccountId nul-in-field");
    // No account was stored cut at the NUL: one payer account, as in the file.
    CHECK(query_value(dir / "r.db", "SELECT count(DISTINCT scope_key) FROM import_scope") == "1");
}

TEST_CASE("Hostile bytes: a file with CR-only line ends is refused as such, by import and fx import") {
    ScratchDir dir;
    std::string content = cur_february();
    for (char& c : content) c = c == '\n' ? '\r' : c;
    write_file(dir / "mac.csv", content);
    const auto refused = run_child({"--db", "r.db", "import", "mac.csv"}, dir.path());
    CHECK(refused.exit_code == 2);
    CHECK(refused.out == "");
    CHECK(refused.err.rfind("mac.csv:1: error[cr-line-ends]: the file's lines end in a carriage return alone (CR, as "
                            "classic Mac OS wrote text), not in a line feed (LF or CRLF): it cannot be read as CSV\n",
                            0) == 0);
    CHECK(refused.err.find("\nhint: convert its line ends to LF, e.g. tr '\\r' '\\n' < FILE > FILE-lf.csv (or save it again "
                           "as CSV UTF-8), and import the converted file\nmac.csv: refused; nothing was imported\n") !=
          std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "0");

    write_file(dir / "fx.csv", "date,base,quote,rate\r2026-01-01,EUR,USD,1.1\r");
    const auto fx = run_child({"--db", "r.db", "fx", "import", "fx.csv"}, dir.path());
    CHECK(fx.exit_code == 2);
    CHECK(fx.err.rfind("fx.csv:1: error[fx-invalid]: the file's lines end in a carriage return alone", 0) == 0);

    // A CRLF file is not CR-only.
    std::string crlf;
    for (const char c : cur_february()) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    write_file(dir / "crlf.csv", crlf);
    CHECK(run_child({"--db", "r.db", "import", "crlf.csv"}, dir.path()).exit_code == 0);
}

TEST_CASE("Hostile names: a delivery whose name is not UTF-8 is reported, its name escaped in every report file") {
    ScratchDir dir;
    fs::create_directories(dir / "inbox");
    set_up_contract(dir.path());
    // Microsoft's February lines are matched by the seed contract: lines.csv names their file.
    write_file(dir / "inbox/ea\xff\xc3.csv", read_file(fixtures_dir() / "exports/azure-ea/ea-2026-02.csv"));
    const auto nightly = run_child({"--db", "r.db", "nightly", "--inbox", "inbox", "--out", "out"}, dir.path());
    CHECK(nightly.exit_code == 0);
    CHECK(nightly.err == "");
    const fs::path folder = dir / "out/openai-microsoft/2026-02";
    CHECK(read_file(folder / "lines.csv").find(",inbox/ea\\xFF\\xC3.csv,") != std::string::npos);
    CHECK(read_file(folder / "reconciliation.csv").find(",inbox/ea\\xFF\\xC3.csv,") != std::string::npos);
    for (const std::string file : {"lines.csv", "reconciliation.csv", "statement.csv", "net.csv", "variance.csv"}) {
        CAPTURE(file);
        CHECK_FALSE(has_control_or_stray_byte(read_file(folder / file)));
    }
    const auto report = run_child({"--db", "r.db", "--quiet", "report", "--period", "2026-02", "--out", "again"}, dir.path());
    CHECK(report.exit_code == 0);
    CHECK(read_file(dir / "again/openai-microsoft/2026-02/lines.csv") == read_file(folder / "lines.csv"));
}
