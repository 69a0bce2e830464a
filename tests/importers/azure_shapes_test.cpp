// The shapes Azure exports come in beyond EA and MCA cost details (issue: real export shapes): a
// CSP customer's camelCase export without billing profile or account, the old pay-as-you-go
// usage details (PascalCase with a BOM, camelCase), and a portal download with localized
// headers. The files are written here; the totals are summed by hand in the comments.
#include "tests/importers/azure_focus_import.hpp"

using namespace revshare;
using namespace revshare::testing;
using revshare::importers::Format;

TEST_CASE("Azure CSP camelCase export without billingProfileId or billingAccountId: azure-mca, keyed by subscription") {
    ScratchDir dir;
    // costInBillingCurrency 10.50 + 2.25 = 12.75 (EUR); exchangeRatePricingToBilling is read by nobody.
    const auto file = import_text(
        dir, "csp.csv",
        "partnerName,customerTenantId,customerName,subscriptionId,date,meterCategory,meterName,chargeType,"
        "costInBillingCurrency,billingCurrency,exchangeRatePricingToBilling,quantity,unitOfMeasure,publisherType,"
        "publisherName\n"
        "Contoso Partner,7c0e6f7b-0000-4000-8000-000000000001,Fabrikam,4a1f-sub-1,05/01/2026,Foundry Models,"
        "gpt-5 Output Tokens,Usage,10.50,EUR,0.92,3.5,1M,Microsoft,\n"
        "Contoso Partner,7c0e6f7b-0000-4000-8000-000000000001,Fabrikam,4a1f-sub-1,05/02/2026,Storage,LRS Data Stored,"
        "Usage,2.25,EUR,0.92,90,1 GB/Month,Microsoft,\n");
    CHECK(file.format == Format::azure_mca);
    REQUIRE(file.rejects.empty());
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "12.75");
    const UsageRecord& line = line_at(file, 2);
    CHECK(line.get(TextColumn::BillingAccountId) == "");  // no account in the file: never invented
    CHECK(line.get(TextColumn::SubAccountId) == "/subscriptions/4a1f-sub-1");
    CHECK(line.get(TextColumn::BillingCurrency) == "EUR");
    CHECK(text_of(line.consumed_quantity) == "3500000");
    CHECK(instant_text(line.billing_period_start) == "2026-05-01T00:00:00Z");  // no billing period: the calendar month
}

TEST_CASE("Azure pay-as-you-go usage details (PascalCase, BOM): azure-payg, every row usage") {
    ScratchDir dir;
    // PreTaxCost 0.075 + 1.20 = 1.275; quantity 3 blocks of 100 Hours = 300 Hours.
    const auto file = import_text(
        dir, "payg.csv",
        "\xEF\xBB\xBFSubscriptionGuid,ResourceGroup,ResourceLocation,UsageDateTime,MeterCategory,MeterSubcategory,MeterId,"
        "MeterName,MeterRegion,UsageQuantity,ResourceRate,PreTaxCost,ConsumedService,ResourceType,InstanceId,Tags,OfferId,"
        "AdditionalInfo,ServiceInfo1,ServiceInfo2,ServiceName,ServiceTier,Currency,UnitOfMeasure\n"
        "11111111-12ab-34dc-56ef-123456abcdef,rg,US East,2026-02-02,Load Balancer,Standard,27827eb0,Included LB Rules,,3,"
        "0.025,0.075,Microsoft.Network,Microsoft.Network/loadBalancers,/subscriptions/x/lb,,MS-AZR-0003P,,,,Load Balancer,"
        "Standard,USD,100 Hours\n"
        "11111111-12ab-34dc-56ef-123456abcdef,rg,US East,2026-02-03,Cognitive Services,Azure OpenAI,aa01,gpt-4o Output "
        "Tokens,,1.2,1,1.20,Microsoft.CognitiveServices,accounts,/subscriptions/x/ai,\"\"\"team\"\": \"\"ml\"\"\",MS-AZR-0003P,"
        ",,,Cognitive Services,Standard,USD,1K\n");
    CHECK(file.format == Format::azure_payg);
    REQUIRE(file.rejects.empty());
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "1.275");
    CHECK(total_of(file.lines, CostColumn::EffectiveCost) == "1.275");
    const UsageRecord& lb = line_at(file, 2);
    CHECK(lb.get(TextColumn::ChargeCategory) == "Usage");
    CHECK(lb.get(TextColumn::SubAccountId) == "/subscriptions/11111111-12ab-34dc-56ef-123456abcdef");
    CHECK(text_of(lb.consumed_quantity) == "300");
    CHECK(lb.get(TextColumn::ConsumedUnit) == "Hours");
    CHECK(instant_text(lb.charge_period_start) == "2026-02-02T00:00:00Z");
    CHECK(instant_text(lb.billing_period_end) == "2026-03-01T00:00:00Z");
    const UsageRecord& ai = line_at(file, 3);
    CHECK(ai.get(TextColumn::x_SkuMeterSubcategory) == "Azure OpenAI");
    CHECK(ai.tags == R"({"team": "ml"})");
}

