#include "importers/csv/csv_reader.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace revshare;
using namespace revshare::importers;
using revshare::testing::ScratchDir;
using revshare::testing::write_file;

namespace {
struct Read {
    std::vector<std::vector<std::string>> records;
    std::vector<std::int64_t> lines;
    std::vector<std::string> errors;
};

Read read_all(const std::string& content) {
    ScratchDir dir;
    write_file(dir / "f.csv", content);
    CsvReader reader(open_byte_source((dir / "f.csv").string()), "f.csv");
    Read result;
    CsvRecord record;
    Diagnostic error;
    for (;;) {
        const auto status = reader.next(record, error);
        if (status == CsvReader::Status::end) break;
        if (status == CsvReader::Status::error) {
            result.errors.push_back(error.headline());
            continue;
        }
        result.records.emplace_back(record.fields.begin(), record.fields.end());
        result.lines.push_back(record.line);
    }
    return result;
}
}  // namespace

TEST_CASE("CSV reader: BOM, CRLF, quotes with commas, doubled quotes and newlines") {
    const auto read = read_all("\xEF\xBB\xBF" "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n3,,last");
    REQUIRE(read.records.size() == 4);
    CHECK(read.records[0] == std::vector<std::string>{"a", "b", "c"});
    CHECK(read.records[1] == std::vector<std::string>{"1", "x, y", "say \"hi\""});
    CHECK(read.records[2] == std::vector<std::string>{"2", "two\nlines", ""});
    CHECK(read.records[3] == std::vector<std::string>{"3", "", "last"});
    CHECK(read.lines == std::vector<std::int64_t>{1, 2, 3, 5});  // the record with a newline spans lines 3-4
    CHECK(read.errors.empty());
}

TEST_CASE("CSV reader: malformed records are diagnostics and the reader goes on") {
    const auto read = read_all("a,b\n\"open,1\n");
    CHECK(read.errors == std::vector<std::string>{"f.csv:2: error[unterminated-quote]: a quoted field is not closed before the end of the file"});
    const auto after_quote = read_all("a,b\n\"x\"y,1\n3,4\n");
    CHECK(after_quote.errors == std::vector<std::string>{
        "f.csv:2:1: error[bad-quote]: text after the closing quote of a field (a quote inside a field must be doubled)"});
    REQUIRE(after_quote.records.size() == 2);
    CHECK(after_quote.records[1] == std::vector<std::string>{"3", "4"});
    const auto invalid = read_all("a,b\n\xC3\x28,1\nok,2\n");
    CHECK(invalid.errors == std::vector<std::string>{"f.csv:2: error[invalid-utf8]: the record is not valid UTF-8"});
    CHECK(invalid.records.size() == 2);
}

TEST_CASE("CSV reader: a 10 MB field and 10,000 columns are refused, the next record still reads") {
    std::string big = "a,b\n" + std::string(10 * 1024 * 1024, 'x') + ",1\n2,3\n";
    const auto read = read_all(big);
    CHECK(read.errors == std::vector<std::string>{"f.csv:2: error[record-too-long]: record longer than 1048576 bytes"});
    REQUIRE(read.records.size() == 2);
    CHECK(read.records[1] == std::vector<std::string>{"2", "3"});
    std::string wide = "a\n";
    for (int i = 0; i < 10000; ++i) wide += "x,";
    wide += "x\nlast\n";
    const auto columns = read_all(wide);
    CHECK(columns.errors == std::vector<std::string>{"f.csv:2: error[too-many-columns]: more than 2048 columns"});
    CHECK(columns.records.back() == std::vector<std::string>{"last"});
}

TEST_CASE("CSV reader: UTF-8 validation") {
    CHECK(is_valid_utf8("plain ascii text, long enough for the 8-byte path"));
    CHECK(is_valid_utf8("Zürich – 東京 – 🙂"));
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    CHECK_FALSE(is_valid_utf8("abc\xE2\x82"));       // truncated
}

TEST_CASE("CSV reader: records across the 1 MiB refill boundary keep their fields and line numbers") {
    // 40,000 records of about 60 bytes: several refills of the reader's 1 MiB buffer land
    // inside plain fields, inside quoted fields and between a CR and its LF.
    std::string content = "id,text,amount\r\n";
    std::vector<std::vector<std::string>> expected;
    std::vector<std::int64_t> expected_lines;
    std::int64_t line = 2;
    for (int i = 0; i < 40000; ++i) {
        const std::string id = std::to_string(i);
        if (i % 7 == 3) {
            content += id + ",\"two\nlines, \"\"quoted\"\" " + id + "\",-" + id + ".25\r\n";
            expected.push_back({id, "two\nlines, \"quoted\" " + id, "-" + id + ".25"});
            expected_lines.push_back(line);
            line += 2;
        } else {
            content += id + ",plain text of record " + id + " with some padding," + id + ".5\n";
            expected.push_back({id, "plain text of record " + id + " with some padding", id + ".5"});
            expected_lines.push_back(line);
            line += 1;
        }
    }
    REQUIRE(content.size() > 2 * 1024 * 1024);
    const auto read = read_all(content);
    CHECK(read.errors.empty());
    REQUIRE(read.records.size() == expected.size() + 1);
    CHECK(read.records[0] == std::vector<std::string>{"id", "text", "amount"});
    CHECK(std::equal(expected.begin(), expected.end(), read.records.begin() + 1));
    CHECK(std::equal(expected_lines.begin(), expected_lines.end(), read.lines.begin() + 1));
}

TEST_CASE("CSV reader: 2048 columns read, 2049 do not; a trailing comma adds one empty field") {
    std::string exactly;
    for (int i = 0; i < 2047; ++i) exactly += "x,";
    exactly += "x";
    const auto fits = read_all(exactly + "\n" + exactly + ",\n" + exactly + ",y\n");
    REQUIRE(fits.records.size() == 2);
    CHECK(fits.records[0].size() == 2048);
    CHECK(fits.records[1].size() == 2049);  // the trailing comma's empty field is not a column too many
    CHECK(fits.records[1].back().empty());
    CHECK(fits.errors == std::vector<std::string>{"f.csv:3: error[too-many-columns]: more than 2048 columns"});
    const auto quoted = read_all("\"" + exactly + "\"," + exactly + "\n");  // same through the quoted path
    CHECK(quoted.errors == std::vector<std::string>{"f.csv:1: error[too-many-columns]: more than 2048 columns"});
}
