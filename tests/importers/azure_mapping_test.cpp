// Azure cost-details mapping (importers/MAPPING.md), one concern per test, on small inline files.
#include "tests/importers/azure_focus_import.hpp"

using namespace revshare;
using namespace revshare::testing;
using revshare::importers::Format;

namespace {

// An EA file with the columns the mapper reads (AccountOwnerId makes it recognisable as EA).
const CsvText ea({
    {"AccountOwnerId", "owner@example.com"},
    {"SubscriptionId", "sub-1"},
    {"Date", "10/15/2025"},
    {"ChargeType", "Usage"},
    {"MeterCategory", "Foundry Models"},
    {"MeterSubCategory", "Azure OpenAI"},
    {"MeterName", "gpt 4.1 Inp glbl Tokens"},
    {"PartNumber", "AAH-1234"},
    {"ResourceLocation", "EastUS2"},
    {"Quantity", "29.87"},
    {"UnitOfMeasure", "1K"},
    {"CostInBillingCurrency", "0.08215"},
    {"BillingCurrencyCode", "USD"},
    {"BillingPeriodStartDate", "10/01/2025"},
    {"BillingPeriodEndDate", "10/31/2025"},
    {"BillingAccountId", "8611537"},
    {"PublisherType", "Azure"},
    {"PublisherName", "Microsoft"},
    {"Tags", ""},
});

// An MCA file (camelCase; costInBillingCurrency + billingProfileId make it MCA).
const CsvText mca({
    {"billingAccountId", "3c100a8a-215e-5a7e-24b2-61aa86945012"},
    {"billingProfileId", "NF5V-BI6B-BG7-PGB"},
    {"billingPeriodStartDate", ""},
    {"billingPeriodEndDate", ""},
    {"date", "12/31/2025"},
    {"meterCategory", "Foundry Models"},
    {"meterSubCategory", "Azure OpenAI"},
    {"meterName", "5.4 inp Gl 1M Tokens"},
    {"ProductId", "DZH318Z0BNZJ005D"},
    {"subscriptionId", "2639de71-ca37-4a17-a104-17665a50e7fc"},
    {"publisherType", "Microsoft"},
    {"publisherName", "Microsoft"},
    {"resellerName", ""},
    {"resourceLocation", "eastus"},
    {"quantity", "0.25"},
    {"unitOfMeasure", "1M"},
    {"chargeType", "Usage"},
    {"billingCurrency", "EUR"},
    {"costInBillingCurrency", "0.5"},
    {"paygCostInBillingCurrency", "0.625"},
    {"tags", R"({"project":"p1"})"},
});

}  // namespace

TEST_CASE("Azure ChargeType maps to ChargeCategory and ChargeClass") {
    const ScratchDir dir;
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"Usage", "Usage"},       {"UnusedReservation", "Usage"}, {"UnusedSavingsPlan", "Usage"},
        {"Purchase", "Purchase"}, {"Refund", "Purchase"},         {"Tax", "Tax"},
        {"Credit", "Credit"},     {"RoundingAdjustment", "Adjustment"},
    };
    std::string text = ea.header();
    for (const auto& [charge_type, category] : expected) text += ea.row({{"ChargeType", charge_type}});
    const auto file = import_text(dir, "f.csv", text);
    CHECK(file.format == Format::azure_ea);
    REQUIRE(file.lines.size() == expected.size());
    CHECK(file.rejects.empty());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(expected[i].first);
        CHECK(file.lines[i].get(TextColumn::ChargeCategory) == expected[i].second);
        CHECK(file.lines[i].get(TextColumn::ChargeClass) == (expected[i].first == "Refund" ? "Correction" : ""));
        CHECK(file.lines[i].source_line == static_cast<std::int64_t>(i) + 2);
    }
}

