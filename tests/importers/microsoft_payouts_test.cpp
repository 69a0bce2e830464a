// microsoft-payouts (formats.md S1, S3, S5): the mapping column by column, transactionType and
// its sign check, the ChargePeriodStart fallback, every row-level code with its exact message,
// and the header's required columns.
#include "tests/importers/seller_test_support.hpp"

using namespace revshare;
using namespace revshare::testing;
using namespace revshare::testing::seller;
using revshare::importers::Format;

namespace {

const Cells purchase_row = {
    {"earningId", "700000000102"},
    {"earningDate", "2026-05-02"},
    {"calculationDate", "2026-05-02"},
    {"earningAmount", "15035.00"},
    {"earningAmountUSD", "16312.98"},
    {"earningExchangeRate", "1.0850"},
    {"earningAmountInLastPaymentCurrency", "15035.00"},
    {"lastPaymentCurrency", "EUR"},
    {"earningType", "sale"},
    {"transactionId", "tx-synth-700000000102"},
    {"transactionDate", "2026-04-30"},
    {"transactionType", "Purchase"},
    {"transactionAmount", "15500.00"},
    {"transactionCurrency", "EUR"},
    {"paymentId", "PAY7000000701"},
    {"paymentStatus", "Tax invoice pending"},
    {"OrderId", "ord-synth-c2-01"},
    {"customerId", "c0570000-2222-4ccc-8ddd-000000000c02"},
    {"customerName", "Synthetic Fabrikam GmbH"},
    {"productId", "openai1700000000001.openai-frontier-models"},
    {"ProductName", "OpenAI Frontier Models"},
    {"SkuId", "payg-datazone-eu"},
    {"storeFee", "465.00"},
    {"localProviderSeller", "Microsoft Ireland Operations Limited"},
    {"participantId", "4100200300"},
    {"participantName", "OpenAI, L.L.C."},
    {"invoiceNumber", "G0000102"},
    {"invoiceDate", "2026-05-01"},
};

std::string mapped(const Cells& overrides) {
    return line_text(only_line(csv_file(microsoft_header, {with(purchase_row, overrides)})));
}

// `headline | hint` of the one rejected row (line 3, after a good row).
std::string rejected(const Cells& overrides) {
    ScratchDir dir;
    const auto file = import_text(dir, "f.csv", csv_file(microsoft_header, {purchase_row, with(purchase_row, overrides)}));
    REQUIRE(file.lines.size() == 1);
    REQUIRE(file.rejects.size() == 1);
    return file.rejects[0].headline() + " | " + file.rejects[0].hint;
}

}  // namespace

TEST_CASE("Microsoft payouts: a purchase, every column of its line") {
    CHECK(mapped({}) ==
          "ProviderName=Microsoft\n"
          "PublisherName=OpenAI, L.L.C.\n"
          "InvoiceIssuerName=Microsoft Ireland Operations Limited\n"
          "BillingAccountId=4100200300\n"
          "SubAccountId=c0570000-2222-4ccc-8ddd-000000000c02\n"
          "ChargeCategory=Usage\n"
          "ServiceName=OpenAI Frontier Models\n"
          "SkuId=payg-datazone-eu\n"
          "BillingCurrency=EUR\n"
          "HostProviderName=Microsoft\n"
          "ServiceProviderName=Microsoft\n"
          "InvoiceId=G0000102\n"
          "x_TransactionType=purchase\n"
          "x_PaymentStatus=Tax invoice pending\n"
          "x_ProductId=openai1700000000001.openai-frontier-models\n"
          "x_AgreementId=ord-synth-c2-01\n"
          "BilledCost=15035\nEffectiveCost=15035\nListCost=null\nContractedCost=null\n"
          "BillingPeriod=2026-04-01T00:00:00Z..2026-05-01T00:00:00Z\n"
          "ChargePeriod=2026-04-30T00:00:00Z..2026-05-01T00:00:00Z\n"
          "event=700000000102\n");
}

