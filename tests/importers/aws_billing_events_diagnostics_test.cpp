// aws-marketplace-billing-events, bad input at row level (formats.md S5) and the header's
// required columns: each code with its exact message, column and hint.
#include "tests/importers/seller_test_support.hpp"

using namespace revshare;
using namespace revshare::testing;
using namespace revshare::testing::seller;
using revshare::importers::Format;

namespace {

const Cells good_row = {
    {"billing_event_id", "SYNTH0001"},
    {"valid_from", "2026-05-02T04:00:10Z"},
    {"update_date", "2026-05-02T04:00:10Z"},
    {"invoice_date", "2026-05-02T00:00:10Z"},
    {"transaction_type", "SELLER_REV_SHARE"},
    {"broker_id", "AWS_INC"},
    {"product_id", "prod-oaigpt41x7kq2"},
    {"action", "INVOICED"},
    {"end_user_account_id", "111122223333"},
    {"amount", "48250.000000"},
    {"currency", "USD"},
    {"invoice_id", "800000101"},
    {"usage_period_start_date", "2026-04-01T00:00:00Z"},
    {"usage_period_end_date", "2026-04-30T23:59:59Z"},
    {"recipient_account_id", "444455556666"},
};

// The one diagnostic of a file whose second row is good_row with `overrides` (line 3), in the
// newer column set, as `headline | hint`.
std::string rejected(const Cells& overrides) {
    ScratchDir dir;
    const auto file = import_text(dir, "f.csv", csv_file(aws_newer_header, {good_row, with(good_row, overrides)}));
    REQUIRE(file.lines.size() == 1);
    REQUIRE(file.rejects.size() == 1);
    CHECK(file.rejects[0].location.line == 3);
    CHECK(!file.rejects[0].raw_line.empty());
    return file.rejects[0].headline() + " | " + file.rejects[0].hint;
}

const std::string date_hint =
    " | expected 2026-04-28T00:00:00Z (a fraction of a second is dropped; a zone must be Z or +00:00), "
    "2026-04-28 00:00:00, 2026-04-28, 04/28/2026";
const std::string types_hint =
    " | accepted (exact spelling): SELLER_REV_SHARE, AWS_REV_SHARE, AWS_INFRA_SHARE, INFRA_FEE_PRETAX, "
    "SELLER_TAX_SHARE, AWS_TAX_SHARE, OTHER_SELLER_TAX_SHARE (each also with _REFUND or _CREDIT), BALANCE_ADJUSTMENT, "
    "DISBURSEMENT, DISBURSEMENT_FAILURE";
const std::string number_hint =
    " | expected a plain decimal such as 1250.000000, -37.5 or 1.25E3 (no thousands separator, currency sign or "
    "parentheses; a point before the decimals)";
const std::string range_hint = " | an amount this large or this precise is not a real charge; check the file";

}  // namespace

TEST_CASE("AWS billing events S5: an empty billing_event_id, valid_from or update_date is missing-value") {
    const std::string key_hint =
        " | a later delivery repeats or replaces an event by this id, so a row without it cannot be counted once; ask "
        "for the file again with the id filled";
    CHECK(rejected({{"billing_event_id", ""}}) ==
          "f.csv:3:1: error[missing-value]: billing_event_id: empty: the row does not say which event it is" + key_hint);
    CHECK(rejected({{"billing_event_id", "  "}}) ==
          "f.csv:3:1: error[missing-value]: billing_event_id: empty: the row does not say which event it is" + key_hint);
    const std::string version_hint =
        " | an event's versions are ordered by valid_from, then update_date; AWS fills both on every row, so ask for "
        "the feed again";
    CHECK(rejected({{"valid_from", ""}}) ==
          "f.csv:3:3: error[missing-value]: valid_from: empty: the row does not say which version of its event it is" +
              version_hint);
    CHECK(rejected({{"update_date", ""}}) ==
          "f.csv:3:5: error[missing-value]: update_date: empty: the row does not say which version of its event it is" +
              version_hint);
}

TEST_CASE("AWS billing events S5: an action or transaction type not known (exact spelling) is unknown-charge-type") {
    const std::string actions_hint = " | accepted (exact spelling): INVOICED, COLLECTED, DISBURSED, FORGIVEN";
    CHECK(rejected({{"action", "REFUNDED"}}) ==
          "f.csv:3:14: error[unknown-charge-type]: action: 'REFUNDED' is not a billing-event action revshare knows" +
              actions_hint);
    CHECK(rejected({{"action", "invoiced"}}) ==
          "f.csv:3:14: error[unknown-charge-type]: action: 'invoiced' is not a billing-event action revshare knows" +
              actions_hint);
    CHECK(rejected({{"action", ""}}) ==
          "f.csv:3:14: error[unknown-charge-type]: action: empty, which is not a billing-event action revshare knows" +
              actions_hint);
    for (const char* type : {"SELLER_REV_SHARE_ADJUSTMENT", "seller_rev_share", "BALANCE_ADJUSTMENT_REFUND",
                             "DISBURSEMENT_CREDIT", "SELLER_REV_SHARE_REFUND_REFUND", "_REFUND", " SELLER_REV_SHARE"}) {
        CAPTURE(type);
        CHECK(rejected({{"transaction_type", type}}) ==
              "f.csv:3:8: error[unknown-charge-type]: transaction_type: '" + std::string(type) +
                  "' is not a billing-event transaction type revshare knows" + types_hint);
    }
    CHECK(rejected({{"transaction_type", ""}}) ==
          "f.csv:3:8: error[unknown-charge-type]: transaction_type: empty, which is not a billing-event transaction "
          "type revshare knows" + types_hint);
}

