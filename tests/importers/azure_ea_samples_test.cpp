// The real Azure EA samples (shared/samples/azure-ea) read end to end through ExportReader.
#include "tests/importers/azure_focus_import.hpp"

using namespace revshare;
using namespace revshare::testing;
using revshare::importers::Format;

namespace {

std::filesystem::path ea_sample(const std::string& name) { return samples_dir() / "azure-ea" / name; }

void check_no_carriage_returns(const ImportedFile& file) {
    for (const auto& line : file.lines) {
        for (const auto& text : line.text) CHECK(text.find('\r') == std::string::npos);
        CHECK(line.tags.find('\r') == std::string::npos);
    }
}

}  // namespace

TEST_CASE("Azure EA actual-cost sample (toolkit header, BOM): every row imports") {
    const auto file = import_file(ea_sample("finops-toolkit-EA_ActualCost_Small.csv"), "actual.csv");
    CHECK(file.format == Format::azure_ea);
    CHECK(file.header.front() == "BillingAccountId");  // the BOM is not part of the first name
    CHECK(file.rows_read == 11);
    CHECK(file.lines.size() == 11);
    CHECK(file.rejects.empty());
    // Sum of the `Cost` column, computed with python3: sum(decimal.Decimal(c) for c in costs).
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "8.5450077867419368");
    // The same without the reservation purchase (3.25): it is amortized into the usage it covers.
    CHECK(total_of(file.lines, CostColumn::EffectiveCost) == "5.2950077867419368");
    CHECK(total_of(file.lines, CostColumn::ListCost) == "0");  // no PaygCostInBillingCurrency column
    // Sum of Quantity × block size (10K -> 10000, others 1), python3 decimal.
    CHECK(total_quantity_of(file.lines) == "106.06559406");
}

TEST_CASE("Azure EA actual-cost sample: a Purchase row with an empty publisher") {
    const auto file = import_file(ea_sample("finops-toolkit-EA_ActualCost_Small.csv"), "actual.csv");
    const UsageRecord& line = line_at(file, 2);
    CHECK(line.get(TextColumn::ProviderName) == "Microsoft");
    CHECK(line.get(TextColumn::PublisherName) == "Microsoft");  // empty cell, PublisherType Azure
    CHECK(line.get(TextColumn::InvoiceIssuerName) == "Microsoft");
    CHECK(line.get(TextColumn::BillingAccountId) == "/providers/Microsoft.Billing/billingAccounts/8611537");
    CHECK(line.get(TextColumn::SubAccountId) == "/subscriptions/1caaa5a3-2b66-438e-8ab4-bce37d518c5d");
    CHECK(line.get(TextColumn::ChargeCategory) == "Purchase");
    CHECK(line.get(TextColumn::ChargeClass) == "");
    CHECK(line.get(TextColumn::ServiceName) == "Virtual Machines");
    CHECK(line.get(TextColumn::SkuId) == "AAA-88134");
    CHECK(line.get(TextColumn::SkuMeter) == "B1s");
    CHECK(line.get(TextColumn::RegionId) == "uksouth");
    CHECK(line.get(TextColumn::BillingCurrency) == "USD");
    CHECK(line.get(TextColumn::x_SkuMeterCategory) == "Virtual Machines");
    CHECK(line.get(TextColumn::x_SkuMeterSubcategory) == "BS Series");
    CHECK(line.get(TextColumn::x_SkuMeterName) == "B1s");
    CHECK(line.get(TextColumn::x_PublisherCategory) == "Cloud Provider");
    CHECK(line.get(TextColumn::x_ServiceCode) == "");
    CHECK(text_of(line.get(CostColumn::BilledCost)) == "3.25");
    CHECK(text_of(line.get(CostColumn::EffectiveCost)) == "0");  // PricingModel Reservation: amortized away
    CHECK(text_of(line.get(CostColumn::ListCost)) == "null");
    CHECK(text_of(line.get(CostColumn::ContractedCost)) == "null");
    CHECK(text_of(line.consumed_quantity) == "1");
    CHECK(line.get(TextColumn::ConsumedUnit) == "Hours");  // 1 Hour, in FOCUS's plural
    CHECK(instant_text(line.billing_period_start) == "2023-09-01T00:00:00Z");
    CHECK(instant_text(line.billing_period_end) == "2023-10-01T00:00:00Z");  // 09/30/2023 inclusive
    CHECK(instant_text(line.charge_period_start) == "2023-09-21T00:00:00Z");
    CHECK(instant_text(line.charge_period_end) == "2023-09-22T00:00:00Z");
    CHECK(line.tags == "");
    CHECK(line.source_line == 2);
}