TEST_CASE("Azure periods: inclusive billing end becomes exclusive; one day of charge") {
    const ScratchDir dir;
    const auto file = import_text(
        dir, "f.csv",
        ea.header() + ea.row() +
            ea.row({{"Date", "2/29/2024"}, {"BillingPeriodStartDate", "2/1/2024"}, {"BillingPeriodEndDate", "2/29/2024"}}) +
            ea.row({{"Date", "2025-12-31"}, {"BillingPeriodStartDate", "2025-12-01"}, {"BillingPeriodEndDate", "2025-12-31"}}) +
            ea.row({{"BillingPeriodStartDate", ""}, {"BillingPeriodEndDate", ""}, {"Date", "12/31/2025"}}));
    REQUIRE(file.lines.size() == 4);
    CHECK(instant_text(file.lines[0].billing_period_start) == "2025-10-01T00:00:00Z");
    CHECK(instant_text(file.lines[0].billing_period_end) == "2025-11-01T00:00:00Z");
    CHECK(instant_text(file.lines[0].charge_period_start) == "2025-10-15T00:00:00Z");
    CHECK(instant_text(file.lines[0].charge_period_end) == "2025-10-16T00:00:00Z");
    CHECK(instant_text(file.lines[1].billing_period_end) == "2024-03-01T00:00:00Z");  // leap day inclusive
    CHECK(instant_text(file.lines[1].charge_period_end) == "2024-03-01T00:00:00Z");
    CHECK(instant_text(file.lines[2].billing_period_end) == "2026-01-01T00:00:00Z");  // ISO dates too
    CHECK(instant_text(file.lines[2].charge_period_end) == "2026-01-01T00:00:00Z");
    // Both billing-period cells empty (MCA open month): the calendar month of Date.
    CHECK(instant_text(file.lines[3].billing_period_start) == "2025-12-01T00:00:00Z");
    CHECK(instant_text(file.lines[3].billing_period_end) == "2026-01-01T00:00:00Z");
}

TEST_CASE("Azure periods: without billing-period columns every row takes Date's month") {
    const ScratchDir dir;
    std::string text = "AccountOwnerId,Date,ChargeType,MeterCategory,MeterName,Cost,BillingCurrency,SubscriptionGuid\n"
                       "o,02/10/2026,Usage,Storage,Hot LRS,1.5,USD,s1\n";
    const auto file = import_text(dir, "f.csv", text);
    REQUIRE(file.lines.size() == 1);
    CHECK(instant_text(file.lines[0].billing_period_start) == "2026-02-01T00:00:00Z");
    CHECK(instant_text(file.lines[0].billing_period_end) == "2026-03-01T00:00:00Z");
    CHECK(text_of(file.lines[0].get(CostColumn::BilledCost)) == "1.5");
    CHECK(text_of(file.lines[0].consumed_quantity) == "null");  // no Quantity column
    CHECK(file.lines[0].get(TextColumn::BillingAccountId) == "");
    CHECK(file.lines[0].get(TextColumn::SubAccountId) == "/subscriptions/s1");
    CHECK(file.lines[0].get(TextColumn::SkuId) == "");
}

TEST_CASE("Azure ConsumedQuantity is Quantity times the block size, exactly") {
    const ScratchDir dir;
    const auto file = import_text(dir, "f.csv",
                                  ea.header() + ea.row() + ea.row({{"Quantity", "2.5"}, {"UnitOfMeasure", "1M"}}) +
                                      ea.row({{"Quantity", "0.0004"}, {"UnitOfMeasure", "10K"}}) +
                                      ea.row({{"Quantity", "3"}, {"UnitOfMeasure", "100 Hours"}}) +
                                      ea.row({{"Quantity", "24"}, {"UnitOfMeasure", "1/Hour"}}) +
                                      ea.row({{"Quantity", "1.42949E-05"}, {"UnitOfMeasure", "1 GB"}}) +
                                      ea.row({{"Quantity", "7"}, {"UnitOfMeasure", "Per Call"}}) +
                                      ea.row({{"Quantity", "7"}, {"UnitOfMeasure", ""}}) +
                                      ea.row({{"Quantity", ""}, {"UnitOfMeasure", "10K"}}) +
                                      ea.row({{"Quantity", "-2"}, {"UnitOfMeasure", "10K"}}));
    REQUIRE(file.lines.size() == 10);
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"29870", "Units"},        {"2500000", "Units"}, {"4", "Units"},     {"300", "Hours"},
        {"24", "Units/Hour"},      {"0.0000142949", "GB"}, {"7", "Per Call"}, {"7", ""},
        {"null", ""},              {"-20000", "Units"},
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(text_of(file.lines[i].consumed_quantity) == expected[i].first);
        CHECK(file.lines[i].get(TextColumn::ConsumedUnit) == expected[i].second);
    }
}

