// aws-marketplace-billing-events (formats.md S1, S2): the worked example of S2 row by row, and
// every rule of the mapping, the action table and the transaction-type table, on hand-written
// rows in both column sets.
#include "tests/importers/seller_test_support.hpp"

using namespace revshare;
using namespace revshare::testing;
using namespace revshare::testing::seller;
using revshare::importers::Format;

namespace {

// S2's worked example: the research's direct sale, newer columns, one buyer (ids shortened).
const Cells invoiced_row = {
    {"billing_event_id", "be01"},
    {"valid_from", "2026-05-02T04:00:10Z"},
    {"insert_date", "2026-05-02T04:00:10Z"},
    {"update_date", "2026-05-02T04:00:10Z"},
    {"invoice_date", "2026-05-02"},
    {"transaction_type", "SELLER_REV_SHARE"},
    {"broker_id", "AWS_INC"},
    {"product_id", "prod-oaigpt41x7kq2"},
    {"action", "INVOICED"},
    {"from_account_id", "111122223333"},
    {"to_account_id", "444455556666"},
    {"end_user_account_id", "111122223333"},
    {"amount", "1250.000000"},
    {"currency", "USD"},
    {"balance_impacting", "1"},
    {"agreement_id", "agmnt-b1"},
    {"invoice_id", "800000101"},
    {"usage_period_start_date", "2026-04-01T00:00:00Z"},
    {"usage_period_end_date", "2026-04-30T23:59:59Z"},
    {"disbursement_amount", "1250.000000"},
    {"disbursement_currency", "USD"},
    {"offer_id", "offer-pub1"},
    {"recipient_account_id", "444455556666"},
};

// A collection or disbursement: no usage dates, the invoice's date, its own action_date.
Cells action_row(const std::string& id, const std::string& action, const std::string& type, const std::string& amount,
                 const std::string& action_date) {
    return with(invoiced_row, {{"billing_event_id", id},
                               {"action", action},
                               {"transaction_type", type},
                               {"amount", amount},
                               {"usage_period_start_date", ""},
                               {"usage_period_end_date", ""},
                               {"action_date", action_date},
                               {"valid_from", "2026-06-30T21:00:00Z"},
                               {"update_date", "2026-06-30T21:00:00Z"}});
}

std::string newer_line(const Cells& row) { return line_text(only_line(csv_file(aws_newer_header, {row}))); }

// The text columns every line of the worked example has (line_text's order), around the ones
// a row changes.
std::string example_line(const std::string& category_and_class, const std::string& action_and_type,
                         const std::string& costs_dates_event) {
    return "ProviderName=AWS\n"
           "InvoiceIssuerName=Amazon Web Services, Inc.\n"
           "BillingAccountId=444455556666\n"
           "SubAccountId=111122223333\n" +
           category_and_class +
           "BillingCurrency=USD\n"
           "HostProviderName=AWS\n"
           "ServiceProviderName=AWS\n"
           "InvoiceId=800000101\n" +
           action_and_type +
           "x_ProductId=prod-oaigpt41x7kq2\n"
           "x_OfferId=offer-pub1\n"
           "x_AgreementId=agmnt-b1\n"
           "x_BrokerId=AWS_INC\n" +
           costs_dates_event;
}

}  // namespace

