// Defects an adversarial pass found in the new export shapes, each as a test of its class:
// parts of one zip that would replace each other, a FOCUS row without a provider, a FOCUS 1.3
// bill split by seller, a row that lost a cell read shifted, a mapping version past 32 bits, a
// NUL spelt in JSON, a FOCUS file without EffectiveCost.
#include "tests/app/zip_test_support.hpp"
#include "tests/importers/azure_focus_import.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace revshare;
using namespace revshare::testing;

namespace {

const std::string focus_header = "BilledCost,BillingAccountId,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,"
                                 "ChargeCategory,ChargePeriodEnd,ChargePeriodStart";
const std::string may = ",USD,2026-06-01,2026-05-01,Usage,2026-05-03,2026-05-02,";

}  // namespace

TEST_CASE("Two CSV members of one zip that deliver the same scope: the second is refused, the first still counts") {
    ScratchDir dir;
    const std::string header = focus_header + ",ProviderName,SubAccountId\n";
    zip::write_zip(dir / "report.csv.zip", {{"report-1.csv", header + "5" + ",X" + may + "AWS,s\n"},
                                       {"report-2.csv", header + "7" + ",X" + may + "AWS,s\n"}});
    const auto imported = run_revshare("--db r.db import report.csv.zip", dir.path());
    CHECK(imported.exit_code == 2);
    CHECK(imported.err.find("report.csv.zip:report-2.csv: delivers AWS billing account X, billing period 2026-05 as "
                            "report.csv.zip:report-1.csv (import 1) of the same zip does: as parts of one delivery they "
                            "would replace each other, so this member was not imported; join the parts into one CSV with "
                            "one header row and import that") != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT group_concat(BilledCost) FROM normalised_line WHERE is_current") == "5");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "1");
}

TEST_CASE("FOCUS rows without a provider: HostProviderName, then ServiceProviderName; none at all is quarantined") {
    ScratchDir dir;
    const std::string header = focus_header + ",ProviderName,HostProviderName,ServiceProviderName,SubAccountId\n";
    const auto file = import_text(dir, "f.csv",
                                  header + "5,Y" + may + ",AWS,OpenAI,s\n" + "7,Y" + may + "NULL,,Microsoft,s\n" + "9,Y" +
                                      may + ",,,s\n");
    REQUIRE(file.lines.size() == 2);
    CHECK(line_at(file, 2).get(TextColumn::ProviderName) == "AWS");
    CHECK(line_at(file, 3).get(TextColumn::ProviderName) == "Microsoft");
    CHECK(line_at(file, 3).get(TextColumn::HostProviderName) == "Microsoft");
    REQUIRE(file.rejects.size() == 1);
    CHECK(file.rejects[0].headline() == "f.csv:4:9: error[missing-value]: ProviderName: empty (as is HostProviderName and "
                                        "ServiceProviderName): the row does not say whose service it charges");
}

TEST_CASE("FOCUS 1.3 without ProviderName: one bill is one scope (the host's), so a restatement replaces all of it") {
    ScratchDir dir;
    const std::string header = focus_header + ",HostProviderName,ServiceProviderName,SubAccountId\n";
    write_file(dir / "v1.csv", header + "100,X" + may + "AWS,OpenAI,s\n" + "10,X" + may + "AWS,AWS,s\n");
    write_file(dir / "v2.csv", header + "11,X" + may + "AWS,AWS,s\n");
    REQUIRE(run_revshare("--db r.db import v1.csv v2.csv", dir.path()).exit_code == 0);
    CHECK(query_value(dir / "r.db", "SELECT group_concat(BilledCost) FROM normalised_line WHERE is_current") == "11");
    CHECK(query_value(dir / "r.db", "SELECT ProviderName || '/' || ServiceProviderName FROM normalised_line WHERE "
                                    "import_id = 1 AND source_line = 2") == "AWS/OpenAI");
}

TEST_CASE("A row one cell short in a file whose first row is whole stays column-count; so does one short of a mapped column") {
    ScratchDir dir;
    const std::string header = "bill/PayerAccountId,bill/BillingPeriodStartDate,bill/BillingPeriodEndDate,"
                               "lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,"
                               "lineItem/ProductCode,lineItem/UsageType,lineItem/CurrencyCode,lineItem/UnblendedCost,"
                               "lineItem/NetUnblendedCost,pricing/publicOnDemandCost";
    const std::string p = "111,2026-03-01T00:00:00Z,2026-04-01T00:00:00Z,222,Usage,2026-03-05T00:00:00Z,"
                          "2026-03-06T00:00:00Z,AmazonBedrock,USE1-tokens,USD";
    // Row 3 lost its UnblendedCost: read shifted, it would be BilledCost 90 from the net column.
    const auto whole_first = import_text(dir, "a.csv", header + ",costCategory/team\n" + p + ",100,90,120,t1\n" + p +
                                                          ",90,120,\n" + p + ",100,90,120,\n");
    CHECK(whole_first.lines.size() == 2);
    REQUIRE(whole_first.rejects.size() == 1);
    CHECK(whole_first.rejects[0].code == DiagnosticCode::column_count);
    CHECK(whole_first.notes == std::vector<std::string>{"PublisherName from lineItem/ProductCode: the file has no "
                                                        "lineItem/LegalEntity column"});
    // Every row lacks the last column, but it is a cost the lines take: never read as empty.
    const auto cost_last = import_text(dir, "b.csv", header + "\n" + p + ",100,90\n");
    CHECK(cost_last.lines.empty());
    REQUIRE(cost_last.rejects.size() == 1);
    CHECK(cost_last.rejects[0].code == DiagnosticCode::column_count);
}

TEST_CASE("An import's mapping version past 32 bits is named as stored, not read as a known version") {
    ScratchDir dir;
    write_file(dir / "f.csv", focus_header + ",ProviderName,SubAccountId\n5,Y" + may + "AWS,s\n");
    REQUIRE(run_revshare("--db r.db import f.csv", dir.path()).exit_code == 0);
    {
        SQLite::Database db((dir / "r.db").string(), SQLite::OPEN_READWRITE);
        db.exec("DROP TRIGGER IF EXISTS import_no_update; UPDATE import SET mapping = 4294967298");
    }
    const auto verified = run_revshare("--db r.db verify --deep", dir.path());
    CHECK(verified.exit_code == 1);
    CHECK(verified.out.find("import 1 (f.csv): its mapping version 4294967298 is not one revshare knows (the import row "
                            "was edited)") != std::string::npos);
}

TEST_CASE("A NUL spelt in JSON (\\u0000) never reaches a line's text; a FOCUS file without EffectiveCost says so") {
    ScratchDir dir;
    const auto file = import_text(dir, "f.csv",
                                  focus_header + ",ProviderName,SubAccountId,SkuPriceDetails\n" + "1,A" + may +
                                      "AWS,s,\"{\"\"ModelDeveloper\"\":\"\"Open\\u0000AI\"\"}\"\n");
    REQUIRE(file.lines.size() == 1);
    CHECK(file.lines[0].get(TextColumn::x_SkuPriceDetails_ModelDeveloper) == "");
    CHECK(file.notes == std::vector<std::string>{
                            "the file has no EffectiveCost column: EffectiveCost is empty on every line (a contract on "
                            "EffectiveCost counts none of them)",
                            "1 row's SkuPriceDetails is not a flat JSON object (the first: line 2, ModelDeveloper holds a "
                            "NUL character (\\u0000)): its x_SkuPriceDetails columns read as empty there"});
}

TEST_CASE("A zip saved under a .csv name is named as a zip, not as text that is not UTF-8") {
    ScratchDir dir;
    zip::write_zip(dir / "export.csv", {{"export.csv", focus_header + ",ProviderName,SubAccountId\n5,Y" + may + "AWS,s\n"}});
    const auto imported = run_revshare("--db r.db import export.csv", dir.path());
    CHECK(imported.exit_code == 2);
    CHECK(imported.err.starts_with("export.csv: error[unknown-format]: this is a zip archive, not a CSV file (its name "
                                   "says CSV)\nhint: name it .zip or .csv.zip and import it again: revshare imports a "
                                   "zip's CSV members\n"));
}
