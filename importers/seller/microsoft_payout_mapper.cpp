#include "importers/seller/microsoft_payout_mapper.hpp"

#include "importers/currency_check.hpp"
#include "importers/field_reader.hpp"
#include "importers/seller/microsoft_transaction_type.hpp"
#include "importers/seller/seller_columns.hpp"
#include "importers/seller/seller_fields.hpp"

#include <array>

namespace revshare::importers {
namespace {

// The columns the mapping reads (S3, "Required" and "Read"), in this order. Names are
// compared ASCII case-insensitively: the documentation spells some of them in PascalCase.
enum class Col : std::uint8_t {
    earning_id,
    earning_amount,
    transaction_currency,
    transaction_type,
    transaction_date,
    payment_status,
    participant_id,
    participant_name,
    product_id,
    // read when present (absent reads as empty)
    earning_date,
    customer_id,
    product_name,
    sku_id,
    order_id,
    invoice_number,
    local_provider_seller,
};
constexpr std::size_t column_count = static_cast<std::size_t>(Col::local_provider_seller) + 1;

constexpr std::array<SellerColumnName, column_count> column_names = {{
    {"earningId", true},
    {"earningAmount", true},
    {"transactionCurrency", true},
    {"transactionType", true},
    {"transactionDate", true},
    {"paymentStatus", true},
    {"participantId", true},
    {"participantName", true},
    {"productId", true},
    {"earningDate", false},
    {"customerId", false},
    {"productName", false},
    {"SkuId", false},
    {"OrderId", false},
    {"invoiceNumber", false},
    {"localProviderSeller", false},
}};

void lower_ascii(std::string& text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    }
}

class MicrosoftPayoutMapper final : public RowMapper {
public:
    MicrosoftPayoutMapper(const std::vector<std::string>& header, std::string file_name)
        : index_(header, ColumnIndex::Case::insensitive), file_name_(std::move(file_name)) {}

    // False (and `missing` filled) when a required column is absent.
    bool bind(std::vector<std::string>& missing) {
        missing = resolve_seller_columns(index_, column_names, at_);
        return missing.empty();
    }

    bool map(const CsvRecord& record, UsageRecord& line, Diagnostic& error) override {
        FieldReader reader(record, index_, file_name_, error);
        if (!reader.check_column_count()) return false;
        line.source_line = record.line;
        // Microsoft's versions are the order of import: the event is its key only.
        line.event.valid_from.reset();
        line.event.update_date.reset();
        line.event.deleted = false;
        if (!read_event_key(reader, at(Col::earning_id), line.event.key)) return false;
        const auto type = parse_microsoft_transaction_type(reader.text(at(Col::transaction_type)));
        if (!type) return unknown_type(reader);
        Decimal amount;
        if (!read_amount(reader, at(Col::earning_amount), amount)) return false;
        line.set(CostColumn::BilledCost) = amount;
        line.set(CostColumn::EffectiveCost) = amount;
        line.set(CostColumn::ListCost).reset();
        line.set(CostColumn::ContractedCost).reset();
        copy_text(reader, *type, line);
        if (!currency_.check(reader, at(Col::transaction_currency), line)) return false;
        if (!set_periods(reader, line)) return false;
        if (!microsoft_sign_agrees(*type, amount)) return sign_mismatch(reader, *type, amount);
        return true;
    }

    [[nodiscard]] ScopeColumns scope_columns() const override {
        return {at(Col::participant_id), at(Col::customer_id)};
    }

    [[nodiscard]] bool maps_column(std::size_t position) const override {
        for (const auto& at : at_) {
            if (at == position) return true;
        }
        return false;
    }

private:
    [[nodiscard]] std::optional<std::size_t> at(Col column) const { return at_[static_cast<std::size_t>(column)]; }

    bool unknown_type(FieldReader& reader) const {
        const std::string_view cell = reader.text(at(Col::transaction_type));
        return reader.fail(DiagnosticCode::unknown_charge_type, at(Col::transaction_type),
                           "'" + std::string(cell.substr(0, 60)) + "' is not a payout transaction type revshare knows",
                           "accepted: " + std::string(microsoft_transaction_types_list()));
    }

    bool sign_mismatch(FieldReader& reader, MicrosoftTransactionType type, const Decimal& amount) const {
        const bool purchase = type == MicrosoftTransactionType::purchase;
        return reader.fail(DiagnosticCode::sign_mismatch, at(Col::earning_amount),
                           "'" + std::string(reader.text(at(Col::earning_amount)).substr(0, 60)) + "' is " +
                               (amount.is_negative() ? "negative" : "positive") + " on a " +
                               line_type_name(reader) + " row",
                           std::string(purchase ? "a purchase earns an amount of zero or more"
                                                : "a refund, reversal or chargeback takes back an amount of zero or less") +
                               "; the row is quarantined rather than its sign guessed (if Microsoft writes these rows "
                               "so, the mapping must change: formats.md S3)");
    }

