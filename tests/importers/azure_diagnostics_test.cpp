// Every diagnostic the Azure mapper produces, with its exact text.
#include "tests/importers/azure_focus_import.hpp"

using namespace revshare;
using namespace revshare::testing;
using revshare::importers::Format;

namespace {

const CsvText ea({
    {"AccountOwnerId", "owner@example.com"},
    {"SubscriptionId", "sub-1"},
    {"Date", "10/15/2025"},
    {"ChargeType", "Usage"},
    {"MeterCategory", "Storage"},
    {"MeterName", "Hot LRS Data Stored"},
    {"Quantity", "2"},
    {"UnitOfMeasure", "1 GB/Month"},
    {"CostInBillingCurrency", "0.04"},
    {"BillingCurrencyCode", "USD"},
    {"BillingPeriodStartDate", "10/01/2025"},
    {"BillingPeriodEndDate", "10/31/2025"},
});

// Imports a header and one good row, then `bad` (line 3), then another good row; returns the one reject.
Diagnostic reject_of(const std::map<std::string, std::string>& bad) {
    const ScratchDir dir;
    const auto file = import_text(dir, "f.csv", ea.header() + ea.row() + ea.row(bad) + ea.row());
    CHECK(file.rows_read == 3);
    CHECK(file.lines.size() == 2);  // the import goes on after a bad row
    REQUIRE(file.rejects.size() == 1);
    CHECK(file.rejects[0].location.line == 3);
    return file.rejects[0];
}

}  // namespace

TEST_CASE("Azure diagnostic: unknown ChargeType, with the accepted values") {
    const Diagnostic error = reject_of({{"ChargeType", "Adjustment"}});
    CHECK(error.code == DiagnosticCode::unknown_charge_type);
    CHECK(error.headline() == "f.csv:3:4: error[unknown-charge-type]: ChargeType: 'Adjustment' is not a known charge type");
    CHECK(error.hint == "accepted: Usage, UnusedReservation, UnusedSavingsPlan, Purchase, Refund, Tax, Credit, "
                        "RoundingAdjustment");
    CHECK(error.field == "ChargeType");
    CHECK(error.render().find("hint: accepted: Usage,") != std::string::npos);
    CHECK(reject_of({{"ChargeType", "usage"}}).headline() ==
          "f.csv:3:4: error[unknown-charge-type]: ChargeType: 'usage' is not a known charge type");
    CHECK(reject_of({{"ChargeType", ""}}).headline() ==
          "f.csv:3:4: error[unknown-charge-type]: ChargeType: '' is not a known charge type");
}

TEST_CASE("Azure diagnostic: bad numbers in the cost and quantity columns") {
    CHECK(reject_of({{"CostInBillingCurrency", "x"}}).headline() ==
          "f.csv:3:9: error[bad-number]: CostInBillingCurrency: 'x' is not a number (unexpected character 'x')");
    CHECK(reject_of({{"CostInBillingCurrency", "$1.00"}}).headline() ==
          "f.csv:3:9: error[bad-number]: CostInBillingCurrency: '$1.00' is not a number (unexpected character '$')");
    CHECK(reject_of({{"Quantity", "12x"}}).headline() ==
          "f.csv:3:7: error[bad-number]: Quantity: '12x' is not a number (unexpected character 'x')");
}

TEST_CASE("Azure diagnostic: bad and missing dates") {
    CHECK(reject_of({{"Date", "13/45/2025"}}).headline() ==
          "f.csv:3:3: error[bad-date]: Date: '13/45/2025' is not a valid date");
    CHECK(reject_of({{"Date", ""}}).headline() == "f.csv:3:3: error[missing-value]: Date: a date is required here");
    CHECK(reject_of({{"BillingPeriodStartDate", "2025-02-30"}}).headline() ==
          "f.csv:3:11: error[bad-date]: BillingPeriodStartDate: '2025-02-30' is not a valid date");
    CHECK(reject_of({{"BillingPeriodEndDate", ""}}).headline() ==
          "f.csv:3:12: error[missing-value]: BillingPeriodEndDate: empty, but BillingPeriodStartDate is set");
    CHECK(reject_of({{"BillingPeriodStartDate", ""}}).headline() ==
          "f.csv:3:11: error[missing-value]: BillingPeriodStartDate: empty, but BillingPeriodEndDate is set");
    CHECK(reject_of({{"BillingPeriodEndDate", "09/30/2025"}}).headline() ==
          "f.csv:3:12: error[bad-date]: BillingPeriodEndDate: '09/30/2025' is before BillingPeriodStartDate "
          "'10/01/2025'");
}

