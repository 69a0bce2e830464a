// The journal export's renderers (reports/journal_export.hpp) on a small hand-made pair of runs:
// a USD contract with a current row, a memo row (no transaction), a negative adjustment for a
// closed period and a zero recoupment, and a JPY contract in the same file; party names with
// quotes, `;`, `|`, a tab, Unicode, and what hledger reads at the start of a description (a
// code in parentheses, a status `*` or `!`), two spaces, `#` and a trailing backslash. The three files are golden (tests/reports/expected/journal/;
// journal_tools_test.cpp runs hledger and beancount on them).
#include "engine/core/error.hpp"
#include "reports/journal_export.hpp"
#include "tests/reports/report_test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare;
using namespace revshare::testing;
using namespace revshare::testing::reports;
using revshare::reports::JournalFormat;
using revshare::reports::JournalRun;

namespace {

settle::StatementRow row(settle::RowKind kind, const std::string& for_period, const std::string& version,
                         const std::string& rule, const std::string& payer, const std::string& payee,
                         const std::string& share, bool owed = true) {
    const Period april = *Period::parse("2026-04");
    return settle::StatementRow{.kind = kind,
                                .for_period = *Period::parse(for_period),
                                .version_id = version,
                                .rule_id = rule,
                                .payer = payer,
                                .payee = payee,
                                .segment_start = april.start(),
                                .segment_end = april.end_exclusive(),
                                .basis = Decimal(),
                                .share = decimal(share),
                                .lines = 0,
                                .owed = owed};
}

JournalRun deal_a() {
    using settle::RowKind;
    return JournalRun{
        .contract_id = "deal-a",
        .period = *Period::parse("2026-04"),
        .currency = *Currency::from_code("USD"),
        .run_id = 7,
        .closed = false,
        .statement_sha256 = std::string(64, 'a'),
        .accounts_text_sha256 = std::string(64, 'b'),
        .rows = {row(RowKind::current, "2026-04", "v1", "msft-share", "openai", "microsoft", "19875.97"),
                 row(RowKind::current, "2026-04", "v1", "store-fee", "openai", "aws", "3.00", false),
                 row(RowKind::adjustment, "2026-02", "v1", "msft-share", "openai", "microsoft", "-12.34"),
                 row(RowKind::recoupment, "2026-04", "", "prepay", "microsoft", "openai", "0.00")},
        .accounts = {{"openai", "Liabilities:Revshare:Openai"},
                     {"microsoft", "Assets:Receivable:Microsoft"},
                     {"aws", "Liabilities:Revshare:Aws"}},
        .party_names = {{"openai", "OpenAI OpCo, LLC"},
                        {"microsoft", "Microsoft \"MS\"; Corp | \xC3\x9Cn\xC3\xAF" "code\\\tTab"},
                        {"aws", "Amazon"}}};
}

JournalRun deal_b() {
    return JournalRun{
        .contract_id = "deal-b",
        .period = *Period::parse("2026-04"),
        .currency = *Currency::from_code("JPY"),
        .run_id = 9,
        .closed = true,
        .statement_sha256 = std::string(64, 'c'),
        .accounts_text_sha256 = std::string(64, 'd'),
        .rows = {row(settle::RowKind::current, "2026-04", "v1", "jp-share", "openai", "aws-jp", "103")},
        .accounts = {{"openai", "Liabilities:Revshare:Openai"}, {"aws-jp", "Liabilities:Revshare:Aws-jp"}},
        .party_names = {{"openai", "OpenAI OpCo, LLC"}, {"aws-jp", "(AWS) *Japan! G.K.  #1 \\"}}};
}

}  // namespace

TEST_CASE("journal export: one transaction per owed row, payer then payee, the memo row left out") {
    const JournalRun run = deal_a();
    const auto transactions = revshare::reports::journal_transactions(run);
    REQUIRE(transactions.size() == 3);
    CHECK(transactions[0].statement_row == 1);
    CHECK(transactions[1].statement_row == 3);
    CHECK(transactions[2].statement_row == 4);
    CHECK(transactions[1].postings[0].account == "Liabilities:Revshare:Openai");
    CHECK(transactions[1].postings[0].amount == decimal("12.34"));
    CHECK(transactions[1].postings[1].account == "Assets:Receivable:Microsoft");
    CHECK(transactions[1].postings[1].amount == decimal("-12.34"));
    CHECK(revshare::reports::journal_reference(transactions[1]) == "deal-a/2026-04/3");
    CHECK(revshare::reports::journal_narration(transactions[1]) == "adjustment msft-share v1 for 2026-02");
    CHECK(revshare::reports::journal_narration(transactions[2]) == "recoupment prepay for 2026-04");
    CHECK(revshare::reports::journal_date(run.period) == "2026-04-30");
    CHECK(revshare::reports::journal_date(*Period::parse("2028-02")) == "2028-02-29");
}

