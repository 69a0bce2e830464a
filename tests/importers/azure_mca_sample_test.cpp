// The real Azure MCA sample (shared/samples/azure-mca, koku) read through ExportReader.
#include "tests/importers/azure_focus_import.hpp"

using namespace revshare;
using namespace revshare::testing;
using revshare::importers::Format;

namespace {
ImportedFile koku_sample() {
    return import_file(samples_dir() / "azure-mca" / "koku-camel_azure_version_2.csv", "koku.csv");
}
}  // namespace

TEST_CASE("Azure MCA sample (camelCase, CRLF, 24-decimal costs): every row imports") {
    const auto file = koku_sample();
    CHECK(file.format == Format::azure_mca);
    CHECK(file.rows_read == 4);
    CHECK(file.lines.size() == 4);
    CHECK(file.rejects.empty());
    // python3: sum(decimal.Decimal(c) for c in the costInBillingCurrency column).
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "0.0000262412");
    CHECK(total_of(file.lines, CostColumn::ListCost) == "0.0000262412");  // paygCostInBillingCurrency
    CHECK(total_quantity_of(file.lines) == "18.000348");                  // python3, quantity × block size
    for (const auto& line : file.lines) {
        // Open month: the billing-period cells are empty, so the calendar month of `date`.
        CHECK(instant_text(line.billing_period_start) == "2023-08-01T00:00:00Z");
        CHECK(instant_text(line.billing_period_end) == "2023-09-01T00:00:00Z");
        CHECK(instant_text(line.charge_period_start) == "2023-08-01T00:00:00Z");
        CHECK(instant_text(line.charge_period_end) == "2023-08-02T00:00:00Z");
        CHECK(line.get(TextColumn::BillingAccountId) ==
              "/providers/Microsoft.Billing/billingAccounts/3c100a8a-215e-5a7e-24b2-61aa86945012"
              "/billingProfiles/NF5V-BI6B-BG7-PGB");
        CHECK(line.get(TextColumn::SubAccountId) == "/subscriptions/2639de71-ca37-4a17-a104-17665a50e7fc");
        CHECK(line.get(TextColumn::InvoiceIssuerName) == "Microsoft");  // resellerName empty
        CHECK(line.get(TextColumn::PublisherName) == "Microsoft");
        CHECK(line.get(TextColumn::x_PublisherCategory) == "Cloud Provider");  // publisherType Microsoft
        CHECK(line.get(TextColumn::ChargeCategory) == "Usage");
        CHECK(line.get(TextColumn::BillingCurrency) == "USD");
    }
}

TEST_CASE("Azure MCA sample: exact fields of two rows") {
    const auto file = koku_sample();
    const UsageRecord& stored = line_at(file, 2);
    CHECK(stored.get(TextColumn::ServiceName) == "Storage");
    CHECK(stored.get(TextColumn::SkuId) == "DZH318Z0BNZJ005D");  // ProductId
    CHECK(stored.get(TextColumn::SkuMeter) == "Hot RA-GRS Data Stored");
    CHECK(stored.get(TextColumn::x_SkuMeterSubcategory) == "Blob Storage");
    CHECK(stored.get(TextColumn::RegionId) == "eastus");
    CHECK(text_of(stored.get(CostColumn::BilledCost)) == "0.0000204972");
    CHECK(text_of(stored.consumed_quantity) == "0.000348");
    CHECK(stored.get(TextColumn::ConsumedUnit) == "GB/Month");  // 1 GB/Month
    CHECK(stored.tags == "");

    const UsageRecord& reads = line_at(file, 5);
    CHECK(text_of(reads.get(CostColumn::BilledCost)) == "0.000000144");  // 0.000000144000000000000000
    CHECK(text_of(reads.get(CostColumn::EffectiveCost)) == "0.000000144");
    CHECK(text_of(reads.get(CostColumn::ListCost)) == "0.000000144");
    CHECK(text_of(reads.get(CostColumn::ContractedCost)) == "null");
    CHECK(text_of(reads.consumed_quantity) == "4");  // 0.00040 blocks of 10K
    CHECK(reads.get(TextColumn::ConsumedUnit) == "Units");
    CHECK(reads.get(TextColumn::SkuId) == "DZH318Z0BNZH006F");
    CHECK(reads.get(TextColumn::SkuMeter) == "Read Operations");
    CHECK(reads.get(TextColumn::RegionId) == "eastus2");
    CHECK(reads.tags == R"({"project":"p1"})");
}