TEST_CASE("Azure EA actual-cost sample: 10K blocks, lower-cased region, brace-less tags") {
    const auto file = import_file(ea_sample("finops-toolkit-EA_ActualCost_Small.csv"), "actual.csv");
    const UsageRecord& line = line_at(file, 3);
    CHECK(line.get(TextColumn::ChargeCategory) == "Usage");
    CHECK(line.get(TextColumn::PublisherName) == "Microsoft");
    CHECK(line.get(TextColumn::ServiceName) == "Storage");
    CHECK(line.get(TextColumn::SkuMeter) == "GRS List and Create Container Operations");
    CHECK(line.get(TextColumn::x_SkuMeterSubcategory) == "Tiered Block Blob");
    CHECK(line.get(TextColumn::RegionId) == "eastus2");  // EastUS2
    CHECK(text_of(line.get(CostColumn::BilledCost)) == "0.00004");
    CHECK(text_of(line.consumed_quantity) == "4");  // 0.0004 blocks of 10K
    CHECK(line.get(TextColumn::ConsumedUnit) == "Units");
    CHECK(line.tags == R"({"CostCenter": "1234","env": "prod","org": "trey","application": "databricks",)"
                       R"("databricks-environment": "true"})");
    const UsageRecord& monthly = line_at(file, 12);
    CHECK(text_of(monthly.get(CostColumn::BilledCost)) == "0.4838709677419368");
    CHECK(text_of(monthly.consumed_quantity) == "0.03225806");
    CHECK(monthly.get(TextColumn::ConsumedUnit) == "Units/Month");  // 1/Month
    CHECK(line_at(file, 8).get(TextColumn::RegionId) == "");         // empty ResourceLocation
}

TEST_CASE("Azure EA amortized-cost sample: same header as actual, 28 rows, long decimals kept") {
    const auto file = import_file(ea_sample("finops-toolkit-EA_AmortizedCost_Small.csv"), "amortized.csv");
    CHECK(file.format == Format::azure_ea);
    CHECK(file.rows_read == 28);
    CHECK(file.lines.size() == 28);
    CHECK(file.rejects.empty());
    // python3: sum(decimal.Decimal(c) for c in the Cost column), trailing zeros dropped.
    CHECK(total_of(file.lines, CostColumn::EffectiveCost) == "16.296932136636644627485419");
    // The same without the two rows a commitment covers (PricingModel Reservation 0.493152 and
    // SavingsPlan 0.006000000468): invoiced when the commitment was bought, not again in use.
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "15.797780136168644627485419");
    CHECK(total_quantity_of(file.lines) == "1588.21786553");  // python3, Quantity × block size
    CHECK(text_of(line_at(file, 13).get(CostColumn::BilledCost)) == "0.000000007292255759239199");
    CHECK(text_of(line_at(file, 19).get(CostColumn::BilledCost)) == "0.161000000000000136");
    CHECK(line_at(file, 19).get(TextColumn::ConsumedUnit) == "Units/Day");  // 1/Day
    const UsageRecord& retention = line_at(file, 6);
    CHECK(retention.get(TextColumn::ConsumedUnit) == "GB/Month");  // 1 GB/Month
    CHECK(text_of(retention.consumed_quantity) == "24.80634996");
    CHECK(retention.get(TextColumn::x_SkuMeterSubcategory) == "");
    const UsageRecord& reserved = line_at(file, 2);  // reservation usage, empty PublisherName
    CHECK(reserved.get(TextColumn::PublisherName) == "Microsoft");
    CHECK(reserved.get(TextColumn::ChargeCategory) == "Usage");
    CHECK(reserved.get(TextColumn::SkuId) == "997-03401");
    CHECK(text_of(reserved.get(CostColumn::EffectiveCost)) == "0.493152");
    CHECK(text_of(reserved.get(CostColumn::BilledCost)) == "0");
    CHECK(reserved.get(TextColumn::ConsumedUnit) == "Hours");
    CHECK(instant_text(reserved.charge_period_start) == "2023-09-22T00:00:00Z");
}