TEST_CASE("AWS billing events, S2 worked example be01-be03: invoices land in their usage month") {
    CHECK(newer_line(invoiced_row) ==
          example_line("ChargeCategory=Usage\n", "x_MarketplaceAction=INVOICED\nx_TransactionType=SELLER_REV_SHARE\n",
                       "BilledCost=1250\nEffectiveCost=1250\nListCost=null\nContractedCost=null\n"
                       "BillingPeriod=2026-04-01T00:00:00Z..2026-05-01T00:00:00Z\n"
                       "ChargePeriod=2026-04-01T00:00:00Z..2026-05-01T00:00:00Z\n"
                       "event=be01 valid_from=2026-05-02T04:00:10Z update_date=2026-05-02T04:00:10Z\n"));
    CHECK(newer_line(with(invoiced_row, {{"billing_event_id", "be02"}, {"transaction_type", "AWS_REV_SHARE"},
                                         {"amount", "-37.500000"}})) ==
          example_line("ChargeCategory=Usage\n", "x_MarketplaceAction=INVOICED\nx_TransactionType=AWS_REV_SHARE\n",
                       "BilledCost=-37.5\nEffectiveCost=-37.5\nListCost=null\nContractedCost=null\n"
                       "BillingPeriod=2026-04-01T00:00:00Z..2026-05-01T00:00:00Z\n"
                       "ChargePeriod=2026-04-01T00:00:00Z..2026-05-01T00:00:00Z\n"
                       "event=be02 valid_from=2026-05-02T04:00:10Z update_date=2026-05-02T04:00:10Z\n"));
    CHECK(newer_line(with(invoiced_row, {{"billing_event_id", "be03"}, {"transaction_type", "AWS_TAX_SHARE"},
                                         {"amount", "100.000000"}})) ==
          example_line("ChargeCategory=Tax\n", "x_MarketplaceAction=INVOICED\nx_TransactionType=AWS_TAX_SHARE\n",
                       "BilledCost=100\nEffectiveCost=100\nListCost=null\nContractedCost=null\n"
                       "BillingPeriod=2026-04-01T00:00:00Z..2026-05-01T00:00:00Z\n"
                       "ChargePeriod=2026-04-01T00:00:00Z..2026-05-01T00:00:00Z\n"
                       "event=be03 valid_from=2026-05-02T04:00:10Z update_date=2026-05-02T04:00:10Z\n"));
}

TEST_CASE("AWS billing events, S2 worked example be05-be06: collections on their action_date, event-dated") {
    CHECK(newer_line(action_row("be05", "COLLECTED", "SELLER_REV_SHARE", "1250.000000", "2026-05-20T09:12:40Z")) ==
          example_line("ChargeCategory=Usage\n", "x_MarketplaceAction=COLLECTED\nx_TransactionType=SELLER_REV_SHARE\n",
                       "BilledCost=1250\nEffectiveCost=1250\nListCost=null\nContractedCost=null\n"
                       "BillingPeriod=2026-05-01T00:00:00Z..2026-06-01T00:00:00Z\n"
                       "ChargePeriod=2026-05-20T09:12:40Z..2026-05-21T00:00:00Z\n"
                       "event=be05 valid_from=2026-06-30T21:00:00Z update_date=2026-06-30T21:00:00Z\n"));
    CHECK(newer_line(action_row("be06", "COLLECTED", "AWS_REV_SHARE", "-37.500000", "2026-05-20T09:12:40Z")) ==
          example_line("ChargeCategory=Usage\n", "x_MarketplaceAction=COLLECTED\nx_TransactionType=AWS_REV_SHARE\n",
                       "BilledCost=-37.5\nEffectiveCost=-37.5\nListCost=null\nContractedCost=null\n"
                       "BillingPeriod=2026-05-01T00:00:00Z..2026-06-01T00:00:00Z\n"
                       "ChargePeriod=2026-05-20T09:12:40Z..2026-05-21T00:00:00Z\n"
                       "event=be06 valid_from=2026-06-30T21:00:00Z update_date=2026-06-30T21:00:00Z\n"));
}

