// The shapes AWS CURs come in beyond AWS's own current CSV (issue: real export shapes): a CUR
// without lineItem/LegalEntity (older CURs, other tools' generators), a header with a trailing
// column no row has, a header-only delivery, and extracts that left out columns. The files are
// written here; the totals are summed by hand in the comments.
#include "tests/importers/azure_focus_import.hpp"

using namespace revshare;
using namespace revshare::testing;
using revshare::importers::Format;

namespace {

const std::string legacy_header =
    "identity/LineItemId,bill/BillingEntity,bill/PayerAccountId,bill/BillingPeriodStartDate,bill/BillingPeriodEndDate,"
    "lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/ProductCode,"
    "lineItem/UsageType,lineItem/CurrencyCode,lineItem/UnblendedCost,product/ProductName";

std::string row(const std::string& id, const std::string& entity, const std::string& code, const std::string& cost,
                const std::string& product) {
    return id + "," + entity + ",012345678901,2026-04-01T00:00:00Z,2026-05-01T00:00:00Z,111122223333,Usage," +
           "2026-04-02T00:00:00Z,2026-04-03T00:00:00Z," + code + ",USE1-tokens,USD," + cost + "," + product;
}

// BilledCost: 1.25 + 3.50 + 0.75 = 5.50.
const std::string without_legal_entity = legacy_header + "\n" +
                                         row("a1", "AWS", "AmazonBedrock", "1.25", "Amazon Bedrock") + "\n" +
                                         row("a2", "AWS Marketplace", "prod-abc", "3.50", "Claude (Amazon Bedrock Edition)") + "\n" +
                                         row("a3", "AWS Marketplace", "prod-def", "0.75", "") + "\n";

}  // namespace

TEST_CASE("AWS CUR without lineItem/LegalEntity: PublisherName from the billing entity, the product on Marketplace rows") {
    ScratchDir dir;
    const auto file = import_text(dir, "legacy.csv", without_legal_entity);
    CHECK(file.format == Format::aws_cur_legacy);
    REQUIRE(file.rejects.empty());
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "5.5");
    CHECK(line_at(file, 2).get(TextColumn::PublisherName) == "AWS");
    CHECK(line_at(file, 2).get(TextColumn::InvoiceIssuerName) == "AWS");
    // A marketplace is not the seller: the product names what was sold, never a guessed company.
    CHECK(line_at(file, 3).get(TextColumn::PublisherName) == "Claude (Amazon Bedrock Edition)");
    CHECK(line_at(file, 3).get(TextColumn::InvoiceIssuerName) == "AWS Marketplace");
    CHECK(line_at(file, 4).get(TextColumn::PublisherName) == "prod-def");  // no product name: the product code
    CHECK(file.notes == std::vector<std::string>{
                            "PublisherName from bill/BillingEntity (where it is empty or AWS Marketplace: "
                            "product/ProductName, else lineItem/ProductCode): the file has no lineItem/LegalEntity column"});
}

TEST_CASE("AWS CUR with lineItem/LegalEntity: no fallback and no note, an empty cell stays empty") {
    ScratchDir dir;
    const std::string text = "lineItem/LegalEntity," + legacy_header + "\n" +
                             ",a" + row("1", "AWS", "AmazonBedrock", "1.25", "Amazon Bedrock") + "\n";
    const auto file = import_text(dir, "legacy.csv", text);
    REQUIRE(file.lines.size() == 1);
    CHECK(file.lines[0].get(TextColumn::PublisherName) == "");
    CHECK(file.notes.empty());
}

TEST_CASE("A header with a trailing column no row has: read as empty, counted in a note; a shifted row stays refused") {
    ScratchDir dir;
    // costCategory/team is on the header only; row 4 has it; row 5 lost its UsageType cell in
    // the middle (its cells shifted), and keeps its column-count error. BilledCost: 1.25 + 0.75.
    const std::string text = legacy_header + ",costCategory/team\n" + row("a1", "AWS", "AmazonBedrock", "1.25", "Bedrock") +
                             "\n" + row("a2", "AWS", "AmazonBedrock", "0.75", "Bedrock") + ",ml\n" +
                             "a3,AWS,012345678901,2026-04-01T00:00:00Z,2026-05-01T00:00:00Z,111122223333,Usage,"
                             "2026-04-02T00:00:00Z,2026-04-03T00:00:00Z,AmazonBedrock,USD,2.00,Bedrock,ml\n";
    const auto file = import_text(dir, "trailing.csv", text);
    CHECK(file.lines.size() == 2);
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "2");
    REQUIRE(file.rejects.size() == 1);
    CHECK(file.rejects[0].headline() == "trailing.csv:4: error[column-count]: expected 15 columns (as in the header), found 14");
    CHECK(file.notes == std::vector<std::string>{
                            "PublisherName from bill/BillingEntity (where it is empty or AWS Marketplace: "
                            "product/ProductName, else lineItem/ProductCode): the file has no lineItem/LegalEntity column",
                            "the header's last column, costCategory/team, is missing from 1 row: read as empty there (it "
                            "gives the lines no value but their tags)"});
}

