// Every diagnostic the AWS CUR mappers produce for a bad row, with its exact headline. The
// bad row is always the second data row (line 3) of a legacy file whose header is the real
// sample's (see aws_test_support.hpp), so the column numbers are the sample's.
#include "tests/importers/aws_test_support.hpp"

#include <doctest/doctest.h>

using revshare::DiagnosticCode;
using revshare::testing::aws::Cells;
using revshare::testing::aws::csv_line;
using revshare::testing::aws::Imported;
using revshare::testing::aws::import_text;
using revshare::testing::aws::legacy_file;
using revshare::testing::aws::rejected;
using revshare::testing::aws::usage_row;

TEST_CASE("AWS diagnostics: a bad number names the file, line, column and field") {
    const auto error = rejected({{"lineItem/UnblendedCost", "abc"}});
    CHECK(error.code == DiagnosticCode::bad_number);
    CHECK(error.field == "lineItem/UnblendedCost");
    CHECK(error.headline() ==
          "f.csv:3:23: error[bad-number]: lineItem/UnblendedCost: 'abc' is not a number (unexpected character 'a')");
    CHECK(rejected({{"lineItem/UnblendedCost", "1,5"}}).headline() ==
          "f.csv:3:23: error[bad-number]: lineItem/UnblendedCost: '1,5' is not a number (unexpected character ',')");
    CHECK(rejected({{"pricing/publicOnDemandCost", "1e"}}).headline() ==
          "f.csv:3:66: error[bad-number]: pricing/publicOnDemandCost: '1e' is not a number (expected digits after "
          "the exponent mark)");
    CHECK(rejected({{"lineItem/UsageAmount", "NaN"}}).headline() ==
          "f.csv:3:18: error[bad-number]: lineItem/UsageAmount: 'NaN' is not a number (unexpected character 'N')");
    // Columns a row type uses are checked: DiscountedUsage reads reservation/EffectiveCost.
    CHECK(rejected({{"lineItem/LineItemType", "DiscountedUsage"}, {"reservation/EffectiveCost", "x"}}).headline() ==
          "f.csv:3:72: error[bad-number]: reservation/EffectiveCost: 'x' is not a number (unexpected character 'x')");
}

TEST_CASE("AWS diagnostics: an unknown line item type is quarantined, with the accepted values") {
    const auto error = rejected({{"lineItem/LineItemType", "RiVolumeDiscount"}});
    CHECK(error.code == DiagnosticCode::unknown_charge_type);
    CHECK(error.headline() ==
          "f.csv:3:11: error[unknown-charge-type]: lineItem/LineItemType: unknown line item type 'RiVolumeDiscount'");
    CHECK(error.hint ==
          "accepted: Usage, DiscountedUsage, SavingsPlanCoveredUsage, SavingsPlanNegation, Fee, RIFee, "
          "SavingsPlanUpfrontFee, SavingsPlanRecurringFee, Tax, Credit, Refund, BundledDiscount, Discount, "
          "EdpDiscount, PrivateRateDiscount, DistributorDiscount, SppDiscount; any other type is quarantined rather "
          "than guessed");
    // Matching is exact: AWS writes these names in one spelling.
    CHECK(rejected({{"lineItem/LineItemType", "usage"}}).headline() ==
          "f.csv:3:11: error[unknown-charge-type]: lineItem/LineItemType: unknown line item type 'usage'");
    CHECK(rejected({{"lineItem/LineItemType", ""}}).headline() ==
          "f.csv:3:11: error[unknown-charge-type]: lineItem/LineItemType: unknown line item type ''");
}

