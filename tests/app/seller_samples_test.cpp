// The seller feeds end to end: the synthetic samples (shared/samples/seller-synthetic, whose
// README gives the expected counts and bases) and our own fixtures (fixtures/seller, whose
// README's figures were computed by fixtures/seller/check_figures.py, a reader of its own)
// imported, stored and settled through the binary.
#include "tests/app/seller_support.hpp"

#include "engine/core/decimal.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using namespace revshare;
using namespace revshare::testing;

namespace {

const std::vector<std::string> sample_files = {
    "aws-billing-events-2026-05-as-of-day12.csv",           "aws-billing-events-2026-05.csv",
    "aws-billing-events-2026-06.csv",                        "microsoft-payouts-transaction-history-2026-06-16.csv",
    "microsoft-payouts-transaction-history-2026-07-16.csv", "aws-billing-events-bad-rows.csv"};

std::string sample(const std::string& name) { return "'" + (samples_dir() / "seller-synthetic" / name).string() + "'"; }

// The current lines' BilledCost summed exactly per `provider period currency`, over the lines
// whose action (AWS) is one of `actions` and type matches the S6 tables (AWS: SELLER_REV_SHARE*
// or AWS_REV_SHARE*; Microsoft: every earning, or only Sent ones when `sent_only`).
std::map<std::string, Decimal> bases(const ScratchDir& dir, const std::string& actions, bool sent_only) {
    SQLite::Database db((dir / "r.db").string(), SQLite::OPEN_READONLY);
    SQLite::Statement query(db, "SELECT ProviderName, strftime('%Y-%m', ChargePeriodStart), BillingCurrency, BilledCost "
                                "FROM normalised_line WHERE is_current AND ((ProviderName = 'AWS' AND x_MarketplaceAction "
                                "IN (" + actions + ") AND (x_TransactionType LIKE 'SELLER\\_REV\\_SHARE%' ESCAPE '\\' OR "
                                "x_TransactionType LIKE 'AWS\\_REV\\_SHARE%' ESCAPE '\\')) OR (ProviderName = 'Microsoft' "
                                "AND (? = 0 OR x_PaymentStatus = 'Sent')))");
    query.bind(1, sent_only ? 1 : 0);
    std::map<std::string, Decimal> sums;
    while (query.executeStep()) {
        const auto cost = Decimal::parse_plain(query.getColumn(3).getString());
        REQUIRE(cost.has_value());
        sums[query.getColumn(0).getString() + " " + query.getColumn(1).getString() + " " + query.getColumn(2).getString()] +=
            *cost;
    }
    return sums;
}

std::string shown(const std::map<std::string, Decimal>& sums) {
    std::string text;
    for (const auto& [key, sum] : sums) text += key + " " + sum.to_string() + "\n";
    return text;
}

}  // namespace