TEST_CASE("AWS billing events, S2 worked example be10-be12: disbursed items negated, the payout row kept") {
    CHECK(newer_line(action_row("be10", "DISBURSED", "SELLER_REV_SHARE", "-1250.000000", "2026-06-10")) ==
          example_line("ChargeCategory=Usage\n", "x_MarketplaceAction=DISBURSED\nx_TransactionType=SELLER_REV_SHARE\n",
                       "BilledCost=1250\nEffectiveCost=1250\nListCost=null\nContractedCost=null\n"
                       "BillingPeriod=2026-06-01T00:00:00Z..2026-07-01T00:00:00Z\n"
                       "ChargePeriod=2026-06-10T00:00:00Z..2026-06-11T00:00:00Z\n"
                       "event=be10 valid_from=2026-06-30T21:00:00Z update_date=2026-06-30T21:00:00Z\n"));
    CHECK(newer_line(action_row("be11", "DISBURSED", "AWS_REV_SHARE", "37.500000", "2026-06-10")) ==
          example_line("ChargeCategory=Usage\n", "x_MarketplaceAction=DISBURSED\nx_TransactionType=AWS_REV_SHARE\n",
                       "BilledCost=-37.5\nEffectiveCost=-37.5\nListCost=null\nContractedCost=null\n"
                       "BillingPeriod=2026-06-01T00:00:00Z..2026-07-01T00:00:00Z\n"
                       "ChargePeriod=2026-06-10T00:00:00Z..2026-06-11T00:00:00Z\n"
                       "event=be11 valid_from=2026-06-30T21:00:00Z update_date=2026-06-30T21:00:00Z\n"));
    CHECK(newer_line(action_row("be12", "DISBURSED", "DISBURSEMENT", "1212.500000", "2026-06-10")) ==
          example_line("ChargeCategory=Adjustment\n", "x_MarketplaceAction=DISBURSED\nx_TransactionType=DISBURSEMENT\n",
                       "BilledCost=1212.5\nEffectiveCost=1212.5\nListCost=null\nContractedCost=null\n"
                       "BillingPeriod=2026-06-01T00:00:00Z..2026-07-01T00:00:00Z\n"
                       "ChargePeriod=2026-06-10T00:00:00Z..2026-06-11T00:00:00Z\n"
                       "event=be12 valid_from=2026-06-30T21:00:00Z update_date=2026-06-30T21:00:00Z\n"));
}

TEST_CASE("AWS billing events, S2 worked example be20: a refund lands on its own invoice's date, not the usage month") {
    CHECK(newer_line(with(invoiced_row, {{"billing_event_id", "be20"}, {"transaction_type", "SELLER_REV_SHARE_REFUND"},
                                         {"amount", "-250.000000"}, {"invoice_date", "2026-06-20"},
                                         {"valid_from", "2026-06-20T06:00:00Z"}, {"update_date", "2026-06-20T06:00:00Z"}})) ==
          example_line("ChargeCategory=Credit\nChargeClass=Correction\n",
                       "x_MarketplaceAction=INVOICED\nx_TransactionType=SELLER_REV_SHARE_REFUND\n",
                       "BilledCost=-250\nEffectiveCost=-250\nListCost=null\nContractedCost=null\n"
                       "BillingPeriod=2026-06-01T00:00:00Z..2026-07-01T00:00:00Z\n"
                       "ChargePeriod=2026-06-20T00:00:00Z..2026-06-21T00:00:00Z\n"
                       "event=be20 valid_from=2026-06-20T06:00:00Z update_date=2026-06-20T06:00:00Z\n"));
}

TEST_CASE("AWS billing events: the documented column set (25) maps with the newer columns empty") {
    const Cells row = {
        {"billing_event_id", "SYNTH01"}, {"from_account_id", "111122223333"}, {"to_account_id", "444455556666"},
        {"end_user_account_id", "111122223333"}, {"product_id", "prod-oaio4mini9vw3"}, {"action", "COLLECTED"},
        {"transaction_type", "SELLER_REV_SHARE"}, {"amount", "6120.450000"}, {"currency", "USD"},
        {"balance_impacting", "1"}, {"invoice_date", "2026-05-02T00:03:13Z"}, {"invoice_id", "800000102"},
        {"broker_id", "AWS_INC"}, {"valid_from", "2026-05-10T02:00:00Z"}, {"insert_date", "2026-05-10T02:00:00Z"},
        {"update_date", "2026-05-18T03:00:00Z"}};
    // No action_date column: a collection is dated by valid_from, the time AWS recorded it.
    CHECK(line_text(only_line(csv_file(aws_documented_header, {row}))) ==
          "ProviderName=AWS\n"
          "InvoiceIssuerName=Amazon Web Services, Inc.\n"
          "SubAccountId=111122223333\n"
          "ChargeCategory=Usage\n"
          "BillingCurrency=USD\n"
          "HostProviderName=AWS\n"
          "ServiceProviderName=AWS\n"
          "InvoiceId=800000102\n"
          "x_MarketplaceAction=COLLECTED\n"
          "x_TransactionType=SELLER_REV_SHARE\n"
          "x_ProductId=prod-oaio4mini9vw3\n"
          "x_BrokerId=AWS_INC\n"
          "BilledCost=6120.45\nEffectiveCost=6120.45\nListCost=null\nContractedCost=null\n"
          "BillingPeriod=2026-05-01T00:00:00Z..2026-06-01T00:00:00Z\n"
          "ChargePeriod=2026-05-10T02:00:00Z..2026-05-11T00:00:00Z\n"
          "event=SYNTH01 valid_from=2026-05-10T02:00:00Z update_date=2026-05-18T03:00:00Z\n");
}

