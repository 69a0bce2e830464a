// `revshare contract check FILE [--period YYYY-MM]`: a contract file validated, and with a
// period settled in memory and its match tables tried on the period's lines; nothing stored.
#include "tests/reports/report_test_support.hpp"

using namespace revshare::testing;
using namespace revshare::testing::reports;

namespace {

const std::string seed = "contracts/openai-microsoft.toml";

// Every fixture export and the FX rates (no contract, nothing settled).
void import_fixtures(const ScratchDir& dir, bool with_fx = true) {
    const std::string exports = "'" + (fixtures_dir() / "exports").string() + "'/*/*";
    REQUIRE(run_revshare("--db r.db import " + exports, dir.path()).exit_code == 1);  // 3 rows quarantined
    if (!with_fx) return;
    REQUIRE(run_revshare("--db r.db fx import '" + (fixtures_dir() / "fx/eur-usd-2026.csv").string() + "'", dir.path())
                .exit_code == 0);
}

// The seed contract with `from` replaced by `to` (once), as c.toml in `dir`.
void write_changed_seed(const ScratchDir& dir, const std::string& from, const std::string& to) {
    std::string text = read_file(fixtures_dir() / seed);
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    write_file(dir / "c.toml", text);
}

std::string stored_counts(const ScratchDir& dir) {
    return query_value(dir / "r.db", "SELECT (SELECT count(*) FROM settlement_run) || ' ' || (SELECT count(*) FROM "
                                     "contract_text) || ' ' || (SELECT count(*) FROM audit_log)");
}

const std::string april_statement =
    "settled in memory, nothing stored:\n"
    "openai-microsoft 2026-04 (USD)\n"
    "  segment                 kind     version         rule                          payer      payee      lines  "
    "                basis     share\n"
    "  2026-04-01..2026-04-27  current  2023-extension  msft-share-of-openai          openai     microsoft     57  "
    "99379.852153974645914  19875.97\n"
    "  2026-04-01..2026-04-27  current  2023-extension  openai-share-of-azure-openai  microsoft  openai        57  "
    "99379.852153974645914  11925.58\n"
    "  2026-04-28..2026-04-30  current  2026-amendment  aws-distribution-fee          openai     aws           27  "
    "      30494.827533375   4574.22\n"
    "  2026-04-28..2026-04-30  current  2026-amendment  msft-share-all-clouds         openai     microsoft     50  "
    "  81526.0163969287455  15000.00\n"
    "net:\n"
    "  openai pays aws 4574.22 USD\n"
    "  openai pays microsoft 22950.39 USD\n";

}  // namespace

TEST_CASE("contract check: a valid file is valid (exit 0), and no database is needed or created") {
    ScratchDir dir;
    copy_fixture(seed, dir.path());
    const auto checked = run_revshare("--db r.db contract check openai-microsoft.toml", dir.path());
    CHECK(checked.exit_code == 0);
    CHECK(checked.err == "");
    CHECK(checked.out == "openai-microsoft.toml: valid: contract openai-microsoft, 3 versions\n");
    CHECK(!std::filesystem::exists(dir / "r.db"));
}

