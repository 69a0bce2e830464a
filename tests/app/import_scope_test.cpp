// Scopes (engine/core/scope_key.hpp): an import supersedes the earlier imports of its scopes,
// keyed by BillingAccountId or, without one, SubAccountId; never by an empty key. Azure's ids
// compare in any letter case, every id without surrounding spaces.
#include "tests/app/export_rows.hpp"
#include "tests/test_support.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace revshare::testing;

namespace {

std::string current_costs(const std::filesystem::path& db) {
    return query_value(db, "SELECT group_concat(BilledCost, ' ') FROM (SELECT BilledCost FROM normalised_line "
                           "WHERE is_current ORDER BY line_id)");
}

std::string scope_keys(const std::filesystem::path& db) {
    return query_value(db, "SELECT group_concat(import_id || ' ' || key_column || ' ' || scope_key || ' ' || "
                           "coalesce(superseded_by, '-'), '; ') FROM (SELECT * FROM import_scope ORDER BY scope_id)");
}

}  // namespace

TEST_CASE("import scope: two customers' exports without a billing account both count, in every format") {
    for (const ExportFormat& format : export_formats()) {
        CAPTURE(format.name);
        ScratchDir dir;
        const std::string first_sub = format.sub_account("1");
        const std::string second_sub = format.sub_account("2");
        write_file(dir / "a.csv", format.file({{"", first_sub, "10.5"}}));
        write_file(dir / "b.csv", format.file({{"", second_sub, "2.25"}}));
        const auto first = run_revshare("--db r.db import a.csv", dir.path());
        CHECK(first.exit_code == 0);
        const auto second = run_revshare("--db r.db import b.csv", dir.path());
        CHECK(second.exit_code == 0);
        CHECK(second.out == "b.csv: imported as import 2 (" + format.name + "): 1 rows read, 1 lines, 0 quarantined\n"
                            "  scope keyed by SubAccountId: " + format.provider + " sub-account " + format.sub_account_text(second_sub) +
                            " (no billing account), billing period 2026-03, 1 lines\n");
        CHECK(current_costs(dir / "r.db") == "10.5 2.25");
        CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import_scope WHERE superseded_by IS NOT NULL") == "0");
        // The same customer's restatement replaces only that customer's lines.
        write_file(dir / "a2.csv", format.file({{"", first_sub, "11"}}));
        const auto restated = run_revshare("--db r.db import a2.csv", dir.path());
        CHECK(restated.out.find("  supersedes import 1 (a.csv) for " + format.provider + " sub-account " +
                                format.sub_account_text(first_sub) +
                                " (no billing account), billing period 2026-03: its 1 lines no longer count\n") !=
              std::string::npos);
        CHECK(current_costs(dir / "r.db") == "2.25 11");
    }
}

TEST_CASE("import scope: a row with neither a billing account nor a sub-account is quarantined, in every format") {
    for (const ExportFormat& format : export_formats()) {
        CAPTURE(format.name);
        ScratchDir dir;
        write_file(dir / "x.csv", format.file({{"", "", "10.5"}, {" ", "\t", "1"}, {"", format.sub_account("7"), "2"}}));
        const auto result = run_revshare("--db r.db import x.csv", dir.path());
        CHECK(result.exit_code == 1);
        const std::string location = "x.csv:2:" + std::to_string(format.billing_account_column) + ": ";
        CHECK(result.err.find(location + "error[missing-value]: " + format.billing_account_name + " and " +
                              format.sub_account_name + " are both empty: the row does not say whose costs it holds\n") ==
              0);
        CHECK(result.err.find("x.csv:3:" + std::to_string(format.billing_account_column) + ": error[missing-value]: ") !=
              std::string::npos);
        CHECK(result.out.find("3 rows read, 1 lines, 2 quarantined\n  quarantined: 2 missing-value\n") != std::string::npos);
        CHECK(query_value(dir / "r.db", "SELECT group_concat(source_line || ' ' || field, '; ') FROM quarantine") ==
              "2 " + format.billing_account_name + "; 3 " + format.billing_account_name);
        CHECK(current_costs(dir / "r.db") == "2");
    }
}

TEST_CASE("import scope: an Azure or FOCUS header with no billing account and no sub-account column is refused") {
    ScratchDir dir;
    write_file(dir / "ea.csv", "Date,CostInBillingCurrency,BillingCurrencyCode,ChargeType,MeterCategory,MeterName,AccountName\n"
                               "2026-03-05,1,USD,Usage,Virtual Machines,D2 v3,owner\n");
    const auto ea = run_revshare("--db r.db import ea.csv", dir.path());
    CHECK(ea.exit_code == 2);
    CHECK(ea.err.rfind("ea.csv:1: error[broken-header]: missing column BillingAccountId (or SubscriptionId or "
                       "SubscriptionGuid) (Azure EA cost details)\n",
                       0) == 0);
    write_file(dir / "focus.csv", "BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,"
                                  "BillingPeriodStart,BillingPeriodEnd,ProviderName\n"
                                  "1,1,USD,Usage,2026-03-05,2026-03-06,2026-03-01,2026-04-01,AWS\n");
    const auto focus = run_revshare("--db r.db import focus.csv", dir.path());
    CHECK(focus.exit_code == 2);
    CHECK(focus.err.rfind("focus.csv:1: error[broken-header]: missing column BillingAccountId (or SubAccountId) (FOCUS)\n", 0) ==
          0);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "0");
}

