// Azure commitment rows (reservations, savings plans) split into BilledCost and EffectiveCost row
// by row (importers/MAPPING.md, mapping 2), on an actual-cost and an amortized-cost file of the
// same month written here. The totals are worked by hand below each file.
#include "tests/importers/azure_focus_import.hpp"

using namespace revshare;
using namespace revshare::testing;

namespace {

const std::string header =
    "Date,CostInBillingCurrency,BillingCurrencyCode,ChargeType,MeterCategory,MeterName,BillingAccountId,"
    "SubscriptionId,PricingModel,Quantity,UnitOfMeasure,AccountOwnerId\n";

// Actual cost: the reservation is invoiced when bought (730.00) and refunded in part (-73.00);
// the usage it covers costs 0; on-demand tokens cost 12.50.
// BilledCost = 730.00 + 0 + 12.50 - 73.00 = 669.50; EffectiveCost = 0 + 0 + 12.50 + 0 = 12.50.
const std::string actual =
    header +
    "05/01/2026,730.00,USD,Purchase,Virtual Machines,D4s v5,1001,sub-1,Reservation,1,1 Hour,a@x\n"
    "05/02/2026,0,USD,Usage,Virtual Machines,D4s v5,1001,sub-1,Reservation,24,1 Hour,a@x\n"
    "05/02/2026,12.50,USD,Usage,Foundry Models,gpt-5 Output Tokens,1001,sub-1,OnDemand,2.5,1M,a@x\n"
    "05/03/2026,-73.00,USD,Refund,Virtual Machines,D4s v5,1001,sub-1,reservation,1,1 Hour,a@x\n";

// Amortized cost: the covered usage carries its share of the reservation (0.80), the unused part
// is a row of its own (0.20), tokens a savings plan covers cost 1.25, on-demand tokens 12.50.
// BilledCost = 12.50; EffectiveCost = 0.80 + 12.50 + 0.20 + 1.25 = 14.75.
const std::string amortized =
    header +
    "05/02/2026,0.80,USD,Usage,Virtual Machines,D4s v5,1001,sub-1,Reservation,24,1 Hour,a@x\n"
    "05/02/2026,12.50,USD,Usage,Foundry Models,gpt-5 Output Tokens,1001,sub-1,OnDemand,2.5,1M,a@x\n"
    "05/02/2026,0.20,USD,UnusedReservation,Virtual Machines,D4s v5,1001,sub-1,Reservation,6,1 Hour,a@x\n"
    "05/02/2026,1.25,USD,Usage,Foundry Models,gpt-5 Input Tokens,1001,sub-1,SavingsPlan,1,1M,a@x\n";

}  // namespace

TEST_CASE("Azure commitments, actual cost: the purchase and its refund are billed, not effective") {
    ScratchDir dir;
    const auto file = import_text(dir, "actual.csv", actual);
    REQUIRE(file.rejects.empty());
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "669.5");
    CHECK(total_of(file.lines, CostColumn::EffectiveCost) == "12.5");
    CHECK(text_of(line_at(file, 2).get(CostColumn::EffectiveCost)) == "0");
    CHECK(text_of(line_at(file, 5).get(CostColumn::BilledCost)) == "-73");  // `reservation`: any letter case
    CHECK(text_of(line_at(file, 5).get(CostColumn::EffectiveCost)) == "0");
    CHECK(line_at(file, 3).get(TextColumn::ConsumedUnit) == "Hours");
    CHECK(line_at(file, 4).get(TextColumn::ConsumedUnit) == "Units");
}

TEST_CASE("Azure commitments, amortized cost: covered and unused usage are effective, not billed") {
    ScratchDir dir;
    const auto file = import_text(dir, "amortized.csv", amortized);
    REQUIRE(file.rejects.empty());
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "12.5");
    CHECK(total_of(file.lines, CostColumn::EffectiveCost) == "14.75");
    CHECK(text_of(line_at(file, 4).get(CostColumn::BilledCost)) == "0");  // UnusedReservation
    CHECK(line_at(file, 4).get(TextColumn::ChargeCategory) == "Usage");
    CHECK(text_of(line_at(file, 5).get(CostColumn::BilledCost)) == "0");  // SavingsPlan usage
}

TEST_CASE("Azure commitments: the reservation counts once on BilledCost whichever file is read") {
    // Purchase 730.00 - refund 73.00 in the actual file; nothing of it again in the amortized one.
    ScratchDir dir;
    const auto both = import_text(dir, "actual.csv", actual);
    const auto again = import_text(dir, "amortized.csv", amortized);
    std::vector<UsageRecord> reservation;
    for (const auto* file : {&both, &again}) {
        for (const auto& line : file->lines) {
            if (line.get(TextColumn::ServiceName) == "Virtual Machines") reservation.push_back(line);
        }
    }
    CHECK(total_of(reservation, CostColumn::BilledCost) == "657");
    CHECK(total_of(reservation, CostColumn::EffectiveCost) == "1");  // 0.80 + 0.20 amortized
}

TEST_CASE("Azure commitments: without a PricingModel column only the unused-commitment rows are split") {
    ScratchDir dir;
    const auto file = import_text(dir, "plain.csv",
                                  "Date,Cost,BillingCurrency,ChargeType,MeterCategory,MeterName,SubscriptionId,AccountName\n"
                                  "05/01/2026,730.00,USD,Purchase,Virtual Machines,D4s v5,sub-1,a\n"
                                  "05/02/2026,0.20,USD,UnusedSavingsPlan,Virtual Machines,D4s v5,sub-1,a\n");
    REQUIRE(file.rejects.empty());
    CHECK(total_of(file.lines, CostColumn::BilledCost) == "730");
    CHECK(total_of(file.lines, CostColumn::EffectiveCost) == "730.2");
}
