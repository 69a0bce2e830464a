// ytd.csv and summary-YYYY.csv from hand-made statements: two currencies never added together,
// an adjustment counted in the period that posted it, a memo row kept apart from the owed
// one, a missing period named, net pairs in both directions, quarters and the year exact.
#include "engine/settle/year_totals.hpp"
#include "reports/year_csv.hpp"

#include <doctest/doctest.h>

using namespace revshare;
using settle::PeriodRunState;
using settle::PeriodStatement;
using settle::RowKind;
using settle::StatementRow;

namespace {

Decimal d(const char* text) { return *Decimal::parse_plain(text); }
Period p(int month) { return Period(date::year(2026) / date::month(static_cast<unsigned>(month))); }

StatementRow row(RowKind kind, const char* rule, const char* payer, const char* payee, const char* basis, const char* share,
                 std::int64_t lines, bool owed = true) {
    const Day day = p(1).start();
    return StatementRow{kind, p(1), "v1", rule, payer, payee, day, day, d(basis), d(share), lines, owed};
}

// 2026-01 closed, 02 missing, 03 draft (with an adjustment for January and a memo row),
// 04 draft in JPY (the contract's currency changed before any close), 05..12 missing.
std::vector<PeriodStatement> year() {
    std::vector<PeriodStatement> periods;
    for (int month = 1; month <= 12; ++month) periods.push_back(PeriodStatement{p(month), PeriodRunState::missing, "", {}, {}});
    periods[0] = PeriodStatement{p(1), PeriodRunState::closed, "USD",
                                 {row(RowKind::current, "share", "a", "b", "1000.005", "200.00", 3),
                                  row(RowKind::current, "back", "b", "a", "10", "1.00", 1)},
                                 {settle::NetRow{"a", "b", d("199.00")}}};
    periods[2] = PeriodStatement{p(3), PeriodRunState::draft, "USD",
                                 {row(RowKind::current, "share", "a", "b", "500", "100.01", 2),
                                  row(RowKind::current, "fee", "a", "c", "500", "15.00", 2, false),
                                  row(RowKind::adjustment, "share", "a", "b", "-5", "-1.00", 1),
                                  row(RowKind::current, "back", "b", "a", "3000", "300.00", 4)},
                                 {settle::NetRow{"b", "a", d("200.99")}}};
    periods[3] = PeriodStatement{p(4), PeriodRunState::draft, "JPY",
                                 {row(RowKind::current, "share", "a", "b", "12345", "2469", 1)},
                                 {settle::NetRow{"a", "b", d("2469")}}};
    return periods;
}

}  // namespace

TEST_CASE("year totals: per key, per quarter and per year, exact; an adjustment in the period that posted it") {
    const auto periods = year();
    const auto totals = settle::compute_year_totals(periods);
    REQUIRE(totals.rows.size() == 5);
    CHECK(totals.rows[0].key.currency == "JPY");
    CHECK(totals.rows[1].key.rule_id == "back");
    CHECK(totals.rows[1].total->share == d("301.00"));
    CHECK(totals.rows[1].by_quarter[0]->share == d("301.00"));
    CHECK_FALSE(totals.rows[1].by_quarter[1].has_value());
    REQUIRE(totals.net.size() == 2);
    // a pays b 199.00 in January, b pays a 200.99 in March: b pays a over the year, so b comes first.
    CHECK(totals.net[1].key.first == "b");
    CHECK(totals.net[1].total == d("1.99"));
    CHECK(totals.net[1].by_period[0] == d("-199.00"));
}

TEST_CASE("ytd.csv: exact content, with the run states and the missing period named") {
    auto periods = year();
    periods.erase(periods.begin() + 4, periods.end());
    const auto totals = settle::compute_year_totals(periods);
    CHECK(reports::year_to_date_as_csv(reports::YearToDateInput{"k", p(4), periods, totals}) ==
          "period,contract,year_start,currency,kind,rule,payer,payee,owed,rows,lines,basis,share,periods,missing_periods\n"
          "2026-04,k,2026-01,JPY,current,share,a,b,true,1,1,12345,2469,2026-01=closed;2026-02=missing;2026-03=draft;2026-04=draft,2026-02\n"
          "2026-04,k,2026-01,USD,current,back,b,a,true,2,5,3010.00,301.00,2026-01=closed;2026-02=missing;2026-03=draft;2026-04=draft,2026-02\n"
          "2026-04,k,2026-01,USD,current,fee,a,c,false,1,2,500.00,15.00,2026-01=closed;2026-02=missing;2026-03=draft;2026-04=draft,2026-02\n"
          "2026-04,k,2026-01,USD,current,share,a,b,true,2,5,1500.005,300.01,2026-01=closed;2026-02=missing;2026-03=draft;2026-04=draft,2026-02\n"
          "2026-04,k,2026-01,USD,adjustment,share,a,b,true,1,1,-5.00,-1.00,2026-01=closed;2026-02=missing;2026-03=draft;2026-04=draft,2026-02\n");
}

TEST_CASE("summary-YYYY.csv: periods x rules, quarters, the year, and the signed nets") {
    const auto periods = year();
    const auto totals = settle::compute_year_totals(periods);
    CHECK(reports::year_summary_as_csv(reports::YearSummaryInput{"k", periods, totals}) ==
          "contract,currency,row,kind,rule,payer,payee,owed,2026-01,2026-02,2026-03,2026-04,2026-05,2026-06,2026-07,2026-08,"
          "2026-09,2026-10,2026-11,2026-12,Q1 2026-01..2026-03,Q2 2026-04..2026-06,Q3 2026-07..2026-09,"
          "Q4 2026-10..2026-12,year 2026-01..2026-12\n"
          "k,,state,,,,,,closed,missing,draft,draft,missing,missing,missing,missing,missing,missing,missing,missing,"
          "missing 2026-02,missing 2026-05;2026-06,missing 2026-07;2026-08;2026-09,missing 2026-10;2026-11;2026-12,"
          "missing 2026-02;2026-05;2026-06;2026-07;2026-08;2026-09;2026-10;2026-11;2026-12\n"
          "k,JPY,share,current,share,a,b,true,,,,2469,,,,,,,,,,2469,,,2469\n"
          "k,USD,share,current,back,b,a,true,1.00,,300.00,,,,,,,,,,301.00,,,,301.00\n"
          "k,USD,share,current,fee,a,c,false,,,15.00,,,,,,,,,,15.00,,,,15.00\n"
          "k,USD,share,current,share,a,b,true,200.00,,100.01,,,,,,,,,,300.01,,,,300.01\n"
          "k,USD,share,adjustment,share,a,b,true,,,-1.00,,,,,,,,,,-1.00,,,,-1.00\n"
          "k,JPY,net,,,a,b,,,,,2469,,,,,,,,,,2469,,,2469\n"
          "k,USD,net,,,b,a,,-199.00,,200.99,,,,,,,,,,1.99,,,,1.99\n");
}
