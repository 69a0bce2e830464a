// Input shown on a terminal (printable) and in a report's text cell (utf8_escaped): a file name
// is any bytes; a terminal must not get escape sequences, a CSV or workbook must be UTF-8.
#include "engine/core/diagnostic.hpp"

#include <doctest/doctest.h>

using revshare::printable;
using revshare::utf8_escaped;

TEST_CASE("printable: control characters and bytes that are not UTF-8 as \\xNN; UTF-8 text as it is") {
    CHECK(printable("cur-2026-05.csv") == "cur-2026-05.csv");
    CHECK(printable("Ma\xC3\xA7\xC3\xA3.csv") == "Ma\xC3\xA7\xC3\xA3.csv");
    CHECK(printable("a\nb\x1B[2Jc\x7F") == "a\\x0Ab\\x1B[2Jc\\x7F");
    CHECK(printable(std::string("x\0y", 3)) == "x\\x00y");
    CHECK(printable("x\xFF\xC3.csv") == "x\\xFF\\xC3.csv");  // a stray byte; a sequence cut short
}

TEST_CASE("utf8_escaped: only the bytes that are not UTF-8 as \\xNN; control characters stay for the CSV to quote") {
    CHECK(utf8_escaped("cur-2026-05.csv") == "cur-2026-05.csv");
    CHECK(utf8_escaped("Ma\xC3\xA7\xC3\xA3.csv") == "Ma\xC3\xA7\xC3\xA3.csv");
    CHECK(utf8_escaped("a\nb\tc") == "a\nb\tc");
    CHECK(utf8_escaped("x\xFF.csv") == "x\\xFF.csv");
    CHECK(utf8_escaped("\xC3") == "\\xC3");                      // cut short at the end
    CHECK(utf8_escaped("\xED\xA0\x80") == "\\xED\\xA0\\x80");    // a UTF-16 surrogate is not UTF-8
    CHECK(utf8_escaped("\xF0\x9F\x98\x80!") == "\xF0\x9F\x98\x80!");
}