TEST_CASE("Microsoft payouts: a refund, reversal or chargeback is a Credit correction, negative as delivered") {
    for (const char* type : {"Refund", "reversal", "CHARGEBACK"}) {
        CAPTURE(type);
        const UsageRecord line = only_line(csv_file(
            microsoft_header, {with(purchase_row, {{"transactionType", type}, {"earningAmount", "-776.00"},
                                                   {"transactionDate", "2026-05-12T13:45:00Z"}})}));
        std::string lower(type);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        CHECK(line.get(TextColumn::x_TransactionType) == lower);
        CHECK(line.get(TextColumn::ChargeCategory) == "Credit");
        CHECK(line.get(TextColumn::ChargeClass) == "Correction");
        CHECK(text_of(line.get(CostColumn::BilledCost)) == "-776");
        CHECK(text_of(line.get(CostColumn::EffectiveCost)) == "-776");
        CHECK(format_instant(line.charge_period_start) == "2026-05-12T13:45:00Z");
        CHECK(format_instant(line.charge_period_end) == "2026-05-13T00:00:00Z");
        CHECK(format_instant(line.billing_period_start) == "2026-05-01T00:00:00Z");
        CHECK(format_instant(line.billing_period_end) == "2026-06-01T00:00:00Z");
    }
}

TEST_CASE("Microsoft payouts: an adjustment earning (empty transactionType) on its earningDate, any sign") {
    for (const char* amount : {"-12.34", "0", "56.70"}) {
        CAPTURE(amount);
        const UsageRecord line = only_line(csv_file(
            microsoft_header, {with(purchase_row, {{"transactionType", ""}, {"transactionDate", ""},
                                                   {"earningAmount", amount}, {"reasonCode", "ADJ"}})}));
        CHECK(line.get(TextColumn::ChargeCategory) == "Adjustment");
        CHECK(line.get(TextColumn::ChargeClass) == "");
        CHECK(line.get(TextColumn::x_TransactionType) == "");
        CHECK(text_of(line.get(CostColumn::BilledCost)) == Decimal::parse(amount)->to_string());
        CHECK(format_instant(line.charge_period_start) == "2026-05-02T00:00:00Z");
        CHECK(format_instant(line.charge_period_end) == "2026-05-03T00:00:00Z");
        CHECK(format_instant(line.billing_period_start) == "2026-05-01T00:00:00Z");
    }
}

TEST_CASE("Microsoft payouts: transactionType in any letter case; zero fits every sign check") {
    CHECK(mapped({{"transactionType", "PURCHASE"}}).find("x_TransactionType=purchase\n") != std::string::npos);
    CHECK(mapped({{"transactionType", "purchase"}, {"earningAmount", "0.00"}}).find("BilledCost=0\n") != std::string::npos);
    CHECK(mapped({{"transactionType", "Refund"}, {"earningAmount", "0"}}).find("ChargeClass=Correction\n") !=
          std::string::npos);
    // Exact amounts: E-notation, every decimal.
    CHECK(mapped({{"earningAmount", "1.5035E4"}}).find("BilledCost=15035\n") != std::string::npos);
    CHECK(mapped({{"earningAmount", "0.000000000000000000000001"}}).find("BilledCost=0.000000000000000000000001\n") !=
          std::string::npos);
}