    // The transactionType as the line stores it (lower-cased), for messages.
    [[nodiscard]] std::string line_type_name(const FieldReader& reader) const {
        std::string name(reader.text(at(Col::transaction_type)).substr(0, 60));
        lower_ascii(name);
        return name;
    }

    void copy_text(const FieldReader& reader, MicrosoftTransactionType type, UsageRecord& line) const;
    bool set_periods(FieldReader& reader, UsageRecord& line) const;

    ColumnIndex index_;
    std::string file_name_;
    std::array<std::optional<std::size_t>, column_count> at_{};
    CurrencyCheck currency_;
};

void MicrosoftPayoutMapper::copy_text(const FieldReader& reader, MicrosoftTransactionType type,
                                      UsageRecord& line) const {
    // Microsoft hosts and provides what its marketplace bills, as on every Microsoft line (mapping 2).
    line.set(TextColumn::ProviderName) = "Microsoft";
    line.set(TextColumn::HostProviderName) = "Microsoft";
    line.set(TextColumn::ServiceProviderName) = "Microsoft";
    line.set(TextColumn::PublisherName) = reader.text(at(Col::participant_name));
    line.set(TextColumn::InvoiceIssuerName) = reader.text(at(Col::local_provider_seller));
    line.set(TextColumn::BillingAccountId) = reader.text(at(Col::participant_id));
    line.set(TextColumn::SubAccountId) = reader.text(at(Col::customer_id));
    line.set(TextColumn::ChargeCategory) = microsoft_charge_category(type);
    line.set(TextColumn::ChargeClass) = microsoft_charge_class(type);
    line.set(TextColumn::ServiceName) = reader.text(at(Col::product_name));
    line.set(TextColumn::SkuId) = reader.text(at(Col::sku_id));
    line.set(TextColumn::InvoiceId) = reader.text(at(Col::invoice_number));
    line.set(TextColumn::BillingCurrency) = reader.text(at(Col::transaction_currency));
    std::string& transaction_type = line.set(TextColumn::x_TransactionType);
    transaction_type = reader.text(at(Col::transaction_type));
    lower_ascii(transaction_type);
    line.set(TextColumn::x_PaymentStatus) = reader.text(at(Col::payment_status));
    line.set(TextColumn::x_ProductId) = reader.text(at(Col::product_id));
    line.set(TextColumn::x_AgreementId) = reader.text(at(Col::order_id));
}

// ChargePeriodStart is the transaction's date, else the earning's (an adjustment earning has no
// transaction); both must be dates when not empty. Event-dated.
bool MicrosoftPayoutMapper::set_periods(FieldReader& reader, UsageRecord& line) const {
    std::optional<SellerDate> transaction_date;
    std::optional<SellerDate> earning_date;
    if (!read_date(reader, at(Col::transaction_date), transaction_date)) return false;
    if (!read_date(reader, at(Col::earning_date), earning_date)) return false;
    const auto& start = transaction_date ? transaction_date : earning_date;
    if (!start) {
        return reader.fail(DiagnosticCode::missing_value, at(Col::transaction_date),
                           std::string("empty, and ") + (at(Col::earning_date) ? "so is earningDate" : "the file has no earningDate column") +
                               ": the row has no date to settle it in",
                           "an earning is settled in the month of its transaction (or, for an adjustment, of the "
                           "earning); ask for the download again");
    }
    line.charge_period_start = start->instant;
    line.charge_period_end = event_dated_end(line.charge_period_start);
    const BillingMonth month = billing_month_of(line.charge_period_start);
    line.billing_period_start = month.start;
    line.billing_period_end = month.end;
    return true;
}

}  // namespace

std::unique_ptr<RowMapper> make_microsoft_payout_mapper(const std::vector<std::string>& header,
                                                        const std::string& file_name, Diagnostic& error) {
    auto mapper = std::make_unique<MicrosoftPayoutMapper>(header, file_name);
    std::vector<std::string> missing;
    if (!mapper->bind(missing)) {
        error = seller_missing_columns_error(
            file_name, missing, "Microsoft payouts transaction history",
            "these columns say which earning a row is, how much in which currency, when, whose and for which "
            "product; download the transaction history from Partner Center (Payouts) as CSV with all its columns");
        return nullptr;
    }
    return mapper;
}

}  // namespace revshare::importers
