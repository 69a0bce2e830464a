// The legacy AWS CUR mapper on small inline files: each LineItemType, the cost bases, tags,
// numbers, and the header checks. The header is the real legacy sample's (94 columns) plus a
// reservation ARN and three tag columns appended at the end.
#include "engine/core/period.hpp"
#include "tests/importers/aws_test_support.hpp"

#include <doctest/doctest.h>

using revshare::CostColumn;
using revshare::format_instant;
using revshare::TextColumn;
using revshare::testing::aws::cost_text;
using revshare::testing::aws::accepted;
using revshare::testing::aws::Cells;


TEST_CASE("AWS legacy: a usage row, column by column") {
    const auto line = accepted({});
    CHECK(line.source_line == 2);
    CHECK(line.get(TextColumn::ProviderName) == "AWS");
    CHECK(line.get(TextColumn::PublisherName) == "Amazon Web Services, Inc.");
    CHECK(line.get(TextColumn::InvoiceIssuerName) == "Amazon Web Services, Inc.");
    CHECK(line.get(TextColumn::BillingAccountId) == "012345678901");  // leading zero kept
    CHECK(line.get(TextColumn::SubAccountId) == "000011112222");
    CHECK(line.get(TextColumn::ChargeCategory) == "Usage");
    CHECK(line.get(TextColumn::ChargeClass) == "");
    CHECK(line.get(TextColumn::ServiceName) == "Amazon Bedrock");
    CHECK(line.get(TextColumn::SkuId) == "ABCDEFGH12345678");
    CHECK(line.get(TextColumn::SkuMeter) == "USE1-TitanTextExpress-input-tokens");
    CHECK(line.get(TextColumn::RegionId) == "us-east-1");
    CHECK(line.get(TextColumn::BillingCurrency) == "USD");
    CHECK(line.get(TextColumn::ConsumedUnit) == "Units");
    CHECK(line.get(TextColumn::x_ServiceCode) == "AmazonBedrock");
    CHECK(line.get(TextColumn::x_UsageType) == "USE1-TitanTextExpress-input-tokens");
    CHECK(line.get(TextColumn::x_Operation) == "InvokeModelInference");
    CHECK(line.get(TextColumn::x_SkuMeterCategory) == "");
    CHECK(line.get(TextColumn::x_SkuMeterSubcategory) == "");
    CHECK(line.get(TextColumn::x_SkuMeterName) == "");
    CHECK(line.get(TextColumn::x_PublisherCategory) == "");
    CHECK(cost_text(line.get(CostColumn::BilledCost)) == "0.00024");
    CHECK(cost_text(line.get(CostColumn::EffectiveCost)) == "0.00024");
    CHECK(cost_text(line.get(CostColumn::ListCost)) == "0.00024");
    CHECK(cost_text(line.get(CostColumn::ContractedCost)) == "0.00024");
    CHECK(cost_text(line.consumed_quantity) == "1200");
    CHECK(format_instant(line.billing_period_start) == "2025-03-01T00:00:00Z");
    CHECK(format_instant(line.billing_period_end) == "2025-04-01T00:00:00Z");
    CHECK(format_instant(line.charge_period_start) == "2025-03-05T00:00:00Z");
    CHECK(format_instant(line.charge_period_end) == "2025-03-05T01:00:00Z");
    CHECK(line.tags == "");
}

