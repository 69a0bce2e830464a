// FOCUS mapping and diagnostics (importers/MAPPING.md), on small inline files.
#include "tests/importers/azure_focus_import.hpp"

using namespace revshare;
using namespace revshare::testing;
using revshare::importers::Format;

namespace {

// An AWS FOCUS 1.2 export with AWS's extension columns.
const CsvText aws({
    {"BilledCost", "0.0042"},
    {"EffectiveCost", "0.0042"},
    {"ListCost", "0.005"},
    {"ContractedCost", "0.0042"},
    {"BillingCurrency", "USD"},
    {"BillingPeriodStart", "2025-10-01T00:00:00.000Z"},
    {"BillingPeriodEnd", "2025-11-01T00:00:00.000Z"},
    {"ChargePeriodStart", "2025-10-15T10:00:00.000Z"},
    {"ChargePeriodEnd", "2025-10-15T11:00:00.000Z"},
    {"ChargeCategory", "Usage"},
    {"ChargeClass", ""},
    {"ProviderName", "AWS"},
    {"PublisherName", "Anthropic, PBC"},
    {"InvoiceIssuerName", "Amazon Web Services, Inc."},
    {"BillingAccountId", "012345678901"},
    {"SubAccountId", "000011112222"},
    {"ServiceName", "Claude Sonnet 4.5 (Amazon Bedrock Edition)"},
    {"SkuId", "ABC123"},
    {"SkuMeter", "USE1-MP:USE1_InputTokenCount-Units"},
    {"RegionId", "us-east-1"},
    {"ConsumedQuantity", "1.4E+3"},
    {"ConsumedUnit", "Units"},
    {"Tags", R"({"user:team": "ml"})"},
    {"x_ServiceCode", "prod-abc123"},
    {"x_UsageType", "USE1-MP:USE1_InputTokenCount-Units"},
    {"x_Operation", "Usage"},
});

// A Microsoft FOCUS 1.0 export: no SkuMeter, meter columns as x_ extensions, no seconds.
const CsvText microsoft({
    {"BilledCost", "0.08215"},
    {"EffectiveCost", "0.08215"},
    {"BillingCurrency", "EUR"},
    {"BillingPeriodStart", "2025-10-01T00:00Z"},
    {"BillingPeriodEnd", "2025-11-01T00:00Z"},
    {"ChargePeriodStart", "2025-10-15T00:00Z"},
    {"ChargePeriodEnd", "2025-10-16T00:00Z"},
    {"ChargeCategory", "Usage"},
    {"ProviderName", "Microsoft"},
    {"PublisherName", "Microsoft"},
    {"BillingAccountId", "/providers/Microsoft.Billing/billingAccounts/1234/billingProfiles/ABCD"},
    {"x_SkuMeterCategory", "Foundry Models"},
    {"x_SkuMeterSubcategory", "Azure OpenAI"},
    {"x_SkuMeterName", "gpt 4.1 Inp glbl Tokens"},
    {"x_PublisherCategory", "Cloud Provider"},
});

Diagnostic reject_of(const std::map<std::string, std::string>& bad) {
    const ScratchDir dir;
    const auto file = import_text(dir, "f.csv", aws.header() + aws.row() + aws.row(bad) + aws.row());
    CHECK(file.lines.size() == 2);  // the import goes on after a bad row
    REQUIRE(file.rejects.size() == 1);
    CHECK(file.rejects[0].location.line == 3);
    return file.rejects[0];
}

}  // namespace

TEST_CASE("FOCUS AWS export: every column copied, x_ extensions included") {
    const ScratchDir dir;
    const auto file = import_text(dir, "f.csv", aws.header() + aws.row());
    CHECK(file.format == Format::focus);
    REQUIRE(file.lines.size() == 1);
    const UsageRecord& line = file.lines[0];
    CHECK(line.get(TextColumn::ProviderName) == "AWS");
    CHECK(line.get(TextColumn::PublisherName) == "Anthropic, PBC");
    CHECK(line.get(TextColumn::InvoiceIssuerName) == "Amazon Web Services, Inc.");
    CHECK(line.get(TextColumn::BillingAccountId) == "012345678901");
    CHECK(line.get(TextColumn::SubAccountId) == "000011112222");
    CHECK(line.get(TextColumn::ServiceName) == "Claude Sonnet 4.5 (Amazon Bedrock Edition)");
    CHECK(line.get(TextColumn::SkuId) == "ABC123");
    CHECK(line.get(TextColumn::SkuMeter) == "USE1-MP:USE1_InputTokenCount-Units");
    CHECK(line.get(TextColumn::RegionId) == "us-east-1");
    CHECK(line.get(TextColumn::x_ServiceCode) == "prod-abc123");
    CHECK(line.get(TextColumn::x_UsageType) == "USE1-MP:USE1_InputTokenCount-Units");
    CHECK(line.get(TextColumn::x_Operation) == "Usage");
    CHECK(line.get(TextColumn::x_SkuMeterCategory) == "");
    CHECK(text_of(line.get(CostColumn::BilledCost)) == "0.0042");
    CHECK(text_of(line.get(CostColumn::ListCost)) == "0.005");
    CHECK(text_of(line.consumed_quantity) == "1400");
    CHECK(line.get(TextColumn::ConsumedUnit) == "Units");
    CHECK(line.tags == R"({"user:team": "ml"})");
    CHECK(instant_text(line.charge_period_start) == "2025-10-15T10:00:00Z");
    CHECK(instant_text(line.charge_period_end) == "2025-10-15T11:00:00Z");
    CHECK(instant_text(line.billing_period_end) == "2025-11-01T00:00:00Z");  // already exclusive
}

