// `revshare values COLUMN`: the distinct values of a text column of the current lines, on the
// bundled fixtures (counts as `sqlite3` gives them from the normalised_line view).
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare::testing;

namespace {

void import_fixtures(const ScratchDir& dir) {
    const std::string exports = "'" + (fixtures_dir() / "exports").string() + "'/*/*";
    REQUIRE(run_revshare("--db r.db import " + exports, dir.path()).exit_code == 1);  // 3 rows quarantined
}

}  // namespace

TEST_CASE("values: ProviderName of every current line, and of one period, by lines descending") {
    ScratchDir dir;
    import_fixtures(dir);
    const auto all = run_revshare("--db r.db values ProviderName", dir.path());
    CHECK(all.exit_code == 0);
    CHECK(all.err == "");
    CHECK(all.out ==
          "ProviderName of the 1016 current lines: 2 values\n"
          "  lines  value\n"
          "    571  AWS\n"
          "    445  Microsoft\n");
    // March: cur-2026-03.restated.csv supersedes cur-2026-03.csv, whose 139 AWS lines (of
    // March) are not current any more.
    const auto march = run_revshare("--db r.db values ProviderName --period 2026-03", dir.path());
    CHECK(march.exit_code == 0);
    CHECK(march.out ==
          "ProviderName of the 209 current lines charged in 2026-03: 2 values\n"
          "  lines  value\n"
          "    112  Microsoft\n"
          "     97  AWS\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM normalised_line WHERE ChargePeriodStart LIKE '2026-03%' AND "
                                    "ProviderName = 'AWS'") == "139");
}

TEST_CASE("values: an empty value shows as \"\", equal counts in byte order, --limit says what it left out") {
    ScratchDir dir;
    import_fixtures(dir);
    const auto all = run_revshare("--db r.db values x_SkuMeterSubcategory --period 2026-04", dir.path());
    CHECK(all.exit_code == 0);
    CHECK(all.out ==
          "x_SkuMeterSubcategory of the 220 current lines charged in 2026-04: 9 values\n"
          "  lines  value\n"
          "    113  \"\"\n"
          "     52  Azure OpenAI GPT5\n"
          "     19  Azure OpenAI\n"
          "     12  Azure OpenAI Reasoning\n"
          "      9  Dv5/Dsv5 Series\n"
          "      6  Tiered Block Blob\n"
          "      3  Azure Deepseek Models\n"
          "      3  Claude Sonnet 4.5 - msft-sonnet-4-5\n"
          "      3  Proseware Observability\n");
    const auto limited = run_revshare("--db r.db values x_SkuMeterSubcategory --period 2026-04 --limit 3", dir.path());
    CHECK(limited.exit_code == 0);
    CHECK(limited.out ==
          "x_SkuMeterSubcategory of the 220 current lines charged in 2026-04: 9 values\n"
          "  lines  value\n"
          "    113  \"\"\n"
          "     52  Azure OpenAI GPT5\n"
          "     19  Azure OpenAI\n"
          "  (6 more values in 36 lines: raise --limit to see them)\n");
    const auto csv = run_revshare("--db r.db values x_SkuMeterSubcategory --period 2026-04 --limit 2 --csv", dir.path());
    CHECK(csv.exit_code == 0);
    CHECK(csv.out == "value,lines\n,113\nAzure OpenAI GPT5,52\n");
    // A period without lines.
    const auto none = run_revshare("--db r.db values ProviderName --period 2027-01", dir.path());
    CHECK(none.exit_code == 0);
    CHECK(none.out == "ProviderName of the 0 current lines charged in 2027-01: 0 values\n");
}

TEST_CASE("values: equal counts sort by value in byte order (B before a before b), not by letter") {
    ScratchDir dir;
    std::string focus =
        "BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,"
        "BillingPeriodEnd,ProviderName,BillingAccountId,SubAccountId\n";
    for (const std::string sub : {"b", "a", "Zed", "B", "Zed"}) {
        focus += "1,1,USD,Usage,2026-03-05T00:00:00Z,2026-03-06T00:00:00Z,2026-03-01T00:00:00Z,2026-04-01T00:00:00Z,AWS,acct," +
                 sub + "\n";
    }
    write_file(dir / "focus.csv", focus);
    REQUIRE(run_revshare("--db r.db import focus.csv", dir.path()).exit_code == 0);
    const auto values = run_revshare("--db r.db values SubAccountId --csv", dir.path());
    CHECK(values.exit_code == 0);
    CHECK(values.out == "value,lines\nZed,2\nB,1\na,1\nb,1\n");
}

TEST_CASE("values: an unknown column or a bad --limit is a usage error (exit 2) naming the valid columns") {
    ScratchDir dir;
    const auto unknown = run_revshare("--db r.db values providername", dir.path());
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.out == "");
    CHECK(unknown.err ==
          "revshare: values: unknown column 'providername' (did you mean ProviderName?); expected a text column of the "
          "normalised line: ProviderName, PublisherName, InvoiceIssuerName, BillingAccountId, SubAccountId, ChargeCategory, "
          "ChargeClass, ServiceName, SkuId, SkuMeter, RegionId, BillingCurrency, ConsumedUnit, x_ServiceCode, x_UsageType, "
          "x_Operation, x_SkuMeterCategory, x_SkuMeterSubcategory, x_SkuMeterName, x_PublisherCategory, HostProviderName, "
          "ServiceProviderName, x_SkuPriceDetails.ModelDeveloper, x_SkuPriceDetails.ModelFamily, x_SkuPriceDetails.ModelId, "
          "x_SkuPriceDetails.ModelVersion, x_SkuPriceDetails.TokenDirection, x_SkuPriceDetails.TokenCacheAction, InvoiceId, "
          "x_MarketplaceAction, x_TransactionType, x_PaymentStatus, x_ProductId, x_OfferId, x_AgreementId, x_BrokerId\n");
    // Costs are not text columns a match can name.
    const auto cost = run_revshare("--db r.db values BilledCost", dir.path());
    CHECK(cost.exit_code == 2);
    CHECK(cost.err.rfind("revshare: values: unknown column 'BilledCost'; expected a text column", 0) == 0);
    const auto limit = run_revshare("--db r.db values ProviderName --limit 0", dir.path());
    CHECK(limit.exit_code == 2);
    CHECK(limit.err == "revshare: values: --limit '0': expected a whole number of values, at least 1\n");
    const auto two = run_revshare("--db r.db values ProviderName ServiceName", dir.path());
    CHECK(two.exit_code == 2);
    CHECK(two.err == "revshare: usage: revshare values COLUMN [--period YYYY-MM] [--limit N] [--csv]\n");
}