TEST_CASE("AWS billing events: ChargePeriodStart falls back invoice_date, then valid_from") {
    const auto period = [](const Cells& overrides) {
        const UsageRecord line = only_line(csv_file(aws_newer_header, {with(invoiced_row, overrides)}));
        return format_instant(line.charge_period_start) + ".." + format_instant(line.charge_period_end) + " in " +
               format_instant(line.billing_period_start) + ".." + format_instant(line.billing_period_end);
    };
    // An invoice of usage without its usage start: the invoice's date, event-dated (its usage end unused).
    CHECK(period({{"usage_period_start_date", ""}}) ==
          "2026-05-02T00:00:00Z..2026-05-03T00:00:00Z in 2026-05-01T00:00:00Z..2026-06-01T00:00:00Z");
    CHECK(period({{"usage_period_start_date", ""}, {"invoice_date", ""}}) ==
          "2026-05-02T04:00:10Z..2026-05-03T00:00:00Z in 2026-05-01T00:00:00Z..2026-06-01T00:00:00Z");
    // A usage start without an end: event-dated.
    CHECK(period({{"usage_period_end_date", ""}}) ==
          "2026-04-01T00:00:00Z..2026-04-02T00:00:00Z in 2026-04-01T00:00:00Z..2026-05-01T00:00:00Z");
    // A refund or credit never takes the usage dates; without its invoice date, valid_from.
    CHECK(period({{"transaction_type", "AWS_REV_SHARE_CREDIT"}, {"invoice_date", ""}}) ==
          "2026-05-02T04:00:10Z..2026-05-03T00:00:00Z in 2026-05-01T00:00:00Z..2026-06-01T00:00:00Z");
    // COLLECTED, FORGIVEN, DISBURSED: action_date, else valid_from; never the usage or invoice dates.
    for (const char* action : {"COLLECTED", "FORGIVEN", "DISBURSED"}) {
        CAPTURE(action);
        CHECK(period({{"action", action}, {"action_date", "2026-05-31T23:59:59Z"}}) ==
              "2026-05-31T23:59:59Z..2026-06-01T00:00:00Z in 2026-05-01T00:00:00Z..2026-06-01T00:00:00Z");
        CHECK(period({{"action", action}}) ==
              "2026-05-02T04:00:10Z..2026-05-03T00:00:00Z in 2026-05-01T00:00:00Z..2026-06-01T00:00:00Z");
    }
    // The inclusive usage end made exclusive: the first whole second after it; a date names its day.
    CHECK(period({{"usage_period_end_date", "2026-04-30T23:59:59.999Z"}}) ==
          "2026-04-01T00:00:00Z..2026-05-01T00:00:00Z in 2026-04-01T00:00:00Z..2026-05-01T00:00:00Z");
    CHECK(period({{"usage_period_end_date", "2026-04-30"}}) ==
          "2026-04-01T00:00:00Z..2026-05-01T00:00:00Z in 2026-04-01T00:00:00Z..2026-05-01T00:00:00Z");
    CHECK(period({{"usage_period_end_date", "2026-04-15T12:00:00Z"}}) ==
          "2026-04-01T00:00:00Z..2026-04-15T12:00:01Z in 2026-04-01T00:00:00Z..2026-05-01T00:00:00Z");
    // A one-second usage period (end = start) is not before its start.
    CHECK(period({{"usage_period_end_date", "2026-04-01T00:00:00Z"}}) ==
          "2026-04-01T00:00:00Z..2026-04-01T00:00:01Z in 2026-04-01T00:00:00Z..2026-05-01T00:00:00Z");
}