TEST_CASE("Azure costs: empty stays null; the currency is only checked on rows with a cost") {
    const ScratchDir dir;
    const auto file = import_text(dir, "f.csv",
                                  ea.header() + ea.row({{"CostInBillingCurrency", ""}, {"BillingCurrencyCode", ""}}) +
                                      ea.row({{"CostInBillingCurrency", "-0.00000001"}}) +
                                      ea.row({{"CostInBillingCurrency", "1.2E-7"}}));
    REQUIRE(file.lines.size() == 3);
    CHECK(text_of(file.lines[0].get(CostColumn::BilledCost)) == "null");
    CHECK(text_of(file.lines[0].get(CostColumn::EffectiveCost)) == "null");
    CHECK(file.lines[0].get(TextColumn::BillingCurrency) == "");
    CHECK(text_of(file.lines[1].get(CostColumn::BilledCost)) == "-0.00000001");
    CHECK(text_of(file.lines[2].get(CostColumn::EffectiveCost)) == "0.00000012");
    CHECK(text_of(file.lines[2].get(CostColumn::ListCost)) == "null");  // no PAYG cost column in EA here
}

TEST_CASE("Azure publisher: Marketplace rows are Vendor rows and keep their seller") {
    const ScratchDir dir;
    const auto file = import_text(
        dir, "f.csv",
        ea.header() + ea.row({{"PublisherType", "Marketplace"}, {"PublisherName", "OpenAI, L.L.C."}}) +
            ea.row({{"PublisherType", "Marketplace"}, {"PublisherName", ""}}) +
            ea.row({{"PublisherType", ""}, {"PublisherName", ""}}) +
            ea.row({{"PublisherType", "Microsoft"}, {"PublisherName", "Microsoft"}}));
    REQUIRE(file.lines.size() == 4);
    CHECK(file.lines[0].get(TextColumn::PublisherName) == "OpenAI, L.L.C.");
    CHECK(file.lines[0].get(TextColumn::x_PublisherCategory) == "Vendor");
    CHECK(file.lines[1].get(TextColumn::PublisherName) == "");  // never guess a Marketplace seller
    CHECK(file.lines[1].get(TextColumn::x_PublisherCategory) == "Vendor");
    CHECK(file.lines[2].get(TextColumn::PublisherName) == "Microsoft");
    CHECK(file.lines[2].get(TextColumn::x_PublisherCategory) == "Cloud Provider");
    CHECK(file.lines[3].get(TextColumn::x_PublisherCategory) == "Cloud Provider");
    for (const auto& line : file.lines) {
        CHECK(line.get(TextColumn::ProviderName) == "Microsoft");
        CHECK(line.get(TextColumn::InvoiceIssuerName) == "Microsoft");
    }
}

TEST_CASE("Azure EA text columns: accounts as ARM paths, meter columns, region lower-cased") {
    const ScratchDir dir;
    const auto file = import_text(dir, "f.csv", ea.header() + ea.row() + ea.row({{"BillingAccountId", ""}}));
    REQUIRE(file.lines.size() == 2);
    const UsageRecord& line = file.lines[0];
    CHECK(line.get(TextColumn::BillingAccountId) == "/providers/Microsoft.Billing/billingAccounts/8611537");
    CHECK(line.get(TextColumn::SubAccountId) == "/subscriptions/sub-1");
    CHECK(line.get(TextColumn::ServiceName) == "Foundry Models");
    CHECK(line.get(TextColumn::x_SkuMeterCategory) == "Foundry Models");
    CHECK(line.get(TextColumn::x_SkuMeterSubcategory) == "Azure OpenAI");
    CHECK(line.get(TextColumn::SkuMeter) == "gpt 4.1 Inp glbl Tokens");
    CHECK(line.get(TextColumn::x_SkuMeterName) == "gpt 4.1 Inp glbl Tokens");
    CHECK(line.get(TextColumn::SkuId) == "AAH-1234");
    CHECK(line.get(TextColumn::RegionId) == "eastus2");
    CHECK(line.get(TextColumn::x_ServiceCode) == "");
    CHECK(line.get(TextColumn::x_UsageType) == "");
    CHECK(line.get(TextColumn::x_Operation) == "");
    CHECK(file.lines[1].get(TextColumn::BillingAccountId) == "");
}

