// The synthetic seller samples (../shared/samples/seller-synthetic, README there) read through
// ExportReader: rows per file, the per-row codes of the bad-rows file, and the README's bases
// computed from the mapped lines with each event's current version (S4, S6), which checks every
// sign and ChargePeriodStart of the samples against an independent reader's figures.
#include "tests/importers/seller_test_support.hpp"

#include <map>
#include <set>
#include <tuple>

using namespace revshare;
using namespace revshare::testing;
using namespace revshare::testing::seller;
using revshare::importers::Format;

namespace {

ImportedFile sample(const std::string& name) {
    return import_file(samples_dir() / "seller-synthetic" / name, name);
}

// An event's current line as S4 defines it, for files imported in order: AWS, the latest
// (valid_from, update_date) unless deleted; Microsoft, the line of the latest import.
struct CurrentLines {
    std::map<std::string, UsageRecord> aws;
    std::map<std::string, UsageRecord> microsoft;

    void add(const ImportedFile& file, const std::set<std::string>& quarantined_events = {}) {
        for (const auto& line : file.lines) {
            if (quarantined_events.contains(line.event.key)) continue;
            if (file.format == Format::microsoft_payouts) {
                microsoft[line.event.key] = line;
                continue;
            }
            const auto version = std::tie(*line.event.valid_from, *line.event.update_date);
            const auto known = aws.find(line.event.key);
            if (known == aws.end() ||
                std::tie(*known->second.event.valid_from, *known->second.event.update_date) < version) {
                aws[line.event.key] = line;
            }
        }
    }
};

using Basis = std::map<std::tuple<std::string, std::string, std::string>, Decimal>;  // provider, month, currency

bool starts_with_any(const std::string& text, std::initializer_list<std::string_view> prefixes) {
    for (const auto prefix : prefixes) {
        if (text.starts_with(prefix)) return true;
    }
    return false;
}

// S6's three contracts' bases: BilledCost by provider, month of ChargePeriodStart and currency.
Basis basis(const CurrentLines& current, const std::string& which) {
    Basis totals;
    const auto add = [&](const UsageRecord& line) {
        const auto month = date::format("%Y-%m", line.charge_period_start);
        totals[{line.get(TextColumn::ProviderName), month, line.get(TextColumn::BillingCurrency)}] +=
            *line.get(CostColumn::BilledCost);
    };
    for (const auto& [key, line] : current.aws) {
        const std::string& action = line.get(TextColumn::x_MarketplaceAction);
        const bool action_matches = which == "invoiced"    ? (action == "INVOICED" || action == "FORGIVEN")
                                    : which == "collected" ? action == "COLLECTED"
                                                           : action == "DISBURSED";
        if (action_matches && starts_with_any(line.get(TextColumn::x_TransactionType), {"SELLER_REV_SHARE", "AWS_REV_SHARE"})) {
            add(line);
        }
    }
    for (const auto& [key, line] : current.microsoft) {
        if (!line.get(TextColumn::PublisherName).starts_with("OpenAI")) continue;
        if (which == "disbursed" && line.get(TextColumn::x_PaymentStatus) != "Sent") continue;
        add(line);
    }
    return totals;
}

std::string basis_text(const Basis& totals) {
    std::string text;
    for (const auto& [key, amount] : totals) {
        text += std::get<0>(key) + " " + std::get<1>(key) + " " + std::get<2>(key) + " " + amount.to_string() + "\n";
    }
    return text;
}

}  // namespace

TEST_CASE("seller samples: every file is recognised and every row of the good files maps") {
    struct Expected {
        const char* name;
        Format format;
        std::int64_t rows;
    };
    for (const Expected& expected : {
             Expected{"aws-billing-events-2026-05-as-of-day12.csv", Format::aws_marketplace_billing_events, 14},
             Expected{"aws-billing-events-2026-05.csv", Format::aws_marketplace_billing_events, 21},
             Expected{"aws-billing-events-2026-06.csv", Format::aws_marketplace_billing_events, 18},
             Expected{"microsoft-payouts-transaction-history-2026-06-16.csv", Format::microsoft_payouts, 7},
             Expected{"microsoft-payouts-transaction-history-2026-07-16.csv", Format::microsoft_payouts, 8},
         }) {
        CAPTURE(expected.name);
        const auto file = sample(expected.name);
        CHECK(file.format == expected.format);
        CHECK(file.rows_read == expected.rows);
        CHECK(static_cast<std::int64_t>(file.lines.size()) == expected.rows);
        for (const auto& reject : file.rejects) CHECK_MESSAGE(false, reject.render());
        CHECK(file.notes.empty());
        for (const auto& line : file.lines) {
            CHECK_FALSE(line.event.key.empty());
            CHECK(line.charge_period_start < line.charge_period_end);
            CHECK(line.billing_period_start <= line.charge_period_start);
            CHECK(line.charge_period_start < line.billing_period_end);
        }
    }
}