TEST_CASE("Microsoft payouts: text as delivered; the columns found in any letter case; optional ones absent read as empty") {
    auto header = microsoft_header;
    for (auto& name : header) {
        if (name == "participantName") name = "PARTICIPANTNAME";
        if (name == "ProductName") name = "productName";
    }
    Cells row = purchase_row;
    row["PARTICIPANTNAME"] = row["participantName"];
    row.erase("participantName");
    row["productName"] = row["ProductName"];
    row.erase("ProductName");
    const UsageRecord line = only_line(csv_file(header, {row}));
    CHECK(line.get(TextColumn::PublisherName) == "OpenAI, L.L.C.");
    CHECK(line.get(TextColumn::ServiceName) == "OpenAI Frontier Models");

    // Only the required columns: every optional value empty, the transaction date still there.
    const std::vector<std::string> required = {"earningId", "earningAmount", "transactionCurrency", "transactionType",
                                               "transactionDate", "paymentStatus", "participantId", "participantName",
                                               "productId"};
    Cells minimal;
    for (const auto& name : required) minimal[name] = purchase_row.at(name);
    CHECK(line_text(only_line(csv_file(required, {minimal}))) ==
          "ProviderName=Microsoft\n"
          "PublisherName=OpenAI, L.L.C.\n"
          "BillingAccountId=4100200300\n"
          "ChargeCategory=Usage\n"
          "BillingCurrency=EUR\n"
          "HostProviderName=Microsoft\n"
          "ServiceProviderName=Microsoft\n"
          "x_TransactionType=purchase\n"
          "x_PaymentStatus=Tax invoice pending\n"
          "x_ProductId=openai1700000000001.openai-frontier-models\n"
          "BilledCost=15035\nEffectiveCost=15035\nListCost=null\nContractedCost=null\n"
          "BillingPeriod=2026-04-01T00:00:00Z..2026-05-01T00:00:00Z\n"
          "ChargePeriod=2026-04-30T00:00:00Z..2026-05-01T00:00:00Z\n"
          "event=700000000102\n");
}

TEST_CASE("Microsoft payouts: a BOM and CRLF line ends, as the Partner Center download writes them") {
    std::string text = "\xEF\xBB\xBF" + csv_file(microsoft_header, {purchase_row});
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 2)) text.insert(at, "\r");
    const UsageRecord line = only_line(text);
    CHECK(line.event.key == "700000000102");
    CHECK(line.get(TextColumn::SkuId) == "payg-datazone-eu");
}

TEST_CASE("Microsoft payouts S5: a sign that contradicts transactionType is sign-mismatch") {
    const std::string tail =
        "; the row is quarantined rather than its sign guessed (if Microsoft writes these rows so, the mapping must "
        "change: formats.md S3)";
    CHECK(rejected({{"earningAmount", "-1.00"}}) ==
          "f.csv:3:4: error[sign-mismatch]: earningAmount: '-1.00' is negative on a purchase row | a purchase earns an "
          "amount of zero or more" + tail);
    CHECK(rejected({{"transactionType", "Refund"}, {"earningAmount", "776.00"}}) ==
          "f.csv:3:4: error[sign-mismatch]: earningAmount: '776.00' is positive on a refund row | a refund, reversal or "
          "chargeback takes back an amount of zero or less" + tail);
    CHECK(rejected({{"transactionType", "Chargeback"}, {"earningAmount", "1455"}}) ==
          "f.csv:3:4: error[sign-mismatch]: earningAmount: '1455' is positive on a chargeback row | a refund, reversal "
          "or chargeback takes back an amount of zero or less" + tail);
    CHECK(rejected({{"transactionType", "REVERSAL"}, {"earningAmount", "0.01"}}) ==
          "f.csv:3:4: error[sign-mismatch]: earningAmount: '0.01' is positive on a reversal row | a refund, reversal or "
          "chargeback takes back an amount of zero or less" + tail);
}

