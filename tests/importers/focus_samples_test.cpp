// The FOCUS samples (shared/samples/focus-1.0 and focus-draft-ai) read through ExportReader.
#include "tests/importers/azure_focus_import.hpp"

using namespace revshare;
using namespace revshare::testing;
using revshare::importers::Format;

namespace {
ImportedFile focus_sample() { return import_file(samples_dir() / "focus-1.0" / "focus_sample.csv", "focus.csv"); }
}  // namespace

TEST_CASE("FOCUS 1.0 sample (database dump, NULL literals): all 1000 rows import") {
    const auto file = focus_sample();
    CHECK(file.format == Format::focus);
    CHECK(file.rows_read == 1000);
    CHECK(file.lines.size() == 1000);
    CHECK(file.rejects.empty());
    // Column sums computed with python3: sum(decimal.Decimal(c) for c in column if c not in ('', 'NULL')).
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "20.52022672899");
    CHECK(total_of(file.lines, CostColumn::EffectiveCost) == "14.97651418586");
    CHECK(total_of(file.lines, CostColumn::ListCost) == "20.39090575119");
    CHECK(total_of(file.lines, CostColumn::ContractedCost) == "14.97626039326");
    CHECK(total_quantity_of(file.lines) == "13438.712904456820057");
    // The NULL cells stay null (python3: lines whose ContractedCost is NULL or empty).
    std::vector<std::int64_t> null_contracted;
    for (const auto& line : file.lines) {
        if (!line.get(CostColumn::ContractedCost)) null_contracted.push_back(line.source_line);
    }
    CHECK(null_contracted == std::vector<std::int64_t>{927, 928, 943, 946, 949, 950, 952});
    // Per provider (python3, same method): AWS 942 rows, Microsoft 51, Oracle 7.
    std::map<std::string, Decimal> by_provider;
    for (const auto& line : file.lines) by_provider[line.get(TextColumn::ProviderName)] += *line.get(CostColumn::BilledCost);
    REQUIRE(by_provider.size() == 3);
    CHECK(by_provider["AWS"].to_string() == "18.0066386184");
    CHECK(by_provider["Microsoft"].to_string() == "1.97651418586");
    CHECK(by_provider["Oracle"].to_string() == "0.53707392473");
}