TEST_CASE("Azure diagnostic: a currency that is not ISO 4217 on a row with a cost") {
    const Diagnostic error = reject_of({{"BillingCurrencyCode", "US$"}});
    CHECK(error.code == DiagnosticCode::bad_currency);
    CHECK(error.headline() ==
          "f.csv:3:10: error[bad-currency]: BillingCurrencyCode: 'US$' is not an ISO 4217 currency code");
    CHECK(reject_of({{"BillingCurrencyCode", "usd"}}).headline() ==
          "f.csv:3:10: error[bad-currency]: BillingCurrencyCode: 'usd' is not an ISO 4217 currency code");
    CHECK(reject_of({{"BillingCurrencyCode", ""}}).headline() ==
          "f.csv:3:10: error[bad-currency]: BillingCurrencyCode: the row has a cost but no currency code");
}

TEST_CASE("Azure diagnostic: a row with too few or too many fields") {
    const ScratchDir dir;
    std::string short_row = ea.row();
    short_row = short_row.substr(0, short_row.rfind(',')) + "\n";
    const auto file = import_text(dir, "f.csv", ea.header() + short_row + "a," + ea.row());
    REQUIRE(file.rejects.size() == 2);
    CHECK(file.lines.empty());
    CHECK(file.rejects[0].headline() == "f.csv:2: error[column-count]: expected 12 columns (as in the header), found 11");
    CHECK(file.rejects[1].headline() == "f.csv:3: error[column-count]: expected 12 columns (as in the header), found 13");
}

TEST_CASE("Azure diagnostic: missing required columns refuse the file") {
    const ScratchDir dir;
    const auto one = open_error(dir, "f.csv", ea.header("Date") + ea.row({}, "Date"));
    CHECK(one.code == DiagnosticCode::broken_header);
    CHECK(one.location.line == 1);
    CHECK(one.location.column == 0);
    CHECK(one.headline() == "f.csv:1: error[broken-header]: missing column Date (Azure EA cost details)");

    const auto currency = open_error(dir, "g.csv", ea.header("BillingCurrencyCode") + ea.row({}, "BillingCurrencyCode"));
    CHECK(currency.headline() == "g.csv:1: error[broken-header]: missing column BillingCurrencyCode (or "
                                 "BillingCurrency) (Azure EA cost details)");

    const auto half_period = open_error(dir, "h.csv", ea.header("BillingPeriodEndDate"));
    CHECK(half_period.headline() ==
          "h.csv:1: error[broken-header]: missing column BillingPeriodEndDate (Azure EA cost details)");

    // The old pay-as-you-go format forced as EA: nothing it needs is there under its names.
    const auto payg = open_error(dir, "payg.csv",
                                 "SubscriptionGuid,UsageDateTime,MeterCategory,MeterName,PreTaxCost,Currency\n",
                                 Format::azure_ea);
    CHECK(payg.headline() == "payg.csv:1: error[broken-header]: missing columns Date, CostInBillingCurrency (or "
                             "Cost), BillingCurrencyCode (or BillingCurrency), ChargeType (Azure EA cost details)");
}

TEST_CASE("Azure diagnostic: missing columns in an MCA file name the MCA format") {
    const ScratchDir dir;
    const auto error = open_error(dir, "m.csv",
                                  "billingAccountId,billingProfileId,costInBillingCurrency,billingCurrency,date,"
                                  "meterCategory,meterName\n");
    CHECK(error.headline() == "m.csv:1: error[broken-header]: missing column ChargeType (Azure MCA cost details)");
}