TEST_CASE("Azure tags: EA's brace-less form gets braces; braces and empty kept") {
    const ScratchDir dir;
    const auto file = import_text(dir, "f.csv",
                                  ea.header() + ea.row({{"Tags", R"("env": "prod","org": "trey")"}}) +
                                      ea.row({{"Tags", R"({"project":"p1"})"}}) + ea.row({{"Tags", ""}}) +
                                      ea.row({{"Tags", R"("k": "a,b")"}}));
    REQUIRE(file.lines.size() == 4);
    CHECK(file.lines[0].tags == R"({"env": "prod","org": "trey"})");
    CHECK(file.lines[1].tags == R"({"project":"p1"})");
    CHECK(file.lines[2].tags == "");
    CHECK(file.lines[3].tags == R"({"k": "a,b"})");
}

TEST_CASE("Azure MCA: billing profile in the account id, reseller as invoice issuer, PAYG list cost") {
    const ScratchDir dir;
    const auto file = import_text(dir, "f.csv",
                                  mca.header() + mca.row() +
                                      mca.row({{"resellerName", "Contoso Reseller"}, {"billingProfileId", ""}}) +
                                      mca.row({{"paygCostInBillingCurrency", ""}}));
    CHECK(file.format == Format::azure_mca);
    REQUIRE(file.lines.size() == 3);
    const UsageRecord& line = file.lines[0];
    CHECK(line.get(TextColumn::BillingAccountId) ==
          "/providers/Microsoft.Billing/billingAccounts/3c100a8a-215e-5a7e-24b2-61aa86945012"
          "/billingProfiles/NF5V-BI6B-BG7-PGB");
    CHECK(line.get(TextColumn::SubAccountId) == "/subscriptions/2639de71-ca37-4a17-a104-17665a50e7fc");
    CHECK(line.get(TextColumn::InvoiceIssuerName) == "Microsoft");
    CHECK(line.get(TextColumn::SkuId) == "DZH318Z0BNZJ005D");
    CHECK(line.get(TextColumn::BillingCurrency) == "EUR");
    CHECK(text_of(line.get(CostColumn::BilledCost)) == "0.5");
    CHECK(text_of(line.get(CostColumn::ListCost)) == "0.625");
    CHECK(text_of(line.get(CostColumn::ContractedCost)) == "null");
    CHECK(text_of(line.consumed_quantity) == "250000");  // 0.25 blocks of 1M
    CHECK(line.tags == R"({"project":"p1"})");
    CHECK(instant_text(line.billing_period_start) == "2025-12-01T00:00:00Z");
    CHECK(instant_text(line.billing_period_end) == "2026-01-01T00:00:00Z");
    CHECK(file.lines[1].get(TextColumn::InvoiceIssuerName) == "Contoso Reseller");
    CHECK(file.lines[1].get(TextColumn::BillingAccountId) ==
          "/providers/Microsoft.Billing/billingAccounts/3c100a8a-215e-5a7e-24b2-61aa86945012");
    CHECK(text_of(file.lines[2].get(CostColumn::ListCost)) == "null");
}

TEST_CASE("Azure headers: any letter case, aliases, localised portal names") {
    const ScratchDir dir;
    const std::string text =
        "ACCOUNTOWNERID,Abonnement-GUID (SubscriptionGuid),date,chargetype,METERCATEGORY,metername,cost,"
        "billingcurrency,PartNumber\r\n"
        "o,0000-1,3/5/2026,Tax,Tax,VAT,0.19,EUR,\r\n";
    const auto file = import_text(dir, "f.csv", text);
    CHECK(file.format == Format::azure_ea);
    REQUIRE(file.lines.size() == 1);
    CHECK(file.lines[0].get(TextColumn::SubAccountId) == "/subscriptions/0000-1");
    CHECK(file.lines[0].get(TextColumn::ChargeCategory) == "Tax");
    CHECK(text_of(file.lines[0].get(CostColumn::BilledCost)) == "0.19");
    CHECK(instant_text(file.lines[0].charge_period_start) == "2026-03-05T00:00:00Z");
    CHECK(file.lines[0].get(TextColumn::SkuId) == "");
}
