// Every real sample export in ../shared/samples imports (issue 2: "succeeds or quarantines
// rows with stated reasons"), with its format recognised from the header row.
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare::testing;

TEST_CASE("CLI import: every file in shared/samples imports, each with its recognised format") {
    ScratchDir dir;
    struct Sample {
        const char* path;
        const char* format;
        const char* rows;
    };
    const Sample samples[] = {
        {"aws-cur-legacy/focus_converters-sample-anonymous-aws-export-dataset.csv", "aws-cur", "1281 rows read, 1281 lines, 0 quarantined"},
        {"aws-cur-legacy-athena/koku-2022-07-01-alt-columns.csv", "aws-cur-athena", "2 rows read, 2 lines, 0 quarantined"},
        {"azure-ea/finops-toolkit-EA_ActualCost_Small.csv", "azure-ea", "11 rows read, 11 lines, 0 quarantined"},
        {"azure-ea/focus_converters-sample-anonymous-ea-export-dataset.csv", "azure-ea", "27 rows read, 27 lines, 0 quarantined"},
        {"azure-mca/koku-camel_azure_version_2.csv", "azure-mca", "4 rows read, 4 lines, 0 quarantined"},
        // One Oracle row of the dump is charged the day before its billing period.
        {"focus-1.0/focus_sample.csv", "focus",
         "1000 rows read, 1000 lines, 0 quarantined\n  note: 1 line is charged outside its billing period (the first: line "
         "946, charged 2024-09-30 in the billing period 2024-10-01 to 2024-11-01): each settles in the month it is "
         "charged, and reconciliation.csv counts them (lines_outside_billing_period)"},
        {"focus-draft-ai/csp_served_third_party_model.csv", "focus", "2 rows read, 2 lines, 0 quarantined"},
    };
    int import_id = 0;
    for (const auto& sample : samples) {
        CAPTURE(sample.path);
        const auto path = (samples_dir() / sample.path).string();
        const auto result = run_revshare("--db s.db import '" + path + "'", dir.path());
        CHECK(result.exit_code == 0);
        CHECK(result.out == path + ": imported as import " + std::to_string(++import_id) + " (" + sample.format + "): " +
                                sample.rows + "\n");
    }
    // The amortized EA export has the same header, account and billing period as the actual
    // one: importing it after the actual export supersedes it (see docs/commands.md, "Importing").
    const auto amortized = (samples_dir() / "azure-ea/finops-toolkit-EA_AmortizedCost_Small.csv").string();
    const auto result = run_revshare("--db s.db import '" + amortized + "'", dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("  supersedes import 3 (" + (samples_dir() / "azure-ea/finops-toolkit-EA_ActualCost_Small.csv").string() +
                          ") for Microsoft billing account /providers/Microsoft.Billing/billingAccounts/8611537, billing "
                          "period 2023-09: its 11 lines no longer count\n") != std::string::npos);
    CHECK(query_value(dir / "s.db", "SELECT sum(rows_read) = sum(rows_imported) + sum(rows_quarantined) FROM import") == "1");
}
