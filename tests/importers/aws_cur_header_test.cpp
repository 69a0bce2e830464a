// AWS CUR header variants: missing required columns refuse the file; a header with only the
// required columns imports; NetUnblendedCost (private discounts) switches the cost bases to net.
#include "tests/importers/aws_test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using revshare::CostColumn;
using revshare::DiagnosticCode;
using revshare::TextColumn;
using revshare::importers::Format;
using revshare::testing::aws::Cells;
using revshare::testing::aws::cost_text;
using revshare::testing::aws::csv_line;
using revshare::testing::aws::csv_row;
using revshare::testing::aws::Imported;
using revshare::testing::aws::import_text;
using revshare::testing::aws::legacy_header;
using revshare::testing::aws::usage_row;
using revshare::testing::aws::with;

namespace {

std::vector<std::string> without(std::vector<std::string> header, const std::vector<std::string>& names) {
    for (const auto& name : names) std::erase(header, name);
    return header;
}

Cells only_columns(const Cells& cells, const std::vector<std::string>& header) {
    Cells kept;
    for (const auto& [name, value] : cells) {
        if (std::find(header.begin(), header.end(), name) != header.end()) kept[name] = value;
    }
    return kept;
}

Imported import_with_header(const std::vector<std::string>& header, const std::vector<Cells>& rows) {
    std::string text = csv_line(header);
    for (const auto& row : rows) text += csv_row(header, only_columns(row, header));
    return import_text(text);
}

const std::vector<std::string> required_legacy = {
    "identity/LineItemId",     "bill/PayerAccountId",     "bill/BillingPeriodStartDate", "bill/BillingPeriodEndDate",
    "lineItem/UsageAccountId", "lineItem/LineItemType",   "lineItem/UsageStartDate",     "lineItem/UsageEndDate",
    "lineItem/ProductCode",    "lineItem/UsageType",      "lineItem/CurrencyCode",       "lineItem/UnblendedCost",
    "lineItem/LegalEntity"};

}  // namespace

TEST_CASE("AWS header: missing required columns refuse the file, naming them and the format") {
    const Imported imported = import_with_header(
        without(legacy_header(), {"lineItem/CurrencyCode", "lineItem/UsageType"}), {usage_row});
    REQUIRE(imported.refused.has_value());
    CHECK(imported.refused->code == DiagnosticCode::broken_header);
    CHECK(imported.refused->location.line == 1);
    CHECK(imported.refused->location.column == 0);
    CHECK(imported.refused->headline() ==
          "f.csv:1: error[broken-header]: missing columns lineItem/UsageType, lineItem/CurrencyCode (AWS CUR)");
}

TEST_CASE("AWS header: a forced format names the one missing column") {
    // Without lineItem/UnblendedCost the header is not recognised at all, so force the format.
    const auto header = without(legacy_header(), {"lineItem/UnblendedCost"});
    const std::string text = csv_line(header) + csv_row(header, only_columns(usage_row, header));
    const Imported detected = import_text(text);
    REQUIRE(detected.refused.has_value());
    CHECK(detected.refused->code == DiagnosticCode::unknown_format);
    const Imported forced = import_text(text, "f.csv", Format::aws_cur_legacy);
    REQUIRE(forced.refused.has_value());
    CHECK(forced.refused->headline() ==
          "f.csv:1: error[broken-header]: missing column lineItem/UnblendedCost (AWS CUR)");
}

TEST_CASE("AWS header: Athena naming reports snake_case names") {
    const std::string text =
        "identity_line_item_id,bill_payer_account_id,bill_billing_period_start_date,bill_billing_period_end_date,"
        "line_item_usage_account_id,line_item_line_item_type,line_item_usage_start_date,line_item_usage_end_date,"
        "line_item_product_code,line_item_usage_type,line_item_unblended_cost,line_item_legal_entity,"
        "product_product_name\n";
    const Imported imported = import_text(text);
    REQUIRE(imported.refused.has_value());
    CHECK(imported.refused->headline() ==
          "f.csv:1: error[broken-header]: missing column line_item_currency_code (AWS CUR, Athena naming)");
}

TEST_CASE("AWS header: only the required columns") {
    const Imported imported = import_with_header(required_legacy, {usage_row});
    REQUIRE_FALSE(imported.refused.has_value());
    CHECK(imported.format == Format::aws_cur_legacy);
    REQUIRE(imported.lines.size() == 1);
    const auto& line = imported.lines.front();
    // No bill/InvoicingEntity column: the legal entity invoices.
    CHECK(line.get(TextColumn::InvoiceIssuerName) == "Amazon Web Services, Inc.");
    CHECK(line.get(TextColumn::ServiceName) == "AmazonBedrock");  // no product/ProductName column
    CHECK(line.get(TextColumn::SkuId) == "");
    CHECK(line.get(TextColumn::RegionId) == "");
    CHECK(line.get(TextColumn::x_Operation) == "");
    CHECK(line.get(TextColumn::ConsumedUnit) == "");
    CHECK_FALSE(line.consumed_quantity.has_value());
    CHECK_FALSE(line.get(CostColumn::ListCost).has_value());
    CHECK(cost_text(line.get(CostColumn::BilledCost)) == "0.00024");
    CHECK(cost_text(line.get(CostColumn::EffectiveCost)) == "0.00024");
    CHECK(cost_text(line.get(CostColumn::ContractedCost)) == "0.00024");
    CHECK(line.tags == "");
}

TEST_CASE("AWS header: with NetUnblendedCost the contracted and effective costs are net") {
    auto header = legacy_header();
    header.insert(header.end(), {"lineItem/NetUnblendedCost", "savingsPlan/NetSavingsPlanEffectiveCost"});
    const Imported imported = import_with_header(
        header, {with(usage_row, {{"lineItem/UnblendedCost", "1.00"}, {"lineItem/NetUnblendedCost", "0.9"}}),
                 with(usage_row, {{"lineItem/LineItemType", "SavingsPlanCoveredUsage"},
                                  {"lineItem/UnblendedCost", "0.5"},
                                  {"lineItem/NetUnblendedCost", "0.45"},
                                  {"savingsPlan/SavingsPlanEffectiveCost", "0.3"},
                                  {"savingsPlan/NetSavingsPlanEffectiveCost", "0.27"}}),
                 with(usage_row, {{"lineItem/UnblendedCost", "2"}, {"lineItem/NetUnblendedCost", ""}})});
    REQUIRE(imported.lines.size() == 3);
    const auto& usage = imported.lines[0];
    CHECK(cost_text(usage.get(CostColumn::BilledCost)) == "1");
    CHECK(cost_text(usage.get(CostColumn::ContractedCost)) == "0.9");
    CHECK(cost_text(usage.get(CostColumn::EffectiveCost)) == "0.9");
    const auto& covered = imported.lines[1];
    CHECK(cost_text(covered.get(CostColumn::BilledCost)) == "0.5");
    CHECK(cost_text(covered.get(CostColumn::ContractedCost)) == "0.45");
    CHECK(cost_text(covered.get(CostColumn::EffectiveCost)) == "0.27");
    // The net column exists, so an empty net cell leaves the net bases empty (never the gross).
    const auto& empty_net = imported.lines[2];
    CHECK(cost_text(empty_net.get(CostColumn::BilledCost)) == "2");
    CHECK_FALSE(empty_net.get(CostColumn::ContractedCost).has_value());
    CHECK_FALSE(empty_net.get(CostColumn::EffectiveCost).has_value());
}
