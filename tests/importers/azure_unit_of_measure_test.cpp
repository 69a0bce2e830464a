// parse_unit_of_measure: Azure block sizes (forms from the finops-toolkit PricingUnits table).
#include "importers/azure/unit_of_measure.hpp"

#include <doctest/doctest.h>

using revshare::importers::parse_unit_of_measure;

namespace {
// "block|unit", or "none" when the text is not understood.
std::string parsed(std::string_view text) {
    const auto unit = parse_unit_of_measure(text);
    return unit ? std::to_string(unit->block_size) + "|" + unit->unit : "none";
}
}  // namespace

TEST_CASE("Azure unit of measure: a number and a unit") {
    CHECK(parsed("1 Hour") == "1|Hour");
    CHECK(parsed("100 Hours") == "100|Hours");
    CHECK(parsed("1 GB") == "1|GB");
    CHECK(parsed("1 GB/Month") == "1|GB/Month");
    CHECK(parsed("10 GiB/Month") == "10|GiB/Month");
    CHECK(parsed("10000 1,000s") == "10000|1,000s");
    CHECK(parsed("1000000 Transactions") == "1000000|Transactions");
    CHECK(parsed("1 小时") == "1|小时");
}

TEST_CASE("Azure unit of measure: K, M and B suffixes") {
    CHECK(parsed("1K") == "1000|Units");
    CHECK(parsed("10K") == "10000|Units");
    CHECK(parsed("100K") == "100000|Units");
    CHECK(parsed("1M") == "1000000|Units");
    CHECK(parsed("10M") == "10000000|Units");
    CHECK(parsed("1B") == "1000000000|Units");
    CHECK(parsed("10K Transactions") == "10000|Transactions");
    CHECK(parsed("10K/Month") == "10000|Units/Month");
    CHECK(parsed("1K/Hour") == "1000|Units/Hour");
}

TEST_CASE("Azure unit of measure: a bare number counts units; a slash means units per") {
    CHECK(parsed("1") == "1|Units");
    CHECK(parsed("10 ") == "10|Units");
    CHECK(parsed("100000000000") == "100000000000|Units");
    CHECK(parsed("1/Hour") == "1|Units/Hour");
    CHECK(parsed("1/Month") == "1|Units/Month");
    CHECK(parsed("1 /Day") == "1|Units/Day");
    CHECK(parsed("1/10 Days") == "1|Units/10 Days");
    CHECK(parsed("100/Month") == "100|Units/Month");
}

TEST_CASE("Azure unit of measure: text without a block size is not parsed") {
    CHECK(parsed("") == "none");
    CHECK(parsed("   ") == "none");
    CHECK(parsed("Hours") == "none");
    CHECK(parsed("Per Call") == "none");
    CHECK(parsed("Minute(s)") == "none");
    CHECK(parsed("10000s") == "none");  // the toolkit itself reads it as one `S`
    CHECK(parsed("100MB") == "none");
    CHECK(parsed("0 Hours") == "none");               // a zero block would erase the quantity
    CHECK(parsed("1000000000000 Units") == "none");   // 13 digits
    CHECK(parsed("999999999999B") == "none");         // 9.99e20 does not fit
    CHECK(parsed("1.5 Hours") == "none");
}