TEST_CASE("AWS diagnostics: a row with a cost needs an ISO 4217 currency") {
    const auto error = rejected({{"lineItem/CurrencyCode", "usd"}});
    CHECK(error.code == DiagnosticCode::bad_currency);
    CHECK(error.headline() ==
          "f.csv:3:21: error[bad-currency]: lineItem/CurrencyCode: 'usd' is not an ISO 4217 currency code");
    CHECK(rejected({{"lineItem/CurrencyCode", "XYZ"}}).headline() ==
          "f.csv:3:21: error[bad-currency]: lineItem/CurrencyCode: 'XYZ' is not an ISO 4217 currency code");
    CHECK(rejected({{"lineItem/CurrencyCode", ""}}).headline() ==
          "f.csv:3:21: error[bad-currency]: lineItem/CurrencyCode: the row has a cost but no currency code");
    // Only ListCost present is still a cost.
    CHECK(rejected({{"lineItem/CurrencyCode", ""}, {"lineItem/UnblendedCost", ""}}).code == DiagnosticCode::bad_currency);
}

TEST_CASE("AWS diagnostics: dates") {
    CHECK(rejected({{"lineItem/UsageStartDate", "2025-13-01T00:00:00.000Z"}}).headline() ==
          "f.csv:3:12: error[bad-date]: lineItem/UsageStartDate: '2025-13-01T00:00:00.000Z' is not a valid date");
    CHECK(rejected({{"bill/BillingPeriodStartDate", ""}}).headline() ==
          "f.csv:3:8: error[missing-value]: bill/BillingPeriodStartDate: a date is required here");
}

TEST_CASE("AWS diagnostics: the column count is checked first") {
    const std::string text = legacy_file({usage_row}) + csv_line({"a", "b", "c"});
    const Imported imported = import_text(text);
    REQUIRE(imported.rejects.size() == 1);
    CHECK(imported.lines.size() == 1);
    CHECK(imported.rejects.front().headline() ==
          "f.csv:3: error[column-count]: expected 98 columns (as in the header), found 3");
}

TEST_CASE("AWS diagnostics: the two amounts of a commitment fee, and their difference, are held to the cost limit") {
    // Each amount is a cost (below 10^14, at most 24 decimals: limits.hpp), so the difference
    // is exact; past the limit it is reported, never rounded. (1E39 - 1E-40 needed 80 digits.)
    const auto huge = rejected({{"lineItem/LineItemType", "SavingsPlanRecurringFee"},
                                {"savingsPlan/TotalCommitmentToDate", "1E39"},
                                {"savingsPlan/UsedCommitment", "1E-40"}});
    CHECK(huge.code == DiagnosticCode::bad_number);
    CHECK(huge.field == "savingsPlan/TotalCommitmentToDate");
    CHECK(huge.headline() == "f.csv:3:88: error[bad-number]: savingsPlan/TotalCommitmentToDate: '1E39' is beyond the "
                             "limit for a cost: its magnitude must be below 10^14 (100000000000000)");
    const auto difference = rejected({{"lineItem/LineItemType", "SavingsPlanRecurringFee"},
                                      {"savingsPlan/TotalCommitmentToDate", "99999999999999"},
                                      {"savingsPlan/UsedCommitment", "-99999999999999"}});
    CHECK(difference.code == DiagnosticCode::bad_number);
    CHECK(difference.headline() == "f.csv:3:88: error[bad-number]: savingsPlan/TotalCommitmentToDate: the difference "
                                   "of the two amounts is beyond the limit for a cost: its magnitude must be below "
                                   "10^14 (100000000000000)");
}

TEST_CASE("AWS diagnostics: rows after a bad row are still read") {
    const Cells bad = {{"lineItem/UnblendedCost", "abc"}};
    Cells bad_row = usage_row;
    for (const auto& [name, value] : bad) bad_row[name] = value;
    const Imported imported = import_text(legacy_file({usage_row, bad_row, usage_row, bad_row, usage_row}));
    CHECK(imported.rows_read == 5);
    CHECK(imported.lines.size() == 3);
    REQUIRE(imported.rejects.size() == 2);
    CHECK(imported.rejects[0].location.line == 3);
    CHECK(imported.rejects[1].location.line == 5);
    CHECK(imported.lines[2].source_line == 6);
}