TEST_CASE("AWS billing events S5: an empty amount is missing-value, text not a number bad-number") {
    CHECK(rejected({{"amount", ""}}) ==
          "f.csv:3:19: error[missing-value]: amount: empty: the row has no amount | every row of the feed carries its "
          "amount; ask for the file again");
    CHECK(rejected({{"amount", "1,250.00"}}) ==
          "f.csv:3:19: error[bad-number]: amount: '1,250.00' is not a number (unexpected character ',')" + number_hint);
    CHECK(rejected({{"amount", "$12"}}) ==
          "f.csv:3:19: error[bad-number]: amount: '$12' is not a number (unexpected character '$')" + number_hint);
    CHECK(rejected({{"amount", "12,5"}}) ==
          "f.csv:3:19: error[bad-number]: amount: '12,5' is not a number (unexpected character ',')" + number_hint);
    CHECK(rejected({{"amount", "n/a"}}) ==
          "f.csv:3:19: error[bad-number]: amount: 'n/a' is not a number (unexpected character 'n')" + number_hint);
    CHECK(rejected({{"amount", "(12.00)"}}) ==
          "f.csv:3:19: error[bad-number]: amount: '(12.00)' is not a number (unexpected character '(')" + number_hint);
    CHECK(rejected({{"amount", "1e"}}) ==
          "f.csv:3:19: error[bad-number]: amount: '1e' is not a number (expected digits after the exponent mark)" +
              number_hint);
}

TEST_CASE("AWS billing events S5: an amount beyond the digit limits is number-out-of-range") {
    CHECK(rejected({{"amount", "100000000000000"}}) ==
          "f.csv:3:19: error[number-out-of-range]: amount: '100000000000000' is beyond the limit for a cost: its "
          "magnitude must be below 10^14 (100000000000000)" + range_hint);
    CHECK(rejected({{"amount", "-1E20"}}) ==
          "f.csv:3:19: error[number-out-of-range]: amount: '-1E20' is beyond the limit for a cost: its magnitude must "
          "be below 10^14 (100000000000000)" + range_hint);
    CHECK(rejected({{"amount", "0.0000000000000000000000001"}}) ==
          "f.csv:3:19: error[number-out-of-range]: amount: '0.0000000000000000000000001' is more than 24 decimal "
          "places, the limit for a cost" + range_hint);
    CHECK(rejected({{"amount", "1E99"}}) ==
          "f.csv:3:19: error[number-out-of-range]: amount: '1E99' is out of range (exponent larger than 40)" + range_hint);
    CHECK(rejected({{"amount", "123456789012345678901234567890123456789012345"}}) ==
          "f.csv:3:19: error[number-out-of-range]: amount: '123456789012345678901234567890123456789012345' is out of "
          "range (more than 40 significant digits)" + range_hint);
}

TEST_CASE("AWS billing events S5: a currency empty or not ISO 4217 is bad-currency") {
    const std::string hint = " | expected a three-letter ISO 4217 code such as USD, EUR or JPY";
    CHECK(rejected({{"currency", "US$"}}) ==
          "f.csv:3:20: error[bad-currency]: currency: 'US$' is not an ISO 4217 currency code" + hint);
    CHECK(rejected({{"currency", "usd"}}) ==
          "f.csv:3:20: error[bad-currency]: currency: 'usd' is not an ISO 4217 currency code" + hint);
    // AWS's own doc example shows an empty currency: quarantined, not guessed.
    CHECK(rejected({{"currency", ""}}) ==
          "f.csv:3:20: error[bad-currency]: currency: the row has a cost but no currency code" + hint);
}

