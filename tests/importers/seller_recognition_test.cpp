// Recognising the seller feeds from their header row (formats.md S0), forcing them, and that no
// file of another format is recognised differently for it.
#include "tests/importers/seller_test_support.hpp"

#include "importers/format.hpp"

using namespace revshare;
using namespace revshare::testing;
using namespace revshare::testing::seller;
using revshare::importers::Format;
using revshare::importers::detect_format;

namespace {

// The header row of `path` as ExportReader compares it (normalise_header_name).
std::vector<std::string> header_of(const std::filesystem::path& path) {
    importers::CsvReader reader(importers::open_byte_source(path.string()), path.filename().string());
    importers::CsvRecord record;
    Diagnostic error;
    std::vector<std::string> header;
    if (reader.next(record, error) != importers::CsvReader::Status::record) return header;
    for (const auto field : record.fields) header.push_back(importers::normalise_header_name(field));
    return header;
}

}  // namespace

TEST_CASE("seller recognition: billing_event_id and transaction_type exactly; earningId and earningAmount in any case") {
    CHECK(detect_format(aws_documented_header) == Format::aws_marketplace_billing_events);
    CHECK(detect_format(aws_newer_header) == Format::aws_marketplace_billing_events);
    CHECK(detect_format({"x", "transaction_type", "billing_event_id"}) == Format::aws_marketplace_billing_events);
    CHECK(detect_format({"Billing_Event_Id", "transaction_type"}) == std::nullopt);
    CHECK(detect_format({"billing_event_id", "TRANSACTION_TYPE"}) == std::nullopt);
    CHECK(detect_format({"billing_event_id", "amount"}) == std::nullopt);
    CHECK(detect_format(microsoft_header) == Format::microsoft_payouts);
    CHECK(detect_format({"EarningId", "EARNINGAMOUNT"}) == Format::microsoft_payouts);
    CHECK(detect_format({"earningid", "earningamount", "x"}) == Format::microsoft_payouts);
    CHECK(detect_format({"earningId", "earningAmountUSD"}) == std::nullopt);
}

TEST_CASE("seller recognition: a recognised header without its other columns is refused naming them") {
    ScratchDir dir;
    CHECK(open_error(dir, "a.csv", "billing_event_id,transaction_type,a,b,c,d\n1,2,3,4,5,6\n").headline() ==
          "a.csv:1: error[broken-header]: missing columns valid_from, update_date, action, product_id, amount, "
          "currency, invoice_date, usage_period_start_date (AWS Marketplace billing events)");
    CHECK(open_error(dir, "m.csv", "EarningId,EarningAmount,a,b,c,d\n1,2,3,4,5,6\n").headline() ==
          "m.csv:1: error[broken-header]: missing columns transactionCurrency, transactionType, transactionDate, "
          "paymentStatus, participantId, participantName, productId (Microsoft payouts transaction history)");
}

TEST_CASE("seller recognition: --format forces a seller format on a header that is not recognised") {
    auto header = microsoft_header;
    header[0] = "earning_id_renamed";
    REQUIRE(detect_format(header) == std::nullopt);
    ScratchDir dir;
    // Forced, the header binds, and the renamed key column is named as missing.
    CHECK(open_error(dir, "f.csv", csv_line(header), Format::microsoft_payouts).headline() ==
          "f.csv:1: error[broken-header]: missing column earningId (Microsoft payouts transaction history)");
    // A sample forced to its own format reads as detected.
    const auto forced = import_file(samples_dir() / "seller-synthetic" / "aws-billing-events-2026-06.csv", "june.csv",
                                    Format::aws_marketplace_billing_events);
    CHECK(forced.format == Format::aws_marketplace_billing_events);
    CHECK(forced.lines.size() == 18);
    CHECK(importers::format_from_name("aws-marketplace-billing-events") == Format::aws_marketplace_billing_events);
    CHECK(importers::format_from_name("microsoft-payouts") == Format::microsoft_payouts);
}

TEST_CASE("seller recognition: no sample or fixture of another format is recognised as a seller feed") {
    int files = 0;
    for (const auto& root : {samples_dir(), fixtures_dir()}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
            if (!entry.is_regular_file() || entry.path().extension() != ".csv") continue;
            // The synthetic samples and our own seller fixtures (fixtures/seller/) are seller feeds.
            const bool seller_sample = entry.path().parent_path().filename() == "seller-synthetic" ||
                                       entry.path().parent_path().parent_path().filename() == "seller";
            const auto format = detect_format(header_of(entry.path()));
            CAPTURE(entry.path().string());
            if (seller_sample) {
                REQUIRE(format.has_value());
                CHECK(importers::is_seller_format(*format));
            } else {
                CHECK_FALSE((format.has_value() && importers::is_seller_format(*format)));
            }
            ++files;
        }
    }
    CHECK(files > 40);
}

TEST_CASE("seller recognition: the generic unknown-format hint names the seller feeds' columns") {
    ScratchDir dir;
    const Diagnostic error = open_error(dir, "x.csv", "a,b,c\n1,2,3\n");
    CHECK(error.message ==
          "not a known export format: the header row matches none of aws-cur, aws-cur-athena, aws-cur2, azure-ea, "
          "azure-mca, azure-payg, focus, aws-marketplace-billing-events, microsoft-payouts");
    CHECK(error.hint.find("an AWS Marketplace billing-event feed (billing_event_id, transaction_type) or a Partner "
                          "Center payouts transaction history (earningId, earningAmount); use --format NAME to force "
                          "one") != std::string::npos);
}