TEST_CASE("Azure pay-as-you-go usage details in camelCase, and a header without PreTaxCost's partner column") {
    ScratchDir dir;
    const auto file = import_text(dir, "payg.csv",
                                  "usageDateTime,meterCategory,meterName,usageQuantity,preTaxCost,currency,subscriptionGuid\n"
                                  "2026-02-02,Storage,LRS,1,0.10,USD,sub-1\n");
    CHECK(file.format == Format::azure_payg);
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "0.1");
    const Diagnostic refused = open_error(dir, "nocurrency.csv",
                                          "UsageDateTime,MeterCategory,MeterName,PreTaxCost,SubscriptionGuid\n"
                                          "2026-02-02,Storage,LRS,0.10,sub-1\n");
    CHECK(refused.headline() == "nocurrency.csv:1: error[broken-header]: missing column Currency (Azure pay-as-you-go usage "
                                "details)");
}

TEST_CASE("Azure portal download with localized headers: the English name in parentheses is the column") {
    ScratchDir dir;
    // The German header set of a pay-as-you-go download. PreTaxCost 0.075.
    const auto file = import_text(
        dir, "de.csv",
        "\xEF\xBB\xBF" "Abonnement-GUID (SubscriptionGuid),Ressourcengruppe (ResourceGroup),Ressourcenstandort "
        "(ResourceLocation),UsageDateTime (UsageDateTime),Kategorie der Verbrauchseinheit (MeterCategory),MeterSubcategory "
        "(MeterSubcategory),ID der Verbrauchseinheit (MeterId),Name der Verbrauchseinheit (MeterName),Region der "
        "Verbrauchseinheit (MeterRegion),UsageQuantity (UsageQuantity),Ressourcensatz (ResourceRate),PreTaxCost "
        "(PreTaxCost),Genutzter Dienst (ConsumedService),ResourceType (ResourceType),InstanceId (InstanceId),Tags (Tags),"
        "OfferId (OfferId),Zus\xC3\xA4tzliche Informationen (AdditionalInfo),Dienstinformation 1 (ServiceInfo1),"
        "Dienstinformation 2 (ServiceInfo2),ServiceName,ServiceTier,Currency,Ma\xC3\x9F" "einheit (UnitOfMeasure)\n"
        "11111111-12ab-34dc-56ef-123456abcdef,rg,US East,2026-02-02,Load Balancer,Standard,27827eb0,Included LB Rules,,3,"
        "0.025,0.075,Microsoft.Network,Microsoft.Network/loadBalancers,/subscriptions/x/lb,,,,,,Load Balancer,Standard,USD,"
        "100 Hours\n");
    CHECK(file.format == Format::azure_payg);
    REQUIRE(file.rejects.empty());
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "0.075");
    CHECK(file.header[0] == "SubscriptionGuid");
    CHECK(file.header[17] == "AdditionalInfo");
    CHECK(line_at(file, 2).get(TextColumn::ServiceName) == "Load Balancer");
    CHECK(line_at(file, 2).get(TextColumn::RegionId) == "us east");
}

TEST_CASE("An Azure EA export without AccountOwnerId or AccountName is recognised: no column only EA has is needed") {
    ScratchDir dir;
    // Cost 4.20 + 0.80 = 5.00.
    const auto file = import_text(dir, "ea.csv",
                                  "Date,CostInBillingCurrency,BillingCurrencyCode,ChargeType,MeterCategory,MeterName,"
                                  "SubscriptionId\n"
                                  "05/01/2026,4.20,USD,Usage,Foundry Models,gpt-5 Input Tokens,sub-1\n"
                                  "05/02/2026,0.80,USD,Usage,Storage,LRS Data Stored,sub-1\n");
    CHECK(file.format == Format::azure_ea);
    REQUIRE(file.rejects.empty());
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "5");
}