TEST_CASE("contract check: an invalid file gets contract add's errors, exit 2, and nothing is stored") {
    ScratchDir dir;
    write_changed_seed(dir, "rate  = \"0.15\"", "rate  = \"1.5\"");
    std::string text = read_file(dir / "c.toml");
    const std::string publisher = "PublisherName = [\"OpenAI*\"] }\n";
    text.replace(text.find(publisher), publisher.size(), "Publisher = [\"OpenAI*\"] }\n");
    write_file(dir / "c.toml", text);
    const auto checked = run_revshare("--db r.db contract check c.toml --period 2026-04", dir.path());
    CHECK(checked.exit_code == 2);
    CHECK(checked.out == "");
    const std::string errors =
        "c.toml:30:11: error[contract-invalid]: version \"2019-original\" rule \"msft-share-of-openai\" rate: \"1.5\" is "
        "outside [0, 1]; expected a fraction, e.g. rate = \"0.15\" for 15%\n"
        "      rate  = \"1.5\"\n"
        "c.toml:73:83: error[contract-invalid]: version \"2026-amendment\" rule \"aws-distribution-fee\" match.Publisher: "
        "unknown column; expected a text column of the normalised line: ProviderName, PublisherName, InvoiceIssuerName, "
        "BillingAccountId, SubAccountId, ChargeCategory, ChargeClass, ServiceName, SkuId, SkuMeter, RegionId, "
        "BillingCurrency, ConsumedUnit, x_ServiceCode, x_UsageType, x_Operation, x_SkuMeterCategory, "
        "x_SkuMeterSubcategory, x_SkuMeterName, x_PublisherCategory, HostProviderName, ServiceProviderName, "
        "x_SkuPriceDetails.ModelDeveloper, x_SkuPriceDetails.ModelFamily, x_SkuPriceDetails.ModelId, "
        "x_SkuPriceDetails.ModelVersion, x_SkuPriceDetails.TokenDirection, x_SkuPriceDetails.TokenCacheAction, InvoiceId, "
          "x_MarketplaceAction, x_TransactionType, x_PaymentStatus, x_ProductId, x_OfferId, x_AgreementId, x_BrokerId\n"
        "      match = { ProviderName = [\"AWS\"], ServiceName = [\"* (Amazon Bedrock Edition)\"], Publisher = "
        "[\"OpenAI*\"] }\n";
    CHECK(checked.err == errors + "c.toml: invalid (2 errors)\n");
    CHECK(!std::filesystem::exists(dir / "r.db"));  // refused before any database is opened
    const auto added = run_revshare("--db r.db contract add c.toml", dir.path());
    CHECK(added.exit_code == 2);
    CHECK(added.err == errors + "c.toml: refused (2 errors); nothing was stored\n");
    const auto missing = run_revshare("--db r.db contract check nope.toml", dir.path());
    CHECK(missing.exit_code == 2);
    CHECK(missing.err == "revshare: error: contract check: nope.toml: cannot open: No such file or directory\n");
}

TEST_CASE("contract check --period: April 2026 settled in memory under the seed contract, as settle would; nothing stored") {
    ScratchDir dir;
    import_fixtures(dir);
    copy_fixture(seed, dir.path());
    const std::string before = stored_counts(dir);
    const auto checked = run_revshare("--db r.db contract check openai-microsoft.toml --period 2026-04", dir.path());
    CHECK(checked.exit_code == 0);
    CHECK(checked.err == "");
    CHECK(checked.out == "openai-microsoft.toml: valid: contract openai-microsoft, 3 versions\n" + april_statement +
                             "all 5 match tables of the rules in force match lines of 2026-04\n");
    CHECK(stored_counts(dir) == before);
    CHECK(stored_counts(dir) == "0 0 2");  // the import and fx import only
    // Before the first version: nothing to settle, and nothing wrong with the file.
    const auto early = run_revshare("--db r.db contract check openai-microsoft.toml --period 2019-06", dir.path());
    CHECK(early.exit_code == 0);
    CHECK(early.out == "openai-microsoft.toml: valid: contract openai-microsoft, 3 versions\n"
                       "no version of openai-microsoft is in force in 2019-06 (its first version, 2019-original, takes "
                       "effect on 2019-07-22): nothing to settle\n");
}

TEST_CASE("contract check --period: lifetime caps start from the stored runs of the same contract id, as settle's") {
    ScratchDir dir;
    load_and_settle(dir);  // Feb-May 2026 settled: 15,000.00 of msft-lifetime used in April
    copy_fixture(seed, dir.path());
    const auto may = run_revshare("--db r.db contract check openai-microsoft.toml --period 2026-05", dir.path());
    CHECK(may.exit_code == 0);
    CHECK(may.out ==
          "openai-microsoft.toml: valid: contract openai-microsoft, 3 versions\n"
          "settled in memory, nothing stored:\n"
          "openai-microsoft 2026-05 (USD)\n"
          "  segment                 kind     version         rule                   payer   payee      lines  "
          "                basis      share\n"
          "  2026-05-01..2026-05-31  current  2026-amendment  aws-distribution-fee   openai  aws          201  "
          "     323747.715051625   48562.16\n"
          "  2026-05-01..2026-05-31  current  2026-amendment  msft-share-all-clouds  openai  microsoft    280  "
          "448375.74002757590833  105000.00\n"
          "net:\n"
          "  openai pays aws 48562.16 USD\n"
          "  openai pays microsoft 105000.00 USD\n"
          "all 3 match tables of the rules in force match lines of 2026-05\n");
    // Under another id the cap starts from zero: the tiers' 109,593.94 stands.
    write_changed_seed(dir, "id          = \"openai-microsoft\"", "id          = \"draft\"");
    const auto draft = run_revshare("--db r.db contract check c.toml --period 2026-05", dir.path());
    CHECK(draft.exit_code == 0);
    CHECK(draft.out.find("  2026-05-01..2026-05-31  current  2026-amendment  msft-share-all-clouds  openai  microsoft    280  "
                         "448375.74002757590833  109593.94\n") != std::string::npos);
}

