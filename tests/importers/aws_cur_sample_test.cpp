// The AWS CUR mappers on the real sample files in shared/samples (see its README).
#include "engine/core/period.hpp"
#include "tests/importers/aws_test_support.hpp"

#include <doctest/doctest.h>

#include <map>

using revshare::CostColumn;
using revshare::Decimal;
using revshare::format_instant;
using revshare::TextColumn;
using revshare::importers::Format;
using revshare::testing::samples_dir;
using revshare::testing::aws::cost_text;
using revshare::testing::aws::Imported;
using revshare::testing::aws::import_path;

namespace {

const Imported& legacy_sample() {
    static const Imported imported = import_path(
        samples_dir() / "aws-cur-legacy" / "focus_converters-sample-anonymous-aws-export-dataset.csv", "aws-legacy.csv");
    return imported;
}

const Imported& athena_sample() {
    static const Imported imported =
        import_path(samples_dir() / "aws-cur-legacy-athena" / "koku-2022-07-01-alt-columns.csv", "koku-athena.csv");
    return imported;
}

}  // namespace

TEST_CASE("AWS legacy sample: detected, every row imported") {
    const Imported& imported = legacy_sample();
    REQUIRE_FALSE(imported.refused.has_value());
    CHECK(imported.format == Format::aws_cur_legacy);
    CHECK(imported.rows_read == 1281);
    CHECK(imported.lines.size() == 1281);
    CHECK(imported.rejects.empty());
    std::map<std::string, int> by_category;
    for (const auto& line : imported.lines) ++by_category[line.get(TextColumn::ChargeCategory)];
    CHECK(by_category == std::map<std::string, int>{{"Tax", 12}, {"Usage", 1269}});
}

TEST_CASE("AWS legacy sample: exact sums over the whole file") {
    Decimal billed;
    Decimal effective;
    Decimal list;
    for (const auto& line : legacy_sample().lines) {
        REQUIRE(line.get(CostColumn::BilledCost).has_value());
        billed += *line.get(CostColumn::BilledCost);
        effective += *line.get(CostColumn::EffectiveCost);
        list += *line.get(CostColumn::ListCost);
    }
    // Expected totals computed independently with Python's decimal module:
    //   sum(Decimal(r['lineItem/UnblendedCost']) for r in csv.DictReader(open(sample)))     -> 1.68230869740
    //   sum(Decimal(r['pricing/publicOnDemandCost']) for r in csv.DictReader(open(sample))) -> 3.3561726949
    CHECK(billed.to_string() == "1.6823086974");
    CHECK(list.to_string() == "3.3561726949");
    // Only Usage and Tax rows and no NetUnblendedCost column: EffectiveCost = UnblendedCost.
    CHECK(effective == billed);
}

TEST_CASE("AWS legacy sample: a Tax row (line 2)") {
    const auto& line = legacy_sample().at(2);
    CHECK(line.get(TextColumn::ProviderName) == "AWS");
    CHECK(line.get(TextColumn::PublisherName) == "Amazon Web Services Canada, Inc.");
    CHECK(line.get(TextColumn::InvoiceIssuerName) == "Amazon Web Services Canada, Inc.");
    CHECK(line.get(TextColumn::BillingAccountId) == "123412340534");
    CHECK(line.get(TextColumn::SubAccountId) == "123412340534");
    CHECK(line.get(TextColumn::ChargeCategory) == "Tax");
    CHECK(line.get(TextColumn::ChargeClass) == "");
    CHECK(line.get(TextColumn::ServiceName) == "AWS CloudTrail");
    CHECK(line.get(TextColumn::SkuId) == "");
    CHECK(line.get(TextColumn::SkuMeter) == "");
    CHECK(line.get(TextColumn::RegionId) == "");
    CHECK(line.get(TextColumn::BillingCurrency) == "USD");
    CHECK(line.get(TextColumn::x_ServiceCode) == "AWSCloudTrail");
    CHECK(line.get(TextColumn::x_UsageType) == "");
    CHECK(line.get(TextColumn::x_Operation) == "");
    CHECK(line.get(TextColumn::x_SkuMeterCategory) == "");
    CHECK(line.get(TextColumn::x_PublisherCategory) == "");
    // Tax is not usage: no quantity even though lineItem/UsageAmount says 1.0.
    CHECK_FALSE(line.consumed_quantity.has_value());
    CHECK(line.get(TextColumn::ConsumedUnit) == "");
    CHECK(cost_text(line.get(CostColumn::BilledCost)) == "0");
    CHECK(cost_text(line.get(CostColumn::EffectiveCost)) == "0");
    CHECK(cost_text(line.get(CostColumn::ListCost)) == "0");
    CHECK(cost_text(line.get(CostColumn::ContractedCost)) == "0");
    CHECK(format_instant(line.billing_period_start) == "2023-11-01T00:00:00Z");
    CHECK(format_instant(line.billing_period_end) == "2023-12-01T00:00:00Z");
    CHECK(format_instant(line.charge_period_start) == "2023-11-01T00:00:00Z");
    CHECK(format_instant(line.charge_period_end) == "2023-12-01T00:00:00Z");
    CHECK(line.tags == "");
}