TEST_CASE("FOCUS Microsoft 1.0 export: SkuMeter from x_SkuMeterName, dates without seconds") {
    const ScratchDir dir;
    const auto file = import_text(dir, "f.csv", microsoft.header() + microsoft.row());
    REQUIRE(file.lines.size() == 1);
    const UsageRecord& line = file.lines[0];
    CHECK(line.get(TextColumn::SkuMeter) == "gpt 4.1 Inp glbl Tokens");
    CHECK(line.get(TextColumn::x_SkuMeterName) == "gpt 4.1 Inp glbl Tokens");
    CHECK(line.get(TextColumn::x_SkuMeterCategory) == "Foundry Models");
    CHECK(line.get(TextColumn::x_SkuMeterSubcategory) == "Azure OpenAI");
    CHECK(line.get(TextColumn::x_PublisherCategory) == "Cloud Provider");
    CHECK(line.get(TextColumn::BillingCurrency) == "EUR");
    CHECK(text_of(line.get(CostColumn::ListCost)) == "null");  // no ListCost column
    CHECK(text_of(line.consumed_quantity) == "null");          // no ConsumedQuantity column
    CHECK(instant_text(line.charge_period_start) == "2025-10-15T00:00:00Z");
    CHECK(instant_text(line.charge_period_end) == "2025-10-16T00:00:00Z");
}

TEST_CASE("FOCUS NULL literals and empty cells are empty; charge classes and categories") {
    const ScratchDir dir;
    const auto file = import_text(
        dir, "f.csv",
        aws.header() + aws.row({{"ListCost", "NULL"}, {"ContractedCost", ""}, {"RegionId", "NULL"}, {"Tags", "NULL"}}) +
            aws.row({{"ChargeCategory", "Credit"}, {"ChargeClass", "Correction"}, {"BilledCost", "-1.5"}}) +
            aws.row({{"ChargeCategory", "Purchase"}, {"ChargeClass", "NULL"}}) + aws.row({{"ChargeCategory", "Tax"}}) +
            aws.row({{"ChargeCategory", "Adjustment"}}) +
            aws.row({{"BilledCost", "NULL"}, {"EffectiveCost", "NULL"}, {"ListCost", "NULL"},
                     {"ContractedCost", "NULL"}, {"BillingCurrency", "NULL"}}));
    REQUIRE(file.lines.size() == 6);
    CHECK(file.rejects.empty());
    CHECK(text_of(file.lines[0].get(CostColumn::ListCost)) == "null");
    CHECK(text_of(file.lines[0].get(CostColumn::ContractedCost)) == "null");
    CHECK(file.lines[0].get(TextColumn::RegionId) == "");
    CHECK(file.lines[0].tags == "");
    CHECK(file.lines[1].get(TextColumn::ChargeClass) == "Correction");
    CHECK(text_of(file.lines[1].get(CostColumn::BilledCost)) == "-1.5");
    CHECK(file.lines[2].get(TextColumn::ChargeClass) == "");
    CHECK(file.lines[3].get(TextColumn::ChargeCategory) == "Tax");
    CHECK(file.lines[4].get(TextColumn::ChargeCategory) == "Adjustment");
    // No cost at all: the (NULL) currency is not checked.
    CHECK(text_of(file.lines[5].get(CostColumn::BilledCost)) == "null");
    CHECK(file.lines[5].get(TextColumn::BillingCurrency) == "");
}