TEST_CASE("seller samples: imported in delivery order, each file's events, the 47 current lines and the README's bases") {
    ScratchDir dir;
    const std::vector<std::string> expected = {
        "14 rows: 14 new, 0 newer, 0 older, 0 already known, 0 quarantined",
        "21 rows: 6 new, 1 newer (superseding import 1: 1), 0 older, 14 already known, 0 quarantined",
        "18 rows: 18 new, 0 newer, 0 older, 0 already known, 0 quarantined",
        "7 rows: 7 new, 0 newer, 0 older, 0 already known, 0 quarantined",
        "8 rows: 1 new, 6 newer (superseding import 4: 6), 0 older, 1 already known, 0 quarantined",
        "7 rows: 1 new, 0 newer, 0 older, 0 already known, 6 quarantined"};
    for (std::size_t i = 0; i < sample_files.size(); ++i) {
        const auto result = run_revshare("--db r.db import " + sample(sample_files[i]), dir.path());
        CHECK(result.exit_code == (i + 1 == sample_files.size() ? 1 : 0));
        CHECK(events_line(result) == expected[i]);
    }
    CHECK(query_value(dir / "r.db", "SELECT group_concat(code, ' ') FROM (SELECT code FROM quarantine ORDER BY code)") ==
          "bad-currency bad-number conflicting-version conflicting-version missing-value unknown-charge-type");
    CHECK(query_value(dir / "r.db", "SELECT sum(is_current) FROM normalised_line") == "47");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM normalised_line WHERE is_current AND ProviderName = 'AWS'") == "39");

    CHECK(shown(bases(dir, "'INVOICED', 'FORGIVEN'", false)) ==
          "AWS 2026-04 EUR 21858.175\nAWS 2026-04 USD 56739.8825\nAWS 2026-05 EUR 21344.1375\nAWS 2026-05 USD 51323.17\n"
          "AWS 2026-06 EUR -500\nMicrosoft 2026-04 EUR 19109\nMicrosoft 2026-04 USD 19400\nMicrosoft 2026-05 EUR 14841\n"
          "Microsoft 2026-05 USD 22261.5\nMicrosoft 2026-06 EUR 4947\n");
    CHECK(shown(bases(dir, "'COLLECTED'", false)) ==
          "AWS 2026-05 EUR 19040\nAWS 2026-05 USD 51637.5\nAWS 2026-06 USD 5102.3825\nMicrosoft 2026-04 EUR 19109\n"
          "Microsoft 2026-04 USD 19400\nMicrosoft 2026-05 EUR 14841\nMicrosoft 2026-05 USD 22261.5\n"
          "Microsoft 2026-06 EUR 4947\n");
    CHECK(shown(bases(dir, "'DISBURSED'", true)) ==
          "AWS 2026-06 EUR 19040\nAWS 2026-06 USD 51637.5\nMicrosoft 2026-04 EUR 19109\nMicrosoft 2026-04 USD 19400\n");

    // Any file again changes nothing; so does the early May delivery after the complete one.
    for (const auto& name : sample_files) {
        const auto again = run_revshare("--db r.db import " + sample(name), dir.path());
        CHECK(again.exit_code == 0);
        CHECK(again.out.find("already imported as import") != std::string::npos);
    }
    // Per delivered row, what it did.
    const auto events = run_revshare("--db r.db events --import 6", dir.path());
    CHECK(events.exit_code == 0);
    CHECK(events.out ==
          "import_id,source_line,event_key,valid_from,update_date,outcome,line_id,current,deleted,detail\n"
          "6,2,,,,quarantined,,,,unknown-charge-type\n6,3,,,,quarantined,,,,missing-value\n"
          "6,4,,,,quarantined,,,,bad-number\n6,5,,,,quarantined,,,,conflicting-version\n"
          "6,6,,,,quarantined,,,,conflicting-version\n"
          "6,7,SYNTH88888888888888888888888888888888881,2026-06-20T01:00:00Z,2026-06-20T01:00:00Z,new,55,yes,no,\n"
          "6,8,,,,quarantined,,,,bad-currency\n");
    const auto corrected = run_revshare("--db r.db events --import 2", dir.path());
    CHECK(corrected.out.find(",already known,") != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM event_line WHERE import_id = 2 AND outcome = 'newer'") == "1");
    const auto customer = run_revshare("--db r.db events --import 99", dir.path());
    CHECK(customer.exit_code == 2);
    CHECK(customer.err == "revshare: error: events: no import 99\n");

    // On the disbursed basis, June's AWS payout ties out to the disbursed items.
    write_file(dir / "c.toml", read_file(fixtures_dir() / "contracts/openai-microsoft-seller-disbursed.toml"));
    REQUIRE(run_revshare("--db r.db contract add c.toml", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db fx import '" + (fixtures_dir() / "fx/eur-usd-2026.csv").string() + "'", dir.path())
                .exit_code == 0);
    REQUIRE(run_revshare("--db r.db settle --period 2026-06", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db report --period 2026-06 --out out", dir.path()).exit_code == 0);
    CHECK(read_file(dir / "out/openai-microsoft-seller-disbursed/2026-06/disbursements.csv") ==
          "period,contract,currency,payout_rows,payout_amount,item_lines,item_amount,revenue_item_lines,"
          "revenue_item_amount,other_item_amount,difference\n"
          "2026-06,openai-microsoft-seller-disbursed,EUR,1,19040.00,2,19040.00,2,19040.00,0.00,0.00\n"
          "2026-06,openai-microsoft-seller-disbursed,USD,1,51637.50,4,51637.50,4,51637.50,0.00,0.00\n");
    // A month without payouts writes none.
    REQUIRE(run_revshare("--db r.db report --period 2026-05 --out out", dir.path()).exit_code == 0);
    CHECK(!std::filesystem::exists(dir / "out/openai-microsoft-seller-disbursed/2026-05/disbursements.csv"));

    ScratchDir reversed;
    REQUIRE(run_revshare("--db r.db import " + sample(sample_files[1]), reversed.path()).exit_code == 0);
    const auto early = run_revshare("--db r.db import " + sample(sample_files[0]), reversed.path());
    CHECK(events_line(early) == "14 rows: 0 new, 0 newer, 0 older, 14 already known, 0 quarantined");
    CHECK(query_value(reversed / "r.db", "SELECT count(*) FROM line") == "21");
    CHECK(run_revshare("--db r.db verify --deep", dir.path()).exit_code == 0);
}

TEST_CASE("seller fixtures: the demo's deliveries import as fixtures/seller/README.md says and settle to its bases") {
    ScratchDir dir;
    const auto fixtures = fixtures_dir().string();
    const auto imported = run_revshare("--db r.db import '" + fixtures + "'/seller/aws/*.csv '" + fixtures +
                                           "'/seller/microsoft/*.csv",
                                       dir.path());
    REQUIRE(imported.exit_code == 0);
    CHECK(imported.out.find("  events: 24 rows: 4 new, 1 newer (superseding import 2: 1), 0 older, 19 already known, 0 "
                            "quarantined\n") != std::string::npos);
    CHECK(imported.out.find("  events: 11 rows: 2 new, 8 newer (superseding import 5: 8), 0 older, 1 already known, 0 "
                            "quarantined\n") != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT count(*) || ' ' || sum(is_current) FROM normalised_line") == "84 75");
    REQUIRE(run_revshare("--db r.db fx import '" + fixtures + "/fx/eur-usd-2026.csv'", dir.path()).exit_code == 0);
    for (const auto* contract : {"openai-microsoft-seller", "openai-microsoft-seller-disbursed"}) {
        REQUIRE(run_revshare("--db r.db contract add '" + fixtures + "/contracts/" + contract + ".toml'", dir.path())
                    .exit_code == 0);
    }
    REQUIRE(run_revshare("--db r.db settle --period 2026-06", dir.path()).exit_code == 0);
    // Each statement row's version, basis (stored canonical) and lines: the README's USD bases.
    CHECK(query_value(dir / "r.db",
                      "SELECT group_concat(c || ' ' || p || ' ' || version_id || ' ' || basis || ' ' || lines, '\n') FROM "
                      "(SELECT r.contract_id AS c, r.period AS p, s.version_id, s.basis, s.lines FROM statement_row s JOIN "
                      "settlement_run r ON r.run_id = s.run_id WHERE s.kind = 'current' AND s.lines > 0 ORDER BY 1, 2, "
                      "s.row_number)") ==
          "openai-microsoft-seller 2026-03 2023-extension 4656 1\n"
          "openai-microsoft-seller 2026-04 2023-extension 35013.0406346 4\n"
          "openai-microsoft-seller 2026-04 2026-amendment 5589.88496 2\n"
          "openai-microsoft-seller 2026-05 2026-amendment 84250.85494222025 16\n"
          "openai-microsoft-seller 2026-06 2026-amendment -428.8176 2\n"
          "openai-microsoft-seller-disbursed 2026-04 2026-amendment 5589.88496 2\n"
          "openai-microsoft-seller-disbursed 2026-06 2026-amendment 30778.418742 12");
}