TEST_CASE("seller samples: the bad-rows file, one code per bad row; the conflicting pair maps at row level") {
    const auto file = sample("aws-billing-events-bad-rows.csv");
    CHECK(file.format == Format::aws_marketplace_billing_events);
    CHECK(file.rows_read == 7);
    std::vector<std::string> rejects;
    for (const auto& reject : file.rejects) rejects.push_back(reject.headline());
    CHECK(rejects == std::vector<std::string>{
                         "aws-billing-events-bad-rows.csv:2:8: error[unknown-charge-type]: transaction_type: "
                         "'SELLER_REV_SHARE_ADJUSTMENT' is not a billing-event transaction type revshare knows",
                         "aws-billing-events-bad-rows.csv:3:1: error[missing-value]: billing_event_id: empty: the row "
                         "does not say which event it is",
                         "aws-billing-events-bad-rows.csv:4:19: error[bad-number]: amount: '1,250.00' is not a number "
                         "(unexpected character ',')",
                         "aws-billing-events-bad-rows.csv:8:20: error[bad-currency]: currency: 'US$' is not an ISO "
                         "4217 currency code",
                     });
    // Lines 5 and 6 deliver one version of one event with two amounts: the storage layer, which
    // sees both, quarantines them (conflicting-version). Line 7 is the good balance adjustment.
    REQUIRE(file.lines.size() == 3);
    CHECK(file.lines[0].source_line == 5);
    CHECK(file.lines[1].source_line == 6);
    CHECK(file.lines[0].event.key == file.lines[1].event.key);
    CHECK(file.lines[0].event.valid_from == file.lines[1].event.valid_from);
    CHECK(file.lines[0].event.update_date == file.lines[1].event.update_date);
    CHECK(text_of(file.lines[0].get(CostColumn::BilledCost)) == "10");
    CHECK(text_of(file.lines[1].get(CostColumn::BilledCost)) == "12");
    CHECK(line_text(file.lines[2]) ==
          "ProviderName=AWS\n"
          "InvoiceIssuerName=Amazon Web Services, Inc.\n"
          "BillingAccountId=5e11e700-0a1c-4b2d-9e3f-00000000a001\n"
          "ChargeCategory=Adjustment\n"
          "BillingCurrency=USD\n"
          "HostProviderName=AWS\n"
          "ServiceProviderName=AWS\n"
          "InvoiceId=800000299\n"
          "x_MarketplaceAction=INVOICED\n"
          "x_TransactionType=BALANCE_ADJUSTMENT\n"
          "x_BrokerId=AWS_INC\n"
          "BilledCost=25\nEffectiveCost=25\nListCost=null\nContractedCost=null\n"
          "BillingPeriod=2026-06-01T00:00:00Z..2026-07-01T00:00:00Z\n"
          "ChargePeriod=2026-06-20T00:00:00Z..2026-06-21T00:00:00Z\n"
          "event=SYNTH88888888888888888888888888888888881 valid_from=2026-06-20T01:00:00Z "
          "update_date=2026-06-20T01:00:00Z\n");
}