TEST_CASE("FOCUS diagnostic: a ChargeCategory or ChargeClass outside FOCUS") {
    const Diagnostic category = reject_of({{"ChargeCategory", "Refund"}});
    CHECK(category.code == DiagnosticCode::unknown_charge_type);
    CHECK(category.headline() ==
          "f.csv:3:10: error[unknown-charge-type]: ChargeCategory: 'Refund' is not a FOCUS charge category");
    CHECK(category.hint == "accepted: Usage, Purchase, Tax, Credit, Adjustment");
    CHECK(reject_of({{"ChargeCategory", "NULL"}}).headline() ==
          "f.csv:3:10: error[unknown-charge-type]: ChargeCategory: '' is not a FOCUS charge category");
    const Diagnostic charge_class = reject_of({{"ChargeClass", "Rebill"}});
    CHECK(charge_class.headline() ==
          "f.csv:3:11: error[unknown-charge-type]: ChargeClass: 'Rebill' is not a FOCUS charge class");
    CHECK(charge_class.hint == "accepted: Correction, or empty (NULL)");
}

TEST_CASE("FOCUS diagnostic: bad numbers, dates and currencies") {
    CHECK(reject_of({{"BilledCost", "x"}}).headline() ==
          "f.csv:3:1: error[bad-number]: BilledCost: 'x' is not a number (unexpected character 'x')");
    CHECK(reject_of({{"ConsumedQuantity", "1,000"}}).headline() ==
          "f.csv:3:21: error[bad-number]: ConsumedQuantity: '1,000' is not a number (unexpected character ',')");
    CHECK(reject_of({{"ChargePeriodStart", "2025-10-15T25:00:00Z"}}).headline() ==
          "f.csv:3:8: error[bad-date]: ChargePeriodStart: '2025-10-15T25:00:00Z' is not a valid date");
    CHECK(reject_of({{"ChargePeriodStart", "NULL"}}).headline() ==
          "f.csv:3:8: error[missing-value]: ChargePeriodStart: a date is required here");
    CHECK(reject_of({{"ChargePeriodEnd", "2025-10-15T09:00:00Z"}}).headline() ==
          "f.csv:3:9: error[bad-date]: ChargePeriodEnd: '2025-10-15T09:00:00Z' is before ChargePeriodStart "
          "'2025-10-15T10:00:00.000Z'");
    CHECK(reject_of({{"BillingPeriodEnd", "2025-10-01T00:00:00Z"}}).headline() ==
          "f.csv:3:7: error[bad-date]: BillingPeriodEnd: '2025-10-01T00:00:00Z' is before BillingPeriodStart "
          "'2025-10-01T00:00:00.000Z'");
    CHECK(reject_of({{"BillingCurrency", "XYZ"}}).headline() ==
          "f.csv:3:5: error[bad-currency]: BillingCurrency: 'XYZ' is not an ISO 4217 currency code");
    CHECK(reject_of({{"BillingCurrency", "NULL"}}).headline() ==
          "f.csv:3:5: error[bad-currency]: BillingCurrency: the row has a cost but no currency code");
}

TEST_CASE("FOCUS diagnostic: a row with a different number of fields") {
    const ScratchDir dir;
    const auto file = import_text(dir, "f.csv", aws.header() + "1,2,3\n" + aws.row());
    REQUIRE(file.rejects.size() == 1);
    CHECK(file.lines.size() == 1);
    CHECK(file.rejects[0].headline() == "f.csv:2: error[column-count]: expected 26 columns (as in the header), found 3");
}

TEST_CASE("FOCUS diagnostic: missing required columns refuse the file") {
    const ScratchDir dir;
    const auto one = open_error(dir, "f.csv", aws.header("BillingCurrency") + aws.row({}, "BillingCurrency"));
    CHECK(one.code == DiagnosticCode::broken_header);
    CHECK(one.location.line == 1);
    CHECK(one.headline() == "f.csv:1: error[broken-header]: missing column BillingCurrency (FOCUS)");
    // Without ProviderName the header is not recognised as FOCUS, so the format is forced.
    const auto provider = open_error(dir, "g.csv", aws.header("ProviderName"), Format::focus);
    CHECK(provider.headline() ==
          "g.csv:1: error[broken-header]: missing column ProviderName (or ServiceProviderName) (FOCUS)");
    const auto several = open_error(dir, "h.csv", "BilledCost,EffectiveCost,ChargeCategory,ChargePeriodStart,ProviderName\n");
    CHECK(several.headline() == "h.csv:1: error[broken-header]: missing columns BillingCurrency, ChargePeriodEnd, "
                                "BillingPeriodStart, BillingPeriodEnd, BillingAccountId (or SubAccountId) (FOCUS)");
}

TEST_CASE("FOCUS column names are case-sensitive") {
    const ScratchDir dir;
    std::string header = aws.header();
    header.replace(header.find("BillingCurrency"), std::string("BillingCurrency").size(), "billingcurrency");
    const auto error = open_error(dir, "f.csv", header + aws.row());
    CHECK(error.headline() == "f.csv:1: error[broken-header]: missing column BillingCurrency (FOCUS)");
}