TEST_CASE("FOCUS 1.0 sample: exact fields of an AWS, a credit, a Microsoft and an Oracle row") {
    const auto file = focus_sample();
    const UsageRecord& aws = line_at(file, 2);
    CHECK(aws.get(TextColumn::ProviderName) == "AWS");
    CHECK(aws.get(TextColumn::PublisherName) == "Amazon Web Services, Inc.");
    CHECK(aws.get(TextColumn::InvoiceIssuerName) == "Amazon Web Services, Inc.");
    CHECK(aws.get(TextColumn::BillingAccountId) == "1234567890123");
    CHECK(aws.get(TextColumn::SubAccountId) == "51738928782");
    CHECK(aws.get(TextColumn::ChargeCategory) == "Usage");
    CHECK(aws.get(TextColumn::ChargeClass) == "");  // NULL
    CHECK(aws.get(TextColumn::ServiceName) == "Amazon Simple Queue Service");
    CHECK(aws.get(TextColumn::SkuId) == "G95FST5FTYV3JSRX");
    CHECK(aws.get(TextColumn::SkuMeter) == "");  // FOCUS 1.0: no SkuMeter, no x_SkuMeterName
    CHECK(aws.get(TextColumn::RegionId) == "us-west-2");
    CHECK(aws.get(TextColumn::BillingCurrency) == "USD");
    CHECK(aws.get(TextColumn::ConsumedUnit) == "Requests");
    CHECK(text_of(aws.consumed_quantity) == "2");
    CHECK(text_of(aws.get(CostColumn::BilledCost)) == "0.0000008");
    CHECK(text_of(aws.get(CostColumn::EffectiveCost)) == "0");
    CHECK(text_of(aws.get(CostColumn::ListCost)) == "0.0000008");
    CHECK(text_of(aws.get(CostColumn::ContractedCost)) == "0");
    CHECK(instant_text(aws.billing_period_start) == "2024-09-01T00:00:00Z");
    CHECK(instant_text(aws.billing_period_end) == "2024-10-01T00:00:00Z");
    CHECK(instant_text(aws.charge_period_start) == "2024-09-18T22:00:00Z");
    CHECK(instant_text(aws.charge_period_end) == "2024-09-18T23:00:00Z");
    CHECK(aws.tags == "");  // NULL

    const UsageRecord& credit = line_at(file, 458);
    CHECK(credit.get(TextColumn::ChargeCategory) == "Credit");
    CHECK(text_of(credit.get(CostColumn::BilledCost)) == "-2.6137");
    CHECK(text_of(credit.get(CostColumn::EffectiveCost)) == "-3");
    CHECK(text_of(credit.consumed_quantity) == "null");
    CHECK(credit.get(TextColumn::ConsumedUnit) == "");

    const UsageRecord& microsoft = line_at(file, 948);
    CHECK(microsoft.get(TextColumn::ProviderName) == "Microsoft");
    CHECK(microsoft.get(TextColumn::BillingAccountId) == "/providers/Microsoft.Billing/billingAccounts/8611537");
    CHECK(microsoft.get(TextColumn::SubAccountId) == "/subscriptions/64e355d7-997c-491d-b0c1-8414dccfcf42");
    CHECK(microsoft.get(TextColumn::ServiceName) == "Storage Accounts");
    CHECK(text_of(microsoft.get(CostColumn::ContractedCost)) == "0.0000000015");
    // Keys that differ only by a leading space are both kept, as delivered.
    CHECK(microsoft.tags == R"({"env": "prod", "org": "trey", " org": "trey", "Project": "Foo", "CostCenter": "1234", )"
                            R"("CostAllocationTest": "Sameer"})");

    const UsageRecord& oracle = line_at(file, 949);
    CHECK(oracle.get(TextColumn::ProviderName) == "Oracle");
    CHECK(oracle.get(TextColumn::ChargeCategory) == "Adjustment");
    CHECK(oracle.get(TextColumn::RegionId) == "");  // NULL
    CHECK(oracle.get(TextColumn::ConsumedUnit) == "Gigabyte Per Hour");
    CHECK(text_of(oracle.get(CostColumn::ContractedCost)) == "null");
    CHECK(text_of(oracle.consumed_quantity) == "128");

    CHECK(line_at(file, 445).get(TextColumn::PublisherName) == "Red Hat Inc.");
}

TEST_CASE("FOCUS 1.3 draft AI sample: ServiceProviderName stands in for ProviderName and PublisherName") {
    const auto file =
        import_file(samples_dir() / "focus-draft-ai" / "csp_served_third_party_model.csv", "draft.csv");
    CHECK(file.format == Format::focus);
    CHECK(file.rows_read == 2);
    CHECK(file.lines.size() == 2);
    CHECK(file.rejects.empty());
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "4.5");  // 2.25 + 2.25
    const UsageRecord& input = line_at(file, 2);
    CHECK(input.get(TextColumn::ProviderName) == "Aura Web");
    CHECK(input.get(TextColumn::PublisherName) == "Aura Web");
    CHECK(input.get(TextColumn::InvoiceIssuerName) == "Aura Web");
    CHECK(input.get(TextColumn::BillingAccountId) == "acct-1001");
    CHECK(input.get(TextColumn::ServiceName) == "Aura Web Foundry");
    CHECK(input.get(TextColumn::SkuId) == "aura-web.solora-jupiter-5-input");
    CHECK(input.get(TextColumn::SkuMeter) == "Input Tokens");
    CHECK(input.get(TextColumn::ChargeCategory) == "Usage");
    CHECK(input.get(TextColumn::ConsumedUnit) == "Tokens");
    CHECK(text_of(input.consumed_quantity) == "3000000");
    CHECK(text_of(input.get(CostColumn::ContractedCost)) == "2.25");
    CHECK(instant_text(input.charge_period_start) == "2025-05-01T00:00:00Z");
    CHECK(instant_text(input.charge_period_end) == "2025-06-01T00:00:00Z");
    CHECK(input.get(TextColumn::RegionId) == "");  // no RegionId column
    CHECK(input.tags == "");                       // no Tags column
    CHECK(line_at(file, 3).get(TextColumn::SkuMeter) == "Output Tokens");
}