TEST_CASE("AWS billing events S5: every date cell read must parse, used or not (bad-date)") {
    CHECK(rejected({{"invoice_date", "2026-02-30"}}) ==
          "f.csv:3:7: error[bad-date]: invoice_date: '2026-02-30' is not a valid date" + date_hint);
    CHECK(rejected({{"valid_from", "yesterday"}}) ==
          "f.csv:3:3: error[bad-date]: valid_from: 'yesterday' is not a valid date" + date_hint);
    CHECK(rejected({{"update_date", "2026-05-02T04:00:10+02:00"}}) ==
          "f.csv:3:5: error[bad-date]: update_date: '2026-05-02T04:00:10+02:00' is in a zone other than UTC (the feeds "
          "are read in UTC: Z or +00:00)" + date_hint);
    CHECK(rejected({{"usage_period_start_date", "0026-04-01"}}) ==
          "f.csv:3:25: error[bad-date]: usage_period_start_date: '0026-04-01' is outside the dates revshare handles "
          "(1900-01-01 to 9998-12-31)" + date_hint);
    // Read although the line takes none of them: an invoice's action_date, a collection's usage end, a deletion.
    CHECK(rejected({{"action_date", "13/01/2026"}}) ==
          "f.csv:3:34: error[bad-date]: action_date: '13/01/2026' is not a valid date" + date_hint);
    CHECK(rejected({{"action", "COLLECTED"}, {"usage_period_end_date", "2026-04-31T23:59:59Z"}}) ==
          "f.csv:3:26: error[bad-date]: usage_period_end_date: '2026-04-31T23:59:59Z' is not a valid date" + date_hint);
    CHECK(rejected({{"delete_date", "deleted"}}) ==
          "f.csv:3:6: error[bad-date]: delete_date: 'deleted' is not a valid date" + date_hint);
    CHECK(rejected({{"invoice_date", "2026-05-02T00:00.5Z"}}) ==
          "f.csv:3:7: error[bad-date]: invoice_date: '2026-05-02T00:00.5Z' is not a valid date" + date_hint);
}

TEST_CASE("AWS billing events S5: an inclusive usage end before its start is bad-date") {
    const std::string hint =
        " | the usage period's end is inclusive (its last second, or its last day when no time is written) and cannot "
        "come before its start";
    CHECK(rejected({{"usage_period_end_date", "2026-03-31T23:59:59Z"}}) ==
          "f.csv:3:26: error[bad-date]: usage_period_end_date: '2026-03-31T23:59:59Z' is before "
          "usage_period_start_date '2026-04-01T00:00:00Z'" + hint);
    CHECK(rejected({{"usage_period_start_date", "2026-04-02T00:00:00Z"}, {"usage_period_end_date", "2026-04-01"}}) ==
          "f.csv:3:26: error[bad-date]: usage_period_end_date: '2026-04-01' is before usage_period_start_date "
          "'2026-04-02T00:00:00Z'" + hint);
    // On a refund, whose line does not take the usage dates, the pair is still wrong.
    CHECK(rejected({{"transaction_type", "SELLER_REV_SHARE_REFUND"}, {"usage_period_end_date", "2026-03-01"}}) ==
          "f.csv:3:26: error[bad-date]: usage_period_end_date: '2026-03-01' is before usage_period_start_date "
          "'2026-04-01T00:00:00Z'" + hint);
}

TEST_CASE("AWS billing events S5: a row of the wrong length is column-count, as in every format") {
    ScratchDir dir;
    const auto file = import_text(dir, "f.csv", csv_file(aws_newer_header, {good_row}) + "SYNTH0002,x,y\n");
    REQUIRE(file.rejects.size() == 1);
    CHECK(file.rejects[0].headline() == "f.csv:3: error[column-count]: expected 41 columns (as in the header), found 3");
}

TEST_CASE("AWS billing events header: every missing required column is named (broken-header)") {
    ScratchDir dir;
    const std::string hint =
        "these columns say which event and version a row is, what it did, how much, when and for which product; the "
        "billing_event feed (documented or newer column set) has them all";
    const auto header = without(aws_documented_header, {"valid_from", "amount", "usage_period_start_date"});
    const Diagnostic error = open_error(dir, "f.csv", csv_line(header));
    CHECK(error.code == DiagnosticCode::broken_header);
    CHECK(error.headline() ==
          "f.csv:1: error[broken-header]: missing columns valid_from, amount, usage_period_start_date (AWS Marketplace "
          "billing events)");
    CHECK(error.hint == hint);
    // Forced on a header that has none of them: all ten named, in the order S2 lists them.
    CHECK(open_error(dir, "g.csv", "a,b\n1,2\n", Format::aws_marketplace_billing_events).headline() ==
          "g.csv:1: error[broken-header]: missing columns billing_event_id, valid_from, update_date, action, "
          "transaction_type, product_id, amount, currency, invoice_date, usage_period_start_date (AWS Marketplace "
          "billing events)");
    // One missing: singular. The optional columns may all be absent.
    const auto required_only = std::vector<std::string>{"billing_event_id", "valid_from", "update_date", "action",
                                                        "transaction_type", "product_id", "amount", "currency",
                                                        "invoice_date"};
    CHECK(open_error(dir, "h.csv", csv_line(required_only)).headline() ==
          "h.csv:1: error[broken-header]: missing column usage_period_start_date (AWS Marketplace billing events)");
    // Names compare exactly: AWS writes lower snake_case.
    auto upper = aws_documented_header;
    upper[9] = "Amount";
    CHECK(open_error(dir, "i.csv", csv_line(upper)).headline() ==
          "i.csv:1: error[broken-header]: missing column amount (AWS Marketplace billing events)");
}