TEST_CASE("Microsoft payouts S5: the other row-level codes, each with its message") {
    CHECK(rejected({{"earningId", ""}}) ==
          "f.csv:3:1: error[missing-value]: earningId: empty: the row does not say which event it is | a later delivery "
          "repeats or replaces an event by this id, so a row without it cannot be counted once; ask for the file "
          "again with the id filled");
    CHECK(rejected({{"transactionType", "Sale"}}) ==
          "f.csv:3:14: error[unknown-charge-type]: transactionType: 'Sale' is not a payout transaction type revshare "
          "knows | accepted: purchase, refund, reversal, chargeback (any letter case), or empty for an adjustment "
          "earning");
    CHECK(rejected({{"earningAmount", ""}}) ==
          "f.csv:3:4: error[missing-value]: earningAmount: empty: the row has no amount | every row of the feed carries "
          "its amount; ask for the file again");
    CHECK(rejected({{"earningAmount", "15.035,00"}}) ==
          "f.csv:3:4: error[bad-number]: earningAmount: '15.035,00' is not a number (unexpected character ',') | "
          "expected a plain decimal such as 1250.000000, -37.5 or 1.25E3 (no thousands separator, currency sign or "
          "parentheses; a point before the decimals)");
    CHECK(rejected({{"earningAmount", "1E14"}}) ==
          "f.csv:3:4: error[number-out-of-range]: earningAmount: '1E14' is beyond the limit for a cost: its magnitude "
          "must be below 10^14 (100000000000000) | an amount this large or this precise is not a real charge; check "
          "the file");
    CHECK(rejected({{"transactionCurrency", "eur"}}) ==
          "f.csv:3:16: error[bad-currency]: transactionCurrency: 'eur' is not an ISO 4217 currency code | expected a "
          "three-letter ISO 4217 code such as USD, EUR or JPY");
    CHECK(rejected({{"transactionDate", "30/04/2026"}}) ==
          "f.csv:3:13: error[bad-date]: transactionDate: '30/04/2026' is not a valid date | expected "
          "2026-04-28T00:00:00Z (a fraction of a second is dropped; a zone must be Z or +00:00), 2026-04-28 00:00:00, "
          "2026-04-28, 04/28/2026");
    // earningDate is read, so validated, though the transaction's date is the line's.
    CHECK(rejected({{"earningDate", "2026-05-32"}}) ==
          "f.csv:3:2: error[bad-date]: earningDate: '2026-05-32' is not a valid date | expected 2026-04-28T00:00:00Z (a "
          "fraction of a second is dropped; a zone must be Z or +00:00), 2026-04-28 00:00:00, 2026-04-28, 04/28/2026");
    CHECK(rejected({{"transactionDate", ""}, {"earningDate", ""}}) ==
          "f.csv:3:13: error[missing-value]: transactionDate: empty, and so is earningDate: the row has no date to "
          "settle it in | an earning is settled in the month of its transaction (or, for an adjustment, of the "
          "earning); ask for the download again");
}

TEST_CASE("Microsoft payouts S5: without an earningDate column, an empty transactionDate says so") {
    const auto header = without(microsoft_header, {"earningDate"});
    Cells row = with(purchase_row, {{"transactionDate", ""}});
    row.erase("earningDate");
    ScratchDir dir;
    const auto file = import_text(dir, "f.csv", csv_file(header, {row}));
    REQUIRE(file.rejects.size() == 1);
    CHECK(file.rejects[0].headline() ==
          "f.csv:2:12: error[missing-value]: transactionDate: empty, and the file has no earningDate column: the row "
          "has no date to settle it in");
}

TEST_CASE("Microsoft payouts header: every missing required column is named (broken-header)") {
    ScratchDir dir;
    const auto header = without(microsoft_header, {"transactionCurrency", "participantId", "productId"});
    const Diagnostic error = open_error(dir, "f.csv", csv_line(header));
    CHECK(error.code == DiagnosticCode::broken_header);
    CHECK(error.headline() ==
          "f.csv:1: error[broken-header]: missing columns transactionCurrency, participantId, productId (Microsoft "
          "payouts transaction history)");
    CHECK(error.hint ==
          "these columns say which earning a row is, how much in which currency, when, whose and for which product; "
          "download the transaction history from Partner Center (Payouts) as CSV with all its columns");
    CHECK(open_error(dir, "g.csv", "earningId,earningAmount\n", Format::microsoft_payouts).headline() ==
          "g.csv:1: error[broken-header]: missing columns transactionCurrency, transactionType, transactionDate, "
          "paymentStatus, participantId, participantName, productId (Microsoft payouts transaction history)");
}

TEST_CASE("Microsoft payouts header: a name twice in any letter case refuses the file") {
    ScratchDir dir;
    auto header = microsoft_header;
    header.push_back("productname");
    CHECK(open_error(dir, "f.csv", csv_line(header)).headline() ==
          "f.csv:1: error[broken-header]: column \"ProductName\" appears twice (columns 32 and 52, spelt "
          "\"ProductName\" and \"productname\": Partner Center payout column names match in any letter case)");
}