TEST_CASE("FOCUS 1.3 draft AI sample: who hosts, who provides, and the model's developer from SkuPriceDetails") {
    const auto file =
        import_file(samples_dir() / "focus-draft-ai" / "csp_served_third_party_model.csv", "draft.csv");
    REQUIRE(file.lines.size() == 2);
    const UsageRecord& input = line_at(file, 2);
    CHECK(input.get(TextColumn::HostProviderName) == "Aura Web");
    CHECK(input.get(TextColumn::ServiceProviderName) == "Aura Web");
    CHECK(input.get(TextColumn::x_SkuPriceDetails_ModelDeveloper) == "Solora AI");
    CHECK(input.get(TextColumn::x_SkuPriceDetails_ModelFamily) == "Solora Jupiter");
    CHECK(input.get(TextColumn::x_SkuPriceDetails_ModelId) == "aura-web.solora-jupiter-5");
    CHECK(input.get(TextColumn::x_SkuPriceDetails_ModelVersion) == "5.0");
    CHECK(input.get(TextColumn::x_SkuPriceDetails_TokenDirection) == "Input");
    CHECK(input.get(TextColumn::x_SkuPriceDetails_TokenCacheAction) == "Uncached");
    const UsageRecord& output = line_at(file, 3);
    CHECK(output.get(TextColumn::x_SkuPriceDetails_TokenDirection) == "Output");
    CHECK(output.get(TextColumn::x_SkuPriceDetails_TokenCacheAction) == "");  // not in its SkuPriceDetails
    CHECK(file.notes.empty());
    // Mapping 1 had none of these columns.
    const auto v1 = import_file(samples_dir() / "focus-draft-ai" / "csp_served_third_party_model.csv", "draft.csv",
                                std::nullopt, importers::Mapping::v1);
    CHECK(line_at(v1, 2).get(TextColumn::HostProviderName) == "");
    CHECK(line_at(v1, 2).get(TextColumn::x_SkuPriceDetails_ModelDeveloper) == "");
}

TEST_CASE("FOCUS 1.0-1.2: HostProviderName and ServiceProviderName are ProviderName; a bad SkuPriceDetails is a note") {
    ScratchDir dir;
    const std::string header = "BilledCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,"
                               "BillingPeriodStart,BillingPeriodEnd,ProviderName,BillingAccountId,SkuPriceDetails\n";
    const auto file = import_text(dir, "f.csv",
                                  header +
                                      "1.50,USD,Usage,2026-05-01T00:00:00Z,2026-05-02T00:00:00Z,2026-05-01T00:00:00Z,"
                                      "2026-06-01T00:00:00Z,Microsoft,acct,\"{\"\"ModelDeveloper\"\":\"\"OpenAI\"\"}\"\n"
                                      "2.50,USD,Usage,2026-05-01T00:00:00Z,2026-05-02T00:00:00Z,2026-05-01T00:00:00Z,"
                                      "2026-06-01T00:00:00Z,Microsoft,acct,\"{\"\"ModelDeveloper\"\": [1]}\"\n"
                                      "3.00,USD,Usage,2026-05-01T00:00:00Z,2026-05-02T00:00:00Z,2026-05-01T00:00:00Z,"
                                      "2026-06-01T00:00:00Z,Microsoft,acct,NULL\n");
    REQUIRE(file.lines.size() == 3);
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "7");  // the bad cell loses no cost
    CHECK(line_at(file, 2).get(TextColumn::HostProviderName) == "Microsoft");
    CHECK(line_at(file, 2).get(TextColumn::ServiceProviderName) == "Microsoft");
    CHECK(line_at(file, 2).get(TextColumn::x_SkuPriceDetails_ModelDeveloper) == "OpenAI");
    CHECK(line_at(file, 3).get(TextColumn::x_SkuPriceDetails_ModelDeveloper) == "");
    CHECK(line_at(file, 4).get(TextColumn::x_SkuPriceDetails_ModelDeveloper) == "");
    REQUIRE(file.notes.size() == 2);
    CHECK(file.notes[0].starts_with("the file has no EffectiveCost column: "));
    CHECK(file.notes[1].starts_with("1 row's SkuPriceDetails is not a flat JSON object (the first: line 3, "));
    CHECK(file.notes[1].ends_with("): its x_SkuPriceDetails columns read as empty there"));
}
