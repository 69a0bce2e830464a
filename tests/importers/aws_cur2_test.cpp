// AWS CUR 2.0 (Data Exports) on inline files. No real CUR 2.0 CSV is available (shared/samples
// README), so the header below is built from the CUR 2.0 table dictionary (AWS Data Exports
// docs): snake_case static columns plus the `product` and `resource_tags` JSON map columns
// (and `cost_category`, `discount`), in the alphabetical order Data Exports writes them.
#include "engine/core/period.hpp"
#include "tests/importers/aws_test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using revshare::CostColumn;
using revshare::DiagnosticCode;
using revshare::format_instant;
using revshare::TextColumn;
using revshare::importers::Format;
using revshare::testing::aws::Cells;
using revshare::testing::aws::cost_text;
using revshare::testing::aws::csv_line;
using revshare::testing::aws::csv_row;
using revshare::testing::aws::Imported;
using revshare::testing::aws::import_text;
using revshare::testing::aws::with;

namespace {

const std::vector<std::string> cur2_header = {
    "bill_bill_type", "bill_billing_entity", "bill_billing_period_end_date", "bill_billing_period_start_date",
    "bill_invoice_id", "bill_invoicing_entity", "bill_payer_account_id", "bill_payer_account_name", "cost_category",
    "discount", "discount_bundled_discount", "discount_total_discount", "identity_line_item_id",
    "identity_time_interval", "line_item_availability_zone", "line_item_blended_cost", "line_item_blended_rate",
    "line_item_currency_code", "line_item_legal_entity", "line_item_line_item_description",
    "line_item_line_item_type", "line_item_normalization_factor", "line_item_normalized_usage_amount",
    "line_item_operation", "line_item_product_code", "line_item_resource_id", "line_item_tax_type",
    "line_item_unblended_cost", "line_item_unblended_rate", "line_item_usage_account_id",
    "line_item_usage_account_name", "line_item_usage_amount", "line_item_usage_end_date",
    "line_item_usage_start_date", "line_item_usage_type", "pricing_currency", "pricing_lease_contract_length",
    "pricing_offering_class", "pricing_public_on_demand_cost", "pricing_public_on_demand_rate",
    "pricing_purchase_option", "pricing_rate_code", "pricing_rate_id", "pricing_term", "pricing_unit", "product",
    "product_comment", "product_fee_code", "product_fee_description", "product_from_location",
    "product_from_location_type", "product_from_region_code", "product_instance_family", "product_instance_type",
    "product_instancesku", "product_location", "product_location_type", "product_operation", "product_pricing_unit",
    "product_product_family", "product_region_code", "product_servicecode", "product_sku", "product_to_location",
    "product_to_location_type", "product_to_region_code", "product_usagetype",
    "reservation_amortized_upfront_cost_for_usage", "reservation_amortized_upfront_fee_for_billing_period",
    "reservation_availability_zone", "reservation_effective_cost", "reservation_end_time",
    "reservation_modification_status", "reservation_normalized_units_per_reservation",
    "reservation_number_of_reservations", "reservation_recurring_fee_for_usage", "reservation_reservation_a_r_n",
    "reservation_start_time", "reservation_subscription_id", "reservation_total_reserved_normalized_units",
    "reservation_total_reserved_units", "reservation_units_per_reservation",
    "reservation_unused_amortized_upfront_fee_for_billing_period", "reservation_unused_normalized_unit_quantity",
    "reservation_unused_quantity", "reservation_unused_recurring_fee", "reservation_upfront_value", "resource_tags",
    "savings_plan_amortized_upfront_commitment_for_billing_period", "savings_plan_end_time",
    "savings_plan_instance_type_family", "savings_plan_offering_type", "savings_plan_payment_option",
    "savings_plan_purchase_term", "savings_plan_recurring_commitment_for_billing_period", "savings_plan_region",
    "savings_plan_savings_plan_a_r_n", "savings_plan_savings_plan_effective_cost", "savings_plan_savings_plan_rate",
    "savings_plan_start_time", "savings_plan_total_commitment_to_date", "savings_plan_used_commitment"};

// A third-party model sold through AWS Marketplace and served by Amazon Bedrock.
const Cells marketplace_row = {
    {"bill_bill_type", "Anniversary"},
    {"bill_billing_entity", "AWS Marketplace"},
    {"bill_billing_period_start_date", "2025-03-01T00:00:00.000Z"},
    {"bill_billing_period_end_date", "2025-04-01T00:00:00.000Z"},
    {"bill_invoicing_entity", "Amazon Web Services, Inc."},
    {"bill_payer_account_id", "012345678901"},
    {"bill_payer_account_name", "Example Payer"},
    {"cost_category", "{}"},
    {"discount", "{}"},
    {"identity_line_item_id", "q3v5exampleexample"},
    {"identity_time_interval", "2025-03-05T00:00:00.000Z/2025-03-06T00:00:00.000Z"},
    {"line_item_currency_code", "USD"},
    {"line_item_legal_entity", "Example Model Labs, Inc."},
    {"line_item_line_item_description", "Example Model 2 input tokens"},
    {"line_item_line_item_type", "Usage"},
    {"line_item_operation", "Usage"},
    {"line_item_product_code", "prod-7ab3kq2x9example"},
    {"line_item_unblended_cost", "1.234E-3"},
    {"line_item_usage_account_id", "000011112222"},
    {"line_item_usage_amount", "411.333"},
    {"line_item_usage_start_date", "2025-03-05T00:00:00.000Z"},
    {"line_item_usage_end_date", "2025-03-06T00:00:00.000Z"},
    {"line_item_usage_type", "USE1-MP:USE1_InputTokenCount-Units"},
    {"pricing_public_on_demand_cost", "0.001234"},
    {"pricing_unit", "Units"},
    {"product", R"j({"product_name": "Example Model 2 (Amazon Bedrock Edition)", "region": "us-east-1"})j"},
    {"product_region_code", "us-east-1"},
    {"product_sku", "7XQ2EXAMPLESKU"},
    {"resource_tags", R"({"user_team": "ml", "user_cost_center": "42", "aws_created_by": "AssumedRole:AROAEXAMPLE:ci"})"},
};

Imported import_cur2(const std::vector<Cells>& rows) {
    std::string text = csv_line(cur2_header);
    for (const auto& row : rows) text += csv_row(cur2_header, row);
    return import_text(text);
}

revshare::UsageRecord accepted(const Cells& overrides) {
    const Imported imported = import_cur2({with(marketplace_row, overrides)});
    REQUIRE_FALSE(imported.refused.has_value());
    CHECK(imported.format == Format::aws_cur2);
    REQUIRE(imported.rejects.empty());
    REQUIRE(imported.lines.size() == 1);
    return imported.lines.front();
}

revshare::Diagnostic rejected(const Cells& overrides) {
    const Imported imported = import_cur2({marketplace_row, with(marketplace_row, overrides)});
    REQUIRE(imported.lines.size() == 1);
    REQUIRE(imported.rejects.size() == 1);
    return imported.rejects.front();
}

}  // namespace