TEST_CASE("AWS legacy sample: E-notation cost and quantity, region from product/region (line 16)") {
    const auto& line = legacy_sample().at(16);
    CHECK(line.get(TextColumn::ChargeCategory) == "Usage");
    CHECK(line.get(TextColumn::ServiceName) == "Amazon Simple Storage Service");
    CHECK(line.get(TextColumn::SkuId) == "2BG23xxxxxxBKVFW");
    CHECK(line.get(TextColumn::SkuMeter) == "USE1-EUC1-AWS-Out-Bytes");
    CHECK(line.get(TextColumn::x_UsageType) == "USE1-EUC1-AWS-Out-Bytes");
    CHECK(line.get(TextColumn::x_Operation) == "HeadBucket");
    CHECK(line.get(TextColumn::x_ServiceCode) == "AmazonS3");
    // product/regionCode is empty on this row; product/region has the code.
    CHECK(line.get(TextColumn::RegionId) == "us-east-1");
    CHECK(cost_text(line.get(CostColumn::BilledCost)) == "0.0000000181");     // 1.81E-8
    CHECK(cost_text(line.get(CostColumn::EffectiveCost)) == "0.0000000181");
    CHECK(cost_text(line.get(CostColumn::ContractedCost)) == "0.0000000181");
    CHECK(cost_text(line.get(CostColumn::ListCost)) == "0.0000000181");
    CHECK(cost_text(line.consumed_quantity) == "0.0000009052");               // 9.052E-7
    CHECK(line.get(TextColumn::ConsumedUnit) == "GB");
    CHECK(format_instant(line.charge_period_start) == "2023-11-04T23:00:00Z");
    CHECK(format_instant(line.charge_period_end) == "2023-11-05T00:00:00Z");
}

TEST_CASE("AWS legacy sample: the largest cost (line 925)") {
    const auto& line = legacy_sample().at(925);
    CHECK(line.get(TextColumn::ServiceName) == "Amazon Simple Storage Service");
    CHECK(line.get(TextColumn::SkuMeter) == "USW2-Requests-Tier3");
    CHECK(line.get(TextColumn::x_Operation) == "S3-GlacierTransition");
    CHECK(line.get(TextColumn::RegionId) == "us-west-2");
    CHECK(cost_text(line.get(CostColumn::BilledCost)) == "0.16641");
    CHECK(cost_text(line.consumed_quantity) == "5547");
    CHECK(line.get(TextColumn::ConsumedUnit) == "Requests");
    CHECK(format_instant(line.charge_period_start) == "2023-11-06T00:00:00Z");
    CHECK(format_instant(line.charge_period_end) == "2023-11-06T16:00:00Z");
}

TEST_CASE("AWS Athena sample: detected, Marketplace rows name the seller") {
    const Imported& imported = athena_sample();
    REQUIRE_FALSE(imported.refused.has_value());
    CHECK(imported.format == Format::aws_cur_legacy_athena);
    CHECK(imported.rows_read == 2);
    REQUIRE(imported.lines.size() == 2);
    CHECK(imported.rejects.empty());

    const auto& line = imported.at(2);
    CHECK(line.get(TextColumn::ProviderName) == "AWS");
    CHECK(line.get(TextColumn::PublisherName) == "Red Hat, Inc.");  // the seller (line_item_legal_entity)
    CHECK(line.get(TextColumn::InvoiceIssuerName) == "Amazon Web Services, Inc.");
    CHECK(line.get(TextColumn::BillingAccountId) == "999999");
    CHECK(line.get(TextColumn::SubAccountId) == "999999");
    CHECK(line.get(TextColumn::ChargeCategory) == "Usage");
    CHECK(line.get(TextColumn::ChargeClass) == "");
    CHECK(line.get(TextColumn::ServiceName) == "Red Hat\xC2\xAE Enterprise Linux\xC2\xAE");
    CHECK(line.get(TextColumn::SkuId) == "52KUDV3HNNAWJGTF");
    CHECK(line.get(TextColumn::SkuMeter) == "SoftwareUsage:t2.nano");
    CHECK(line.get(TextColumn::RegionId) == "us-east-1");
    CHECK(line.get(TextColumn::BillingCurrency) == "USD");
    CHECK(line.get(TextColumn::x_ServiceCode) == "mra");
    CHECK(line.get(TextColumn::x_UsageType) == "SoftwareUsage:t2.nano");
    CHECK(line.get(TextColumn::x_Operation) == "Hourly");
    CHECK(cost_text(line.get(CostColumn::BilledCost)) == "0");
    CHECK(cost_text(line.get(CostColumn::EffectiveCost)) == "0");
    CHECK(cost_text(line.get(CostColumn::ListCost)) == "0");
    CHECK(cost_text(line.get(CostColumn::ContractedCost)) == "0");
    CHECK(cost_text(line.consumed_quantity) == "1");
    CHECK(line.get(TextColumn::ConsumedUnit) == "Hrs");
    // Only resource_tags_aws_created_by has a value; the two user tags are empty.
    CHECK(line.tags == R"({"aws_created_by":"IAMUser:fake:and"})");
    CHECK(format_instant(line.billing_period_start) == "2022-07-01T00:00:00Z");
    CHECK(format_instant(line.billing_period_end) == "2022-08-01T00:00:00Z");
    CHECK(format_instant(line.charge_period_start) == "2022-07-01T00:00:00Z");
    CHECK(format_instant(line.charge_period_end) == "2022-07-01T01:00:00Z");

    const auto& second = imported.at(3);
    CHECK(second.get(TextColumn::PublisherName) == "Red Hat, Inc.");
    CHECK(format_instant(second.charge_period_start) == "2022-07-01T01:00:00Z");
    CHECK(format_instant(second.charge_period_end) == "2022-07-01T02:00:00Z");
}
