// The seller feeds through the command line, where the mapper alone decides: a header without
// its required columns refuses the file (exit 2, nothing stored); --format forces a seller
// format. How the rows are then stored (per event, formats.md S4) is the storage layer's.
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare::testing;

TEST_CASE("CLI import: a seller feed without its required columns is refused, exit 2, every column named") {
    ScratchDir dir;
    write_file(dir / "events.csv", "billing_event_id,transaction_type,amount\nbe01,SELLER_REV_SHARE,1\n");
    const auto aws = run_revshare("--db r.db import events.csv", dir.path());
    CHECK(aws.exit_code == 2);
    CHECK(aws.out == "");
    CHECK(aws.err.rfind("events.csv:1: error[broken-header]: missing columns valid_from, update_date, action, "
                        "product_id, currency, invoice_date, usage_period_start_date (AWS Marketplace billing events)\n",
                        0) == 0);
    write_file(dir / "payouts.csv", "EARNINGID,earningamount,transactionType\n1,2,Purchase\n");
    const auto microsoft = run_revshare("--db r.db import payouts.csv", dir.path());
    CHECK(microsoft.exit_code == 2);
    CHECK(microsoft.err.rfind("payouts.csv:1: error[broken-header]: missing columns transactionCurrency, "
                              "transactionDate, paymentStatus, participantId, participantName, productId (Microsoft "
                              "payouts transaction history)\n",
                              0) == 0);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "0");
}

TEST_CASE("CLI import: --format aws-marketplace-billing-events reads a billing-event file") {
    ScratchDir dir;
    const auto path = (samples_dir() / "seller-synthetic" / "aws-billing-events-2026-06.csv").string();
    const auto result = run_revshare("--db r.db import --format aws-marketplace-billing-events '" + path + "'", dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out.rfind(path + ": imported as import 1 (aws-marketplace-billing-events): ", 0) == 0);
    CHECK(query_value(dir / "r.db", "SELECT format FROM import") == "aws-marketplace-billing-events");
}