TEST_CASE("journal export: the three formats of a USD and a JPY contract, byte for byte") {
    const std::vector<JournalRun> runs = {deal_a(), deal_b()};
    const Period period = *Period::parse("2026-04");
    check_golden(revshare::reports::journal_export_text(runs, period, JournalFormat::hledger), "journal/two-deals.journal");
    check_golden(revshare::reports::journal_export_text(runs, period, JournalFormat::beancount),
                 "journal/two-deals.beancount");
    check_golden(revshare::reports::journal_export_text(runs, period, JournalFormat::csv), "journal/two-deals.csv");
    // The same runs again: the same bytes.
    CHECK(revshare::reports::journal_export_text(runs, period, JournalFormat::beancount) ==
          revshare::reports::journal_export_text({deal_a(), deal_b()}, period, JournalFormat::beancount));
}

TEST_CASE("journal export: a run with no owed row still declares its accounts; the CSV is its header") {
    JournalRun run = deal_a();
    run.rows = {run.rows[1]};  // the memo row only
    const Period period = run.period;
    CHECK(revshare::reports::journal_export_text({run}, period, JournalFormat::csv) ==
          "date,account,debit,credit,currency,memo,reference\n");
    const std::string ledger = revshare::reports::journal_export_text({run}, period, JournalFormat::hledger);
    CHECK(ledger.ends_with("account Liabilities:Revshare:Openai\n"));
    const std::string beancount = revshare::reports::journal_export_text({run}, period, JournalFormat::beancount);
    CHECK(beancount.ends_with("2026-04-01 open Liabilities:Revshare:Openai\n"));
}

TEST_CASE("journal export: amounts beyond 28 significant digits are refused, never rounded") {
    const Period period = *Period::parse("2026-04");
    JournalRun run = deal_b();
    // 28 digits in JPY: the largest that beancount holds exactly.
    run.rows[0].share = decimal("9999999999999999999999999999");
    CHECK(revshare::reports::journal_export_text({run}, period, JournalFormat::csv).find(",9999999999999999999999999999,") !=
          std::string::npos);
    run.rows[0].share = decimal("10000000000000000000000000000");
    CHECK_THROWS_WITH_AS(static_cast<void>(revshare::reports::journal_export_text({run}, period, JournalFormat::csv)),
                         "journal: the share -10000000000000000000000000000 JPY of deal-b/2026-04/1 has more than 28 "
                         "significant digits, more than beancount holds exactly (it would round it); no journal was written",
                         revshare::Error);
    // Two shares that fit, whose sum on one account does not.
    run.rows[0].share = decimal("9999999999999999999999999999");
    run.rows.push_back(run.rows[0]);
    CHECK_THROWS_WITH_AS(static_cast<void>(revshare::reports::journal_export_text({run}, period, JournalFormat::hledger)),
                         "journal: the sum of the amounts posted to Liabilities:Revshare:Openai in JPY has more than 28 "
                         "significant digits, more than beancount holds exactly (it would round it); no journal was written",
                         revshare::Error);
    // USD: 26 integer digits and 2 decimals.
    JournalRun usd = deal_a();
    usd.rows = {usd.rows[0]};
    usd.rows[0].share = decimal("99999999999999999999999999.99");
    CHECK_NOTHROW((void)revshare::reports::journal_export_text({usd}, period, JournalFormat::beancount));
    usd.rows[0].share = decimal("100000000000000000000000000.00");
    CHECK_THROWS_AS((void)revshare::reports::journal_export_text({usd}, period, JournalFormat::beancount), revshare::Error);
}

TEST_CASE("journal export: format names") {
    using revshare::reports::journal_format_from_name;
    CHECK(journal_format_from_name("hledger") == JournalFormat::hledger);
    CHECK(journal_format_from_name("beancount") == JournalFormat::beancount);
    CHECK(journal_format_from_name("csv") == JournalFormat::csv);
    CHECK_FALSE(journal_format_from_name("ledger").has_value());
    CHECK_FALSE(journal_format_from_name("CSV").has_value());
}