TEST_CASE("AWS legacy: every LineItemType maps to its ChargeCategory") {
    struct Case {
        const char* type;
        const char* category;
        bool has_quantity;
    };
    const Case cases[] = {
        {"Usage", "Usage", true},
        {"DiscountedUsage", "Usage", true},
        {"SavingsPlanCoveredUsage", "Usage", true},
        {"SavingsPlanNegation", "Usage", false},
        {"Fee", "Purchase", false},
        {"RIFee", "Purchase", false},
        {"SavingsPlanUpfrontFee", "Purchase", false},
        {"SavingsPlanRecurringFee", "Purchase", false},
        {"Tax", "Tax", false},
        {"Credit", "Credit", false},
        {"Refund", "Credit", false},
        {"BundledDiscount", "Credit", false},
        {"Discount", "Credit", false},
        {"EdpDiscount", "Credit", false},
        {"PrivateRateDiscount", "Credit", false},
        {"DistributorDiscount", "Credit", false},
        {"SppDiscount", "Credit", false},
    };
    for (const Case& c : cases) {
        CAPTURE(c.type);
        const auto line = accepted({{"lineItem/LineItemType", c.type}});
        CHECK(line.get(TextColumn::ChargeCategory) == c.category);
        CHECK(line.get(TextColumn::ChargeClass) == (std::string(c.type) == "Refund" ? "Correction" : ""));
        CHECK(line.consumed_quantity.has_value() == c.has_quantity);
        CHECK(line.get(TextColumn::ConsumedUnit) == (c.has_quantity ? "Units" : ""));
    }
}

TEST_CASE("AWS legacy: a Refund bill makes any row a Correction") {
    const auto line = accepted({{"bill/BillType", "Refund"}, {"lineItem/LineItemType", "Credit"},
                                {"lineItem/UnblendedCost", "-12.5"}});
    CHECK(line.get(TextColumn::ChargeCategory) == "Credit");
    CHECK(line.get(TextColumn::ChargeClass) == "Correction");
    CHECK(cost_text(line.get(CostColumn::BilledCost)) == "-12.5");
}