TEST_CASE("seller samples: the lines of a few sample rows, every column") {
    // The corrected version of B1's o4-mini April revenue (file 2, line 18).
    const auto may = sample("aws-billing-events-2026-05.csv");
    CHECK(line_text(line_at(may, 18)) ==
          "ProviderName=AWS\n"
          "InvoiceIssuerName=Amazon Web Services, Inc.\n"
          "SubAccountId=b0e7e700-1111-4aaa-8bbb-000000000b01\n"
          "ChargeCategory=Usage\n"
          "BillingCurrency=USD\n"
          "HostProviderName=AWS\n"
          "ServiceProviderName=AWS\n"
          "InvoiceId=800000101\n"
          "x_MarketplaceAction=INVOICED\n"
          "x_TransactionType=SELLER_REV_SHARE\n"
          "x_ProductId=prod-oaio4mini9vw3\n"
          "x_BrokerId=AWS_INC\n"
          "BilledCost=6020.45\nEffectiveCost=6020.45\nListCost=null\nContractedCost=null\n"
          "BillingPeriod=2026-04-01T00:00:00Z..2026-05-01T00:00:00Z\n"
          "ChargePeriod=2026-04-01T00:00:00Z..2026-05-01T00:00:00Z\n"
          "event=SYNTH00000000000000000000000000000000004 valid_from=2026-05-02T04:03:13Z "
          "update_date=2026-05-18T03:00:00Z\n");
    // The EUR payout row of 10 June (file 3): broker empty, so AWS_INC; kept positive.
    const auto june = sample("aws-billing-events-2026-06.csv");
    const UsageRecord& payout = line_at(june, 18);
    CHECK(payout.event.key == "SYNTH99999999999999999999999999999999902");
    CHECK(payout.get(TextColumn::x_BrokerId) == "AWS_INC");
    CHECK(payout.get(TextColumn::ChargeCategory) == "Adjustment");
    CHECK(text_of(payout.get(CostColumn::BilledCost)) == "19040");
    CHECK(payout.get(TextColumn::BillingCurrency) == "EUR");
    CHECK(format_instant(payout.charge_period_start) == "2026-06-10T09:00:00Z");
    // The Microsoft chargeback of 27 May (file 4), in EUR, Unprocessed.
    const auto payouts = sample("microsoft-payouts-transaction-history-2026-06-16.csv");
    CHECK(line_text(line_at(payouts, 6)) ==
          "ProviderName=Microsoft\n"
          "PublisherName=OpenAI, L.L.C.\n"
          "InvoiceIssuerName=Microsoft Ireland Operations Limited\n"
          "BillingAccountId=4100200300\n"
          "SubAccountId=c0570000-2222-4ccc-8ddd-000000000c02\n"
          "ChargeCategory=Credit\n"
          "ChargeClass=Correction\n"
          "ServiceName=OpenAI Frontier Models\n"
          "SkuId=payg-datazone-eu\n"
          "BillingCurrency=EUR\n"
          "HostProviderName=Microsoft\n"
          "ServiceProviderName=Microsoft\n"
          "InvoiceId=G0000105\n"
          "x_TransactionType=chargeback\n"
          "x_PaymentStatus=Unprocessed\n"
          "x_ProductId=openai1700000000001.openai-frontier-models\n"
          "x_AgreementId=ord-synth-c2-01\n"
          "BilledCost=-1455\nEffectiveCost=-1455\nListCost=null\nContractedCost=null\n"
          "BillingPeriod=2026-05-01T00:00:00Z..2026-06-01T00:00:00Z\n"
          "ChargePeriod=2026-05-27T00:00:00Z..2026-05-28T00:00:00Z\n"
          "event=700000000105\n");
}

TEST_CASE("seller samples: the README's bases from the current lines of the six files imported in order") {
    CurrentLines current;
    current.add(sample("aws-billing-events-2026-05-as-of-day12.csv"));
    current.add(sample("aws-billing-events-2026-05.csv"));
    current.add(sample("aws-billing-events-2026-06.csv"));
    current.add(sample("microsoft-payouts-transaction-history-2026-06-16.csv"));
    current.add(sample("microsoft-payouts-transaction-history-2026-07-16.csv"));
    // The storage layer quarantines the event delivered twice in one version (conflicting-version).
    current.add(sample("aws-billing-events-bad-rows.csv"), {"SYNTH88888888888888888888888888888888884"});
    CHECK(current.aws.size() + current.microsoft.size() == 47);
    CHECK(current.microsoft.size() == 8);
    CHECK(basis_text(basis(current, "invoiced")) ==
          "AWS 2026-04 EUR 21858.175\n"
          "AWS 2026-04 USD 56739.8825\n"
          "AWS 2026-05 EUR 21344.1375\n"
          "AWS 2026-05 USD 51323.17\n"
          "AWS 2026-06 EUR -500\n"
          "Microsoft 2026-04 EUR 19109\n"
          "Microsoft 2026-04 USD 19400\n"
          "Microsoft 2026-05 EUR 14841\n"
          "Microsoft 2026-05 USD 22261.5\n"
          "Microsoft 2026-06 EUR 4947\n");
    CHECK(basis_text(basis(current, "collected")) ==
          "AWS 2026-05 EUR 19040\n"
          "AWS 2026-05 USD 51637.5\n"
          "AWS 2026-06 USD 5102.3825\n"
          "Microsoft 2026-04 EUR 19109\n"
          "Microsoft 2026-04 USD 19400\n"
          "Microsoft 2026-05 EUR 14841\n"
          "Microsoft 2026-05 USD 22261.5\n"
          "Microsoft 2026-06 EUR 4947\n");
    CHECK(basis_text(basis(current, "disbursed")) ==
          "AWS 2026-06 EUR 19040\n"
          "AWS 2026-06 USD 51637.5\n"
          "Microsoft 2026-04 EUR 19109\n"
          "Microsoft 2026-04 USD 19400\n");
}