TEST_CASE("contract check --period: a match table that matches nothing is a warning with the values the data has (exit 1)") {
    ScratchDir dir;
    import_fixtures(dir);
    // A first table for msft-share-all-clouds that names Azure by a name no export uses.
    write_changed_seed(dir, "  match     = [\n",
                       "  match     = [\n    { ProviderName = [\"Azure\"], x_SkuMeterSubcategory = [\"Azure OpenAI*\"] },\n");
    const auto checked = run_revshare("--db r.db contract check c.toml --period 2026-04", dir.path());
    CHECK(checked.exit_code == 1);
    CHECK(checked.err == "");
    // The statement is the seed's: the new table adds no line.
    CHECK(checked.out ==
          "c.toml: valid: contract openai-microsoft, 3 versions\n" + april_statement +
              "warning: rule \"msft-share-all-clouds\" match table 1: ProviderName = [\"Azure\"], x_SkuMeterSubcategory = "
              "[\"Azure OpenAI*\"] matches nothing in 2026-04; the data has ProviderName \"Microsoft\" (112 lines), \"AWS\" "
              "(108 lines); x_SkuMeterSubcategory \"\" (113 lines), \"Azure OpenAI GPT5\" (52 lines), \"Azure OpenAI\" (19 "
              "lines), \"Azure OpenAI Reasoning\" (12 lines), \"Dv5/Dsv5 Series\" (9 lines), \"Tiered Block Blob\" (6 lines), "
              "\"Azure Deepseek Models\" (3 lines), \"Claude Sonnet 4.5 - msft-sonnet-4-5\" (3 lines), \"Proseware "
              "Observability\" (3 lines)\n");
    // A period with no lines at all: one warning, not one per table.
    const auto empty = run_revshare("--db r.db contract check c.toml --period 2026-09", dir.path());
    CHECK(empty.exit_code == 1);
    CHECK(empty.out.find("warning: 2026-09 has no current lines, so no match table matches anything (import its exports "
                         "first)\n") != std::string::npos);
}

TEST_CASE("contract check --period: more than 10 values in a column are cut, saying how many more") {
    ScratchDir dir;
    import_fixtures(dir);
    write_changed_seed(dir, "ServiceName = [\"* (Amazon Bedrock Edition)\"], PublisherName = [\"OpenAI*\"] }\n",
                       "SkuId = [\"no-such-sku\"] }\n");
    const auto checked = run_revshare("--db r.db contract check c.toml --period 2026-04", dir.path());
    CHECK(checked.exit_code == 1);
    CHECK(checked.out.substr(checked.out.find("warning: ")) ==
          "warning: rule \"aws-distribution-fee\" match table 1: ProviderName = [\"AWS\"], SkuId = [\"no-such-sku\"] "
          "matches nothing in 2026-04; the data has ProviderName \"Microsoft\" (112 lines), \"AWS\" (108 lines); SkuId "
          "\"\" (27 lines), \"AAM-51205\" (15 lines), \"T964Z1MSRACJ375X\" (15 lines), \"AAM-51204\" (14 lines), "
          "\"8SVCB3R7UHS8HAHN\" (9 lines), \"KGDWLG6URESUKQQE\" (9 lines), \"V0EAEDHVSQTYEXGW\" (9 lines), "
          "\"WU3CZUN31HX6QYSW\" (9 lines), \"DZH318Z0D1GP0001\" (7 lines), \"DZH318Z0D1GP0002\" (7 lines), and 33 more\n");
}

TEST_CASE("contract check --period: missing FX rates are named, exit 2, as settle names them") {
    ScratchDir dir;
    import_fixtures(dir, false);
    copy_fixture(seed, dir.path());
    const auto checked = run_revshare("--db r.db contract check openai-microsoft.toml --period 2026-04", dir.path());
    CHECK(checked.exit_code == 2);
    CHECK(checked.out == "openai-microsoft.toml: valid: contract openai-microsoft, 3 versions\n"
                         "all 5 match tables of the rules in force match lines of 2026-04\n");
    CHECK(checked.err ==
          "revshare: error: contract check openai-microsoft 2026-04: missing FX rates into the contract currency for: "
          "EUR 2026-04-03, EUR 2026-04-04, EUR 2026-04-05, EUR 2026-04-06, EUR 2026-04-07, EUR 2026-04-09, EUR 2026-04-13, "
          "EUR 2026-04-22, EUR 2026-04-28, EUR 2026-04-29, EUR 2026-04-30\n"
          "hint: import them with revshare fx import FILE (a rate may be at most 7 days older than the line)\n");
}