TEST_CASE("AWS legacy: EffectiveCost amortises commitments") {
    auto effective = [](const Cells& overrides) { return cost_text(accepted(overrides).get(CostColumn::EffectiveCost)); };
    CHECK(effective({{"lineItem/LineItemType", "SavingsPlanCoveredUsage"}, {"lineItem/UnblendedCost", "0.5"},
                     {"savingsPlan/SavingsPlanEffectiveCost", "0.31"}}) == "0.31");
    CHECK(effective({{"lineItem/LineItemType", "DiscountedUsage"}, {"lineItem/UnblendedCost", "0"},
                     {"reservation/EffectiveCost", "0.2"}}) == "0.2");
    CHECK(effective({{"lineItem/LineItemType", "SavingsPlanNegation"}, {"lineItem/UnblendedCost", "-0.5"}}) == "0");
    CHECK(effective({{"lineItem/LineItemType", "SavingsPlanUpfrontFee"}, {"lineItem/UnblendedCost", "8760"}}) == "0");
    // Recurring commitment fees count only their unused part.
    CHECK(effective({{"lineItem/LineItemType", "SavingsPlanRecurringFee"}, {"lineItem/UnblendedCost", "10"},
                     {"savingsPlan/TotalCommitmentToDate", "10"}, {"savingsPlan/UsedCommitment", "7.5"}}) == "2.5");
    CHECK(effective({{"lineItem/LineItemType", "RIFee"}, {"lineItem/UnblendedCost", "3"},
                     {"reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "1.25"},
                     {"reservation/UnusedRecurringFee", "0.5"}}) == "1.75");
    // An empty operand counts as zero; both empty leave the cost empty.
    CHECK(effective({{"lineItem/LineItemType", "RIFee"}, {"reservation/UnusedRecurringFee", "0.5"}}) == "0.5");
    CHECK(effective({{"lineItem/LineItemType", "RIFee"}}) == "(null)");
    // A Fee naming a reservation is an RI upfront payment; any other Fee counts in full.
    CHECK(effective({{"lineItem/LineItemType", "Fee"}, {"lineItem/UnblendedCost", "300"},
                     {"reservation/ReservationARN", "arn:aws:ec2:us-east-1:012345678901:reserved-instances/abc"}}) == "0");
    CHECK(effective({{"lineItem/LineItemType", "Fee"}, {"lineItem/UnblendedCost", "29"}}) == "29");
    // BilledCost stays the unblended cost whatever the effective cost is.
    const auto negation = accepted({{"lineItem/LineItemType", "SavingsPlanNegation"}, {"lineItem/UnblendedCost", "-0.5"}});
    CHECK(cost_text(negation.get(CostColumn::BilledCost)) == "-0.5");
    CHECK(cost_text(negation.get(CostColumn::ContractedCost)) == "-0.5");
}

TEST_CASE("AWS legacy: E-notation, negative and empty cost cells") {
    const auto small = accepted({{"lineItem/UnblendedCost", "3.08E-6"}, {"lineItem/UsageAmount", "1.2e+3"}});
    CHECK(cost_text(small.get(CostColumn::BilledCost)) == "0.00000308");
    CHECK(cost_text(small.consumed_quantity) == "1200");
    CHECK(cost_text(accepted({{"lineItem/UnblendedCost", "-1.5E+2"}}).get(CostColumn::BilledCost)) == "-150");

    const auto empty = accepted({{"lineItem/UnblendedCost", ""}, {"pricing/publicOnDemandCost", ""},
                                 {"lineItem/UsageAmount", ""}});
    CHECK_FALSE(empty.get(CostColumn::BilledCost).has_value());
    CHECK_FALSE(empty.get(CostColumn::EffectiveCost).has_value());
    CHECK_FALSE(empty.get(CostColumn::ListCost).has_value());
    CHECK_FALSE(empty.get(CostColumn::ContractedCost).has_value());
    CHECK_FALSE(empty.consumed_quantity.has_value());
    // No cost at all: the currency is not checked, and is kept as delivered.
    const auto no_currency = accepted({{"lineItem/UnblendedCost", ""}, {"pricing/publicOnDemandCost", ""},
                                       {"lineItem/CurrencyCode", ""}});
    CHECK(no_currency.get(TextColumn::BillingCurrency) == "");
}

TEST_CASE("AWS legacy: tags are a sorted JSON object of the non-empty tag columns") {
    CHECK(accepted({}).tags == "");
    const auto line = accepted({{"resourceTags/user:team", "ml"},
                                {"resourceTags/aws:createdBy", "IAMUser:AIDAEXAMPLE:ops"},
                                {"resourceTags/user:Name", "say \"hi\", C:\\temp\ttab"}});
    CHECK(line.tags == R"({"aws:createdBy":"IAMUser:AIDAEXAMPLE:ops","user:Name":"say \"hi\", C:\\temp\ttab","user:team":"ml"})");
    CHECK(accepted({{"resourceTags/user:Name", "caf\xC3\xA9"}}).tags == "{\"user:Name\":\"caf\xC3\xA9\"}");
}

TEST_CASE("AWS legacy: RegionId falls back to product/region, ServiceName to the product code") {
    const auto line = accepted({{"product/regionCode", ""}, {"product/region", "eu-west-1"}, {"product/ProductName", ""}});
    CHECK(line.get(TextColumn::RegionId) == "eu-west-1");
    CHECK(line.get(TextColumn::ServiceName) == "AmazonBedrock");
}

TEST_CASE("AWS legacy: a Marketplace model row names the seller") {
    const auto line = accepted({{"bill/InvoicingEntity", "Amazon Web Services, Inc."},
                                {"lineItem/LegalEntity", "Example Model Labs, Inc."},
                                {"lineItem/ProductCode", "prod-7ab3kq2x9example"},
                                {"product/ProductName", "Example Model 2 (Amazon Bedrock Edition)"},
                                {"lineItem/UsageType", "USE1-MP:USE1_InputTokenCount-Units"}});
    CHECK(line.get(TextColumn::PublisherName) == "Example Model Labs, Inc.");
    CHECK(line.get(TextColumn::InvoiceIssuerName) == "Amazon Web Services, Inc.");
    CHECK(line.get(TextColumn::ServiceName) == "Example Model 2 (Amazon Bedrock Edition)");
    CHECK(line.get(TextColumn::x_ServiceCode) == "prod-7ab3kq2x9example");
}