TEST_CASE("Azure EA samples read with mapping 1 give the lines imports made before mapping 2") {
    const auto amortized = import_file(ea_sample("finops-toolkit-EA_AmortizedCost_Small.csv"), "amortized.csv",
                                       std::nullopt, importers::Mapping::v1);
    CHECK(total_of(amortized.lines, CostColumn::BilledCost) == "16.296932136636644627485419");
    CHECK(total_of(amortized.lines, CostColumn::EffectiveCost) == "16.296932136636644627485419");
    CHECK(line_at(amortized, 2).get(TextColumn::ConsumedUnit) == "Hour");
    const auto actual = import_file(ea_sample("finops-toolkit-EA_ActualCost_Small.csv"), "actual.csv", std::nullopt,
                                    importers::Mapping::v1);
    CHECK(total_of(actual.lines, CostColumn::EffectiveCost) == "8.5450077867419368");
    CHECK(text_of(line_at(actual, 2).get(CostColumn::EffectiveCost)) == "3.25");
}

TEST_CASE("Azure EA export re-saved by Excel: CRLF, M/D/YYYY dates, 5.64902E-05 costs, CAD") {
    const auto file = import_file(ea_sample("focus_converters-sample-anonymous-ea-export-dataset.csv"), "excel.csv");
    CHECK(file.format == Format::azure_ea);
    CHECK(file.header.front() == "InvoiceSectionName");
    CHECK(file.rows_read == 27);
    CHECK(file.lines.size() == 27);
    CHECK(file.rejects.empty());
    check_no_carriage_returns(file);
    // python3: sum(decimal.Decimal(c) for c in the CostInBillingCurrency column) (E-notation included).
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "1.26136926505726");
    CHECK(total_quantity_of(file.lines) == "8858.567364336466");  // python3, Quantity × block size

    const UsageRecord& line = line_at(file, 3);
    CHECK(text_of(line.get(CostColumn::BilledCost)) == "0.0000564902");  // 5.64902E-05
    CHECK(text_of(line.consumed_quantity) == "129");                     // 0.0129 blocks of 10K
    CHECK(line.get(TextColumn::BillingCurrency) == "CAD");
    CHECK(line.get(TextColumn::PublisherName) == "Microsoft");
    CHECK(line.get(TextColumn::BillingAccountId) == "/providers/Microsoft.Billing/billingAccounts/12345678");
    CHECK(line.get(TextColumn::SubAccountId) == "/subscriptions/d275fcd5-3305-4a03-80c2-999999999999");
    CHECK(line.get(TextColumn::SkuId) == "ABC-1235");
    CHECK(line.get(TextColumn::RegionId) == "centralus");
    CHECK(instant_text(line.charge_period_start) == "2023-09-02T00:00:00Z");  // 9/2/2023
    CHECK(instant_text(line.charge_period_end) == "2023-09-03T00:00:00Z");
    CHECK(instant_text(line.billing_period_start) == "2023-09-01T00:00:00Z");  // 9/1/2023
    CHECK(instant_text(line.billing_period_end) == "2023-10-01T00:00:00Z");    // 9/30/2023 inclusive
    CHECK(line.tags == R"({"tagA": "valueA","tagB": "valueB","tagC": "valueC"})");

    CHECK(text_of(line_at(file, 10).consumed_quantity) == "0.0000142949");  // 1.42949E-05 × 1
    CHECK(text_of(line_at(file, 10).get(CostColumn::BilledCost)) == "0.000000160101");
    CHECK(text_of(line_at(file, 25).consumed_quantity) == "428");  // 0.428 blocks of 1K
    CHECK(line_at(file, 25).get(TextColumn::ConsumedUnit) == "Units");
    CHECK(line_at(file, 28).get(TextColumn::ServiceName) == "Event Hubs");
}