TEST_CASE("import scope: Azure ids compare in any letter case, every id without surrounding spaces") {
    ScratchDir dir;
    const ExportFormat mca = export_format("azure-mca");
    const std::string account = "3C100A8A-215E-5A7E-24B2-61AA86945012";
    write_file(dir / "a.csv", mca.file({{account, "2639DE71-CA37-4A17-A104-17665A50E7FC", "10.5"}}));
    write_file(dir / "a2.csv", mca.file({{"3c100a8a-215e-5a7e-24b2-61aa86945012 ", "2639de71-ca37-4a17-a104-17665a50e7fc", "11"}}));
    REQUIRE(run_revshare("--db r.db import a.csv", dir.path()).exit_code == 0);
    const auto restated = run_revshare("--db r.db import a2.csv", dir.path());
    CHECK(restated.out == "a2.csv: imported as import 2 (azure-mca): 1 rows read, 1 lines, 0 quarantined\n"
                          "  supersedes import 1 (a.csv) for Microsoft billing account "
                          "/providers/Microsoft.Billing/billingAccounts/3c100a8a-215e-5a7e-24b2-61aa86945012/billingProfiles/P1, "
                          "billing period 2026-03: its 1 lines no longer count\n");
    CHECK(current_costs(dir / "r.db") == "11");
    // The lines keep the ids as delivered (the ARM path is built without the cell's surrounding
    // spaces); the scope says which column keyed it and how.
    CHECK(query_value(dir / "r.db", "SELECT BillingAccountId FROM normalised_line WHERE import_id = 1") ==
          "/providers/Microsoft.Billing/billingAccounts/" + account + "/billingProfiles/P1");
    CHECK(scope_keys(dir / "r.db") ==
          "1 BillingAccountId BillingAccountId=/providers/microsoft.billing/billingaccounts/"
          "3c100a8a-215e-5a7e-24b2-61aa86945012/billingprofiles/p1 2; "
          "2 BillingAccountId BillingAccountId=/providers/microsoft.billing/billingaccounts/"
          "3c100a8a-215e-5a7e-24b2-61aa86945012/billingprofiles/p1 -");

    // Microsoft's FOCUS export of the same billing profile is the same scope.
    const ExportFormat focus = export_format("focus");
    write_file(dir / "f.csv", focus.file({{"/providers/microsoft.billing/billingAccounts/3C100A8A-215E-5A7E-24B2-61AA86945012"
                                           "/billingProfiles/p1",
                                           "", "12"}},
                                         "Microsoft"));
    const auto from_focus = run_revshare("--db r.db import f.csv", dir.path());
    CHECK(from_focus.out.find("  supersedes import 2 (a2.csv) for Microsoft billing account ") != std::string::npos);
    CHECK(current_costs(dir / "r.db") == "12");
}

TEST_CASE("import scope: other providers' ids compare exactly, but for surrounding spaces") {
    ScratchDir dir;
    const ExportFormat focus = export_format("focus");
    write_file(dir / "a.csv", focus.file({{"Acct-1", "", "10.5"}}));
    write_file(dir / "b.csv", focus.file({{"acct-1", "", "2.25"}}));
    write_file(dir / "c.csv", focus.file({{" acct-1 ", "", "3"}}));
    REQUIRE(run_revshare("--db r.db import a.csv b.csv", dir.path()).exit_code == 0);
    CHECK(current_costs(dir / "r.db") == "10.5 2.25");
    const auto spaced = run_revshare("--db r.db import c.csv", dir.path());
    CHECK(spaced.out.find("  supersedes import 2 (b.csv) for AWS billing account  acct-1 , billing period 2026-03") !=
          std::string::npos);
    CHECK(current_costs(dir / "r.db") == "10.5 3");
}

TEST_CASE("import scope: a payer account and a usage account with the same number are different scopes") {
    ScratchDir dir;
    const ExportFormat cur = export_format("aws-cur");
    write_file(dir / "a.csv", cur.file({{"111122223333", "444455556666", "10.5"}, {"", "111122223333", "2.25"}}));
    const auto result = run_revshare("--db r.db import a.csv", dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out == "a.csv: imported as import 1 (aws-cur): 2 rows read, 2 lines, 0 quarantined\n"
                        "  scope keyed by SubAccountId: AWS sub-account 111122223333 (no billing account), billing "
                        "period 2026-03, 1 lines\n");
    CHECK(scope_keys(dir / "r.db") == "1 BillingAccountId BillingAccountId=111122223333 -; "
                                      "1 SubAccountId SubAccountId=111122223333 -");
}