TEST_CASE("AWS billing events: the sign of each action and type (revenue-signed)") {
    const auto billed = [](const std::string& action, const std::string& type, const std::string& amount) {
        const UsageRecord line = only_line(csv_file(
            aws_newer_header, {with(invoiced_row, {{"action", action}, {"transaction_type", type}, {"amount", amount}})}));
        CHECK(text_of(line.get(CostColumn::EffectiveCost)) == text_of(line.get(CostColumn::BilledCost)));
        return text_of(line.get(CostColumn::BilledCost));
    };
    for (const char* action : {"INVOICED", "COLLECTED", "FORGIVEN"}) {
        CAPTURE(action);
        CHECK(billed(action, "SELLER_REV_SHARE", "10.25") == "10.25");
        CHECK(billed(action, "AWS_REV_SHARE", "-1.5375") == "-1.5375");
        CHECK(billed(action, "SELLER_REV_SHARE_REFUND", "-10.25") == "-10.25");
        CHECK(billed(action, "DISBURSEMENT", "8.7125") == "8.7125");
    }
    // DISBURSED: every item row negated, tax and balance adjustments too; the payout rows kept.
    CHECK(billed("DISBURSED", "SELLER_REV_SHARE", "-10.25") == "10.25");
    CHECK(billed("DISBURSED", "AWS_REV_SHARE", "1.5375") == "-1.5375");
    CHECK(billed("DISBURSED", "SELLER_REV_SHARE_REFUND", "2.5") == "-2.5");
    CHECK(billed("DISBURSED", "SELLER_TAX_SHARE", "-0.82") == "0.82");
    CHECK(billed("DISBURSED", "BALANCE_ADJUSTMENT", "3") == "-3");
    CHECK(billed("DISBURSED", "DISBURSEMENT", "8.7125") == "8.7125");
    CHECK(billed("DISBURSED", "DISBURSEMENT_FAILURE", "-8.7125") == "-8.7125");
    CHECK(billed("DISBURSED", "SELLER_REV_SHARE", "0") == "0");
    // Exact, as delivered: E-notation and every decimal kept.
    CHECK(billed("INVOICED", "SELLER_REV_SHARE", "1.25E3") == "1250");
    CHECK(billed("DISBURSED", "SELLER_REV_SHARE", "-0.000000000000000000000001") == "0.000000000000000000000001");
    CHECK(billed("INVOICED", "SELLER_REV_SHARE", "99999999999999.99") == "99999999999999.99");
}

TEST_CASE("AWS billing events: every transaction type's ChargeCategory and ChargeClass") {
    const auto charge = [](const std::string& type) {
        const UsageRecord line =
            only_line(csv_file(aws_newer_header, {with(invoiced_row, {{"transaction_type", type}})}));
        CHECK(line.get(TextColumn::x_TransactionType) == type);
        return line.get(TextColumn::ChargeCategory) + "/" + line.get(TextColumn::ChargeClass);
    };
    for (const char* type : {"SELLER_REV_SHARE", "AWS_REV_SHARE", "AWS_INFRA_SHARE", "INFRA_FEE_PRETAX"}) {
        CAPTURE(type);
        CHECK(charge(type) == "Usage/");
        CHECK(charge(std::string(type) + "_REFUND") == "Credit/Correction");
        CHECK(charge(std::string(type) + "_CREDIT") == "Credit/");
    }
    for (const char* type : {"SELLER_TAX_SHARE", "AWS_TAX_SHARE", "OTHER_SELLER_TAX_SHARE"}) {
        CAPTURE(type);
        CHECK(charge(type) == "Tax/");
        CHECK(charge(std::string(type) + "_REFUND") == "Tax/Correction");
        CHECK(charge(std::string(type) + "_CREDIT") == "Tax/");
    }
    CHECK(charge("BALANCE_ADJUSTMENT") == "Adjustment/");
    CHECK(charge("DISBURSEMENT") == "Adjustment/");
    CHECK(charge("DISBURSEMENT_FAILURE") == "Adjustment/");
}

