#include "engine/settle/journal.hpp"
#include "engine/settle/netting.hpp"

#include "settle_test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare;
using revshare::testing::dec;

namespace {
settle::StatementRow row(std::string payer, std::string payee, std::string_view share,
                         settle::RowKind kind = settle::RowKind::current) {
    return settle::StatementRow{.kind = kind,
                                .for_period = testing::period("2026-04"),
                                .version_id = "v1",
                                .rule_id = payer + "-to-" + payee,
                                .payer = std::move(payer),
                                .payee = std::move(payee),
                                .segment_start = testing::day("2026-04-01"),
                                .segment_end = testing::day("2026-05-01"),
                                .basis = dec("0"),
                                .share = dec(share),
                                .lines = 0};
}
std::string describe(const std::vector<settle::NetRow>& net) {
    std::string text;
    for (const auto& r : net) text += r.from_party + "->" + r.to_party + " " + r.amount.to_string() + ";";
    return text;
}
}  // namespace

TEST_CASE("Settle net: shares in both directions offset pairwise") {
    const std::vector<settle::StatementRow> rows{
        row("a", "b", "100.00"), row("b", "a", "30.00"),  // a owes b 70
        row("c", "a", "20.00"), row("a", "c", "50.00"),   // a owes c 30
        row("c", "b", "45.50"), row("b", "c", "0.50"),    // c owes b 45 (the later party in byte order pays)
        row("c", "b", "-10.00"),                          // a clawback lowers it to 35
    };
    CHECK(describe(settle::compute_net(rows)) == "a->b 70;a->c 30;c->b 35;");
}

TEST_CASE("Settle net: zero nets are omitted, order is byte order") {
    const std::vector<settle::StatementRow> rows{
        row("b", "c", "10.00"), row("c", "b", "10.00"),  // nets to zero
        row("a", "Z", "1.00"),                           // 'Z' (0x5A) sorts before 'a' (0x61)
        row("a", "B", "2.00"),
    };
    CHECK(describe(settle::compute_net(rows)) == "a->B 2;a->Z 1;");
    CHECK(settle::compute_net({}).empty());
}

TEST_CASE("Settle net and journal: adjustment rows count like any row") {
    const std::vector<settle::StatementRow> rows{row("a", "b", "100.00"), row("a", "b", "-130.00", settle::RowKind::adjustment)};
    CHECK(describe(settle::compute_net(rows)) == "b->a 30;");
    const auto journal = settle::compute_journal(rows);
    REQUIRE(journal.size() == 4);
    CHECK(journal[2].party == "a");
    CHECK(journal[2].account == settle::JournalAccount::payable);
    CHECK(journal[2].amount.to_string() == "130");
    CHECK(journal[3].party == "b");
    CHECK(journal[3].amount.to_string() == "-130");
    CHECK(settle::journal_total(journal).is_zero());
}

TEST_CASE("Settle journal: payer payable -share, payee receivable +share, sums to zero, no -0") {
    const std::vector<settle::StatementRow> rows{row("openai", "microsoft", "123.45"), row("openai", "aws", "0.00")};
    const auto journal = settle::compute_journal(rows);
    REQUIRE(journal.size() == 4);
    CHECK(journal[0].party == "openai");
    CHECK(journal[0].counterparty == "microsoft");
    CHECK(journal[0].account == settle::JournalAccount::payable);
    CHECK(journal[0].amount.to_string_min_places(2) == "-123.45");
    CHECK(journal[0].rule_id == "openai-to-microsoft");
    CHECK(journal[0].version_id == "v1");
    CHECK(journal[0].segment_start == testing::day("2026-04-01"));
    CHECK(journal[1].party == "microsoft");
    CHECK(journal[1].counterparty == "openai");
    CHECK(journal[1].account == settle::JournalAccount::receivable);
    CHECK(journal[1].amount.to_string_min_places(2) == "123.45");
    CHECK(journal[2].amount.to_string_min_places(2) == "0.00");  // not -0.00
    CHECK(journal[3].amount.to_string_min_places(2) == "0.00");
    CHECK(settle::journal_total(journal).to_string() == "0");
}
