#pragma once
// Helpers for the seller-feed importer tests (formats.md S0-S5): the two AWS column sets and the
// Microsoft payouts header, rows built by column name, and a line written out whole, so that a
// test states every value a line has (a column filled by mistake shows up too).
#include "engine/core/usage_record.hpp"
#include "tests/importers/azure_focus_import.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

namespace revshare::testing::seller {

using Cells = std::map<std::string, std::string>;

// The documented column set (AWS seller guide, 2023): 25 columns.
inline const std::vector<std::string> aws_documented_header = {
    "billing_event_id", "from_account_id", "to_account_id", "end_user_account_id", "product_id",
    "action", "transaction_type", "parent_billing_event_id", "disbursement_billing_event_id", "amount",
    "currency", "balance_impacting", "invoice_date", "payment_due_date", "usage_period_start_date",
    "usage_period_end_date", "invoice_id", "billing_address_id", "transaction_reference_id", "bank_trace_id",
    "broker_id", "valid_from", "insert_date", "update_date", "delete_date"};

// The newer set (the documented columns and the 16 AWS's 2025-26 SQL reads), in another order:
// columns are found by name.
inline const std::vector<std::string> aws_newer_header = {
    "billing_event_id", "parent_billing_event_id", "valid_from", "insert_date", "update_date", "delete_date",
    "invoice_date", "transaction_type", "transaction_reference_id", "bank_trace_id", "broker_id", "product_id",
    "disbursement_billing_event_id", "action", "from_account_id", "to_account_id", "end_user_account_id",
    "billing_address_id", "amount", "currency", "balance_impacting", "agreement_id", "invoice_id",
    "payment_due_date", "usage_period_start_date", "usage_period_end_date", "buyer_transaction_reference_id",
    "disbursement_amount", "disbursement_currency", "disbursement_reference_number", "catalog",
    "buyer_invoice_id", "invoice_variant", "action_date", "offer_id", "buyer_invoice_date", "line_item_id",
    "buyer_line_item_id", "charge_variant", "charge_side", "recipient_account_id"};

// The documented marketplace columns of a Partner Center transaction history download (51), in
// the letter case of the synthetic sample (`ProductName`).
inline const std::vector<std::string> microsoft_header = {
    "earningId", "earningDate", "calculationDate", "earningAmount", "earningAmountUSD", "earningExchangeRate",
    "exchangeRateDate", "earningAmountInLastPaymentCurrency", "lastPaymentCurrency", "earningRate", "earningType",
    "transactionId", "transactionDate", "transactionType", "transactionAmount", "transactionCurrency",
    "transactionAmountUSD", "transactionExchangeRate", "transactionCountryCode", "paymentId", "paymentStatus",
    "paymentStatusDescription", "estimatedPaymentMonth", "OrderId", "LineItemId", "AssetId", "customerId",
    "customerTenantId", "customerName", "customerCountry", "productId", "ProductName", "parentProductId",
    "parentProductName", "productType", "SkuId", "storeFee", "taxRemitted", "taxRemitModel", "localProviderSeller",
    "participantId", "participantIdType", "participantName", "partnerCountryCode", "programName", "lever",
    "invoiceNumber", "invoiceDate", "quantity", "reasonCode", "transactionPaymentMethod"};

inline std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
    std::string quoted = "\"";
    for (const char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

inline std::string csv_line(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) line += (i == 0 ? "" : ",") + csv_field(fields[i]);
    return line + "\n";
}

// One data row for `header`: the named cells set, every other cell empty. A name the header
// lacks fails the test (a typo must not pass silently).
inline std::string csv_row(const std::vector<std::string>& header, const Cells& cells) {
    std::vector<std::string> fields(header.size());
    for (const auto& cell : cells) {
        const auto& name = cell.first;
        bool found = false;
        for (std::size_t i = 0; i < header.size() && !found; ++i) {
            if (header[i] == name) {
                fields[i] = cell.second;
                found = true;
            }
        }
        REQUIRE_MESSAGE(found, "test row names a column the header lacks: " << name);
    }
    return csv_line(fields);
}

inline std::string csv_file(const std::vector<std::string>& header, const std::vector<Cells>& rows) {
    std::string text = csv_line(header);
    for (const auto& row : rows) text += csv_row(header, row);
    return text;
}

inline Cells with(Cells cells, const Cells& overrides) {
    for (const auto& [name, value] : overrides) cells[name] = value;
    return cells;
}

// `header` without the columns in `names`.
inline std::vector<std::string> without(std::vector<std::string> header, const std::vector<std::string>& names) {
    for (const auto& name : names) std::erase(header, name);
    return header;
}

// Every value of `line` but its source line, one `Name=value` per line: each non-empty text
// column in TextColumn order, the four costs (`null` when empty), a quantity and tags when set,
// the four dates, and the seller event.
inline std::string line_text(const UsageRecord& line) {
    std::string text;
    for (std::size_t i = 0; i < text_column_count; ++i) {
        const auto column = static_cast<TextColumn>(i);
        if (!line.get(column).empty()) text += std::string(text_column_name(column)) + "=" + line.get(column) + "\n";
    }
    for (std::size_t i = 0; i < cost_column_count; ++i) {
        const auto column = static_cast<CostColumn>(i);
        text += std::string(cost_column_name(column)) + "=" + text_of(line.get(column)) + "\n";
    }
    if (line.consumed_quantity) text += "ConsumedQuantity=" + line.consumed_quantity->to_string() + "\n";
    if (!line.tags.empty()) text += "Tags=" + line.tags + "\n";
    text += "BillingPeriod=" + format_instant(line.billing_period_start) + ".." + format_instant(line.billing_period_end) + "\n";
    text += "ChargePeriod=" + format_instant(line.charge_period_start) + ".." + format_instant(line.charge_period_end) + "\n";
    text += "event=" + line.event.key;
    if (line.event.valid_from) text += " valid_from=" + format_instant(*line.event.valid_from);
    if (line.event.update_date) text += " update_date=" + format_instant(*line.event.update_date);
    if (line.event.deleted) text += " deleted";
    return text + "\n";
}

// Imports `content` (format detected from its header unless `forced`) and returns its one line
// (REQUIREs one line and no rejected row).
inline UsageRecord only_line(const std::string& content, std::optional<importers::Format> forced = std::nullopt) {
    ScratchDir dir;
    const auto file = import_text(dir, "f.csv", content, forced);
    REQUIRE_MESSAGE(file.rejects.empty(), (file.rejects.empty() ? std::string() : file.rejects.front().render()));
    REQUIRE(file.lines.size() == 1);
    return file.lines.front();
}

// Imports `content` and returns its one rejected row, rendered headline then hint
// (REQUIREs one row, rejected).
inline Diagnostic only_reject(const std::string& content) {
    ScratchDir dir;
    const auto file = import_text(dir, "f.csv", content);
    REQUIRE(file.lines.empty());
    REQUIRE(file.rejects.size() == 1);
    return file.rejects.front();
}

}  // namespace revshare::testing::seller