TEST_CASE("AWS billing events: the broker names the invoice issuer; an empty broker is AWS_INC") {
    const auto issuer = [](const Cells& overrides, const std::vector<std::string>& header = aws_newer_header) {
        Cells row = with(invoiced_row, overrides);
        for (auto cell = row.begin(); cell != row.end();) {
            cell = std::find(header.begin(), header.end(), cell->first) == header.end() ? row.erase(cell) : std::next(cell);
        }
        const UsageRecord line = only_line(csv_file(header, {row}));
        return line.get(TextColumn::x_BrokerId) + " -> " + line.get(TextColumn::InvoiceIssuerName);
    };
    CHECK(issuer({{"broker_id", "AWS_INC"}}) == "AWS_INC -> Amazon Web Services, Inc.");
    CHECK(issuer({{"broker_id", "AWS_EUROPE"}}) == "AWS_EUROPE -> Amazon Web Services EMEA SARL");
    CHECK(issuer({{"broker_id", "AWS_JAPAN"}}) == "AWS_JAPAN -> AWS_JAPAN");
    CHECK(issuer({{"broker_id", ""}}) == "AWS_INC -> Amazon Web Services, Inc.");
    CHECK(issuer({}, without(aws_newer_header, {"broker_id"})) == "AWS_INC -> Amazon Web Services, Inc.");
}

TEST_CASE("AWS billing events: text is copied exactly (the event id without surrounding spaces); the version and a deletion are the event's") {
    const UsageRecord line = only_line(csv_file(
        aws_newer_header, {with(invoiced_row, {{"billing_event_id", " be01 "}, {"product_id", "prod-A b"},
                                               {"end_user_account_id", "000011112222"},
                                               {"recipient_account_id", "000044445555"},
                                               {"valid_from", "2026-05-02T04:00:10.750Z"},
                                               {"update_date", "2026-05-03 01:02:03"},
                                               {"delete_date", "2026-05-04T00:00:00+00:00"}})}));
    CHECK(line.get(TextColumn::x_ProductId) == "prod-A b");
    CHECK(line.get(TextColumn::SubAccountId) == "000011112222");
    CHECK(line.get(TextColumn::BillingAccountId) == "000044445555");
    CHECK(line.get(TextColumn::PublisherName).empty());
    CHECK(line.get(TextColumn::ServiceName).empty());
    CHECK(line.get(TextColumn::SkuId).empty());
    // The event id is compared without the spaces around it (one event, however padded).
    CHECK(line_text(line).ends_with(
        "event=be01 valid_from=2026-05-02T04:00:10Z update_date=2026-05-03T01:02:03Z deleted\n"));
    CHECK(line.source_line == 2);
}

TEST_CASE("AWS billing events: a row without a billing account or a buyer still maps (per-event, not per-scope)") {
    ScratchDir dir;
    const auto file = import_text(dir, "f.csv",
                                  csv_file(aws_newer_header, {with(invoiced_row, {{"recipient_account_id", ""},
                                                                                  {"end_user_account_id", ""}})}));
    REQUIRE(file.rejects.empty());
    REQUIRE(file.lines.size() == 1);
    CHECK(file.lines[0].get(TextColumn::BillingAccountId).empty());
    CHECK(file.lines[0].get(TextColumn::SubAccountId).empty());
    CHECK(file.notes.empty());
}