TEST_CASE("AWS CUR 2.0: a Marketplace Bedrock row, column by column") {
    const auto line = accepted({});
    CHECK(line.get(TextColumn::ProviderName) == "AWS");
    CHECK(line.get(TextColumn::PublisherName) == "Example Model Labs, Inc.");
    CHECK(line.get(TextColumn::InvoiceIssuerName) == "Amazon Web Services, Inc.");
    CHECK(line.get(TextColumn::BillingAccountId) == "012345678901");
    CHECK(line.get(TextColumn::SubAccountId) == "000011112222");
    CHECK(line.get(TextColumn::ChargeCategory) == "Usage");
    CHECK(line.get(TextColumn::ChargeClass) == "");
    CHECK(line.get(TextColumn::ServiceName) == "Example Model 2 (Amazon Bedrock Edition)");  // product.product_name
    CHECK(line.get(TextColumn::SkuId) == "7XQ2EXAMPLESKU");
    CHECK(line.get(TextColumn::SkuMeter) == "USE1-MP:USE1_InputTokenCount-Units");
    CHECK(line.get(TextColumn::RegionId) == "us-east-1");
    CHECK(line.get(TextColumn::BillingCurrency) == "USD");
    CHECK(line.get(TextColumn::ConsumedUnit) == "Units");
    CHECK(line.get(TextColumn::x_ServiceCode) == "prod-7ab3kq2x9example");
    CHECK(line.get(TextColumn::x_UsageType) == "USE1-MP:USE1_InputTokenCount-Units");
    CHECK(line.get(TextColumn::x_Operation) == "Usage");
    CHECK(cost_text(line.get(CostColumn::BilledCost)) == "0.001234");
    CHECK(cost_text(line.get(CostColumn::EffectiveCost)) == "0.001234");
    CHECK(cost_text(line.get(CostColumn::ListCost)) == "0.001234");
    CHECK(cost_text(line.get(CostColumn::ContractedCost)) == "0.001234");
    CHECK(cost_text(line.consumed_quantity) == "411.333");
    CHECK(format_instant(line.billing_period_start) == "2025-03-01T00:00:00Z");
    CHECK(format_instant(line.billing_period_end) == "2025-04-01T00:00:00Z");
    CHECK(format_instant(line.charge_period_start) == "2025-03-05T00:00:00Z");
    CHECK(format_instant(line.charge_period_end) == "2025-03-06T00:00:00Z");
    // resource_tags re-written canonically: keys sorted, no spaces.
    CHECK(line.tags == R"({"aws_created_by":"AssumedRole:AROAEXAMPLE:ci","user_cost_center":"42","user_team":"ml"})");
}