TEST_CASE("A row one cell short where the header's last column is required keeps its column-count error") {
    ScratchDir dir;
    // Azure: MeterName (required) is the last column.
    const auto file = import_text(dir, "short.csv",
                                  "Date,Cost,BillingCurrency,ChargeType,MeterCategory,SubscriptionId,AccountName,MeterName\n"
                                  "05/01/2026,1.00,USD,Usage,Storage,sub-1,a\n");
    CHECK(file.lines.empty());
    REQUIRE(file.rejects.size() == 1);
    CHECK(file.rejects[0].code == DiagnosticCode::column_count);
    CHECK(file.notes.empty());
}

TEST_CASE("A CUR extract without identity/LineItemId imports: the line id is not needed") {
    ScratchDir dir;
    std::string text = without_legal_entity;
    // Drop the first column from every line.
    std::string cut;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = text.find('\n', at);
        const std::string line = text.substr(at, end - at);
        cut += line.substr(line.find(',') + 1) + "\n";
        at = end + 1;
    }
    const auto file = import_text(dir, "extract.csv", cut);
    CHECK(file.format == Format::aws_cur_legacy);
    CHECK(file.rejects.empty());
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "5.5");
}

TEST_CASE("A header-only delivery imports as zero rows; an empty file is refused") {
    ScratchDir dir;
    const auto file = import_text(dir, "none.csv", legacy_header + "\n");
    CHECK(file.rows_read == 0);
    CHECK(file.lines.empty());
    CHECK(open_error(dir, "empty.csv", "").headline() == "empty.csv: error[empty-file]: the file is empty: no header row");
}

TEST_CASE("Formats revshare does not read are named, with what to export instead") {
    ScratchDir dir;
    const auto refused = [&](const std::string& header) {
        const Diagnostic error = open_error(dir, "x.csv", header + "\n1,2,3,4,5,6\n");
        CHECK(error.code == DiagnosticCode::unknown_format);
        return error.message + " | " + error.hint;
    };
    CHECK(refused("lineItem/referenceNo,lineItem/tenantId,lineItem/intervalUsageStart,product/service,cost/myCost,"
                  "cost/currencyCode") ==
          "this looks like an Oracle Cloud (OCI) cost report, which revshare does not read | export the tenancy's FOCUS "
          "cost report from OCI instead (revshare reads FOCUS)");
    CHECK(refused("billing_account_id,service.id,service.description,usage_start_time,cost,currency") ==
          "this looks like a Google Cloud billing export (BigQuery), which revshare does not read | export Google Cloud's "
          "FOCUS view of the billing data instead (revshare reads FOCUS)");
    CHECK(refused("lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UnblendedCost,a,b,c") ==
          "this looks like part of an AWS Cost and Usage Report, without bill/PayerAccountId | export the report with all "
          "its columns (an extract that selected some columns may have left out the payer and the cost an import needs)");
    CHECK(refused("line_item_usage_account_id,line_item_product_code,a,b,c,d") ==
          "this looks like part of an AWS Cost and Usage Report, without bill_payer_account_id, line_item_unblended_cost "
          "| export the report with all its columns (an extract that selected some columns may have left out the payer "
          "and the cost an import needs)");
    CHECK(refused("BilledCost,ChargeCategory,BillingCurrency,a,b,c") ==
          "this looks like a FOCUS export, without ChargePeriodStart, ProviderName | export the FOCUS dataset with all its "
          "columns");
    // Nothing recognisable: the generic message naming the formats revshare reads.
    CHECK(refused("a,b,c,d,e,f").starts_with("not a known export format: the header row matches none of aws-cur, "));
}