TEST_CASE("AWS CUR 2.0: map fallbacks and empty maps") {
    // product_region_code empty: the product map's region.
    const auto first_party = accepted({{"product", R"({"product_name":"Amazon Bedrock","region":"eu-west-1"})"},
                                       {"product_region_code", ""},
                                       {"line_item_legal_entity", "Amazon Web Services EMEA SARL"},
                                       {"resource_tags", "{}"}});
    CHECK(first_party.get(TextColumn::ServiceName) == "Amazon Bedrock");
    CHECK(first_party.get(TextColumn::RegionId) == "eu-west-1");
    CHECK(first_party.get(TextColumn::PublisherName) == "Amazon Web Services EMEA SARL");
    CHECK(first_party.tags == "");  // an empty map is no tags
    // Empty cells: ServiceName falls back to the product code.
    const auto bare = accepted({{"product", ""}, {"resource_tags", ""}, {"product_region_code", ""}});
    CHECK(bare.get(TextColumn::ServiceName) == "prod-7ab3kq2x9example");
    CHECK(bare.get(TextColumn::RegionId) == "");
    CHECK(bare.tags == "");
    // A map without product_name: the product code too.
    CHECK(accepted({{"product", R"({"region":"us-east-1"})"}}).get(TextColumn::ServiceName) == "prod-7ab3kq2x9example");
}

TEST_CASE("AWS CUR 2.0: JSON escapes are decoded and re-escaped canonically") {
    const auto line = accepted({{"resource_tags", R"({"user_name":"caf\u00e9 \"x\"\/y","user_emoji":"\ud83d\ude00"})"},
                                {"product", R"({"product_name":"Tab\there","region":"us-east-1"})"}});
    CHECK(line.tags == "{\"user_emoji\":\"\xF0\x9F\x98\x80\",\"user_name\":\"caf\xC3\xA9 \\\"x\\\"/y\"}");
    CHECK(line.get(TextColumn::ServiceName) == "Tab\there");
}

TEST_CASE("AWS CUR 2.0: a malformed map cell quarantines the row") {
    const auto error = rejected({{"resource_tags", R"({"user_team" "ml"})"}});
    CHECK(error.code == DiagnosticCode::bad_json);
    CHECK(error.headline() ==
          "f.csv:3:88: error[bad-json]: resource_tags: not a flat JSON object (at byte 14: expected ':' after a key)");
    CHECK(rejected({{"product", R"({"product_name":{"a":"b"}})"}}).headline() ==
          "f.csv:3:46: error[bad-json]: product: not a flat JSON object (at byte 17: nested objects and arrays are "
          "not allowed (values must be scalars))");
    CHECK(rejected({{"resource_tags", R"({"user_a":"1","user_a":"2"})"}}).headline() ==
          "f.csv:3:88: error[bad-json]: resource_tags: not a flat JSON object (duplicate key \"user_a\")");
    CHECK(rejected({{"resource_tags", "user_team=ml"}}).headline() ==
          "f.csv:3:88: error[bad-json]: resource_tags: not a flat JSON object (at byte 1: expected '{' (a JSON "
          "object))");
}

TEST_CASE("AWS CUR 2.0: missing required columns") {
    std::vector<std::string> header = cur2_header;
    std::erase(header, std::string("line_item_currency_code"));
    const Imported imported = import_text(csv_line(header));
    REQUIRE(imported.refused.has_value());
    CHECK(imported.refused->headline() ==
          "f.csv:1: error[broken-header]: missing column line_item_currency_code (AWS CUR 2.0)");
}

TEST_CASE("AWS CUR 2.0: an export query that flattened the tags into resource_tags_* columns") {
    const std::vector<std::string> header = {
        "identity_line_item_id", "bill_payer_account_id", "bill_billing_period_start_date",
        "bill_billing_period_end_date", "line_item_usage_account_id", "line_item_line_item_type",
        "line_item_usage_start_date", "line_item_usage_end_date", "line_item_product_code", "line_item_usage_type",
        "line_item_currency_code", "line_item_unblended_cost", "line_item_legal_entity", "product",
        "resource_tags_user_team", "resource_tags_aws_created_by"};
    Cells cells = {{"resource_tags_user_team", "ml"}, {"resource_tags_aws_created_by", ""}};
    for (const auto& [name, value] : marketplace_row) {
        if (std::find(header.begin(), header.end(), name) != header.end()) cells[name] = value;
    }
    const Imported imported = import_text(csv_line(header) + csv_row(header, cells));
    REQUIRE(imported.lines.size() == 1);
    CHECK(imported.format == Format::aws_cur2);
    CHECK(imported.lines.front().tags == R"({"user_team":"ml"})");
    CHECK(imported.lines.front().get(TextColumn::ServiceName) == "Example Model 2 (Amazon Bedrock Edition)");
}
