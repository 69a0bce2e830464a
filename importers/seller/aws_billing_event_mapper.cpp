#include "importers/seller/aws_billing_event_mapper.hpp"

#include "importers/currency_check.hpp"
#include "importers/field_reader.hpp"
#include "importers/seller/aws_billing_event_types.hpp"
#include "importers/seller/seller_columns.hpp"
#include "importers/seller/seller_fields.hpp"

#include <array>

namespace revshare::importers {
namespace {

// The columns the mapping reads (S2, "Required" and "Read"), in this order. Names are
// compared exactly: AWS writes lower snake_case. Every other column is archive only.
enum class Col : std::uint8_t {
    billing_event_id,
    valid_from,
    update_date,
    action,
    transaction_type,
    product_id,
    amount,
    currency,
    invoice_date,
    usage_period_start_date,
    // read when present (absent reads as empty)
    usage_period_end_date,
    action_date,
    delete_date,
    end_user_account_id,
    invoice_id,
    broker_id,
    recipient_account_id,  // newer column set
    agreement_id,          // newer column set
    offer_id,              // newer column set
};
constexpr std::size_t column_count = static_cast<std::size_t>(Col::offer_id) + 1;

constexpr std::array<SellerColumnName, column_count> column_names = {{
    {"billing_event_id", true},
    {"valid_from", true},
    {"update_date", true},
    {"action", true},
    {"transaction_type", true},
    {"product_id", true},
    {"amount", true},
    {"currency", true},
    {"invoice_date", true},
    {"usage_period_start_date", true},
    {"usage_period_end_date", false},
    {"action_date", false},
    {"delete_date", false},
    {"end_user_account_id", false},
    {"invoice_id", false},
    {"broker_id", false},
    {"recipient_account_id", false},
    {"agreement_id", false},
    {"offer_id", false},
}};

// The date cells of a row besides the version's (valid_from, update_date: the event's).
struct EventDates {
    std::optional<SellerDate> invoice;
    std::optional<SellerDate> usage_start;
    std::optional<SellerDate> usage_end;  // inclusive
    std::optional<SellerDate> action;
};

class AwsBillingEventMapper final : public RowMapper {
public:
    AwsBillingEventMapper(const std::vector<std::string>& header, std::string file_name)
        : index_(header, ColumnIndex::Case::sensitive), file_name_(std::move(file_name)) {}

    // False (and `missing` filled) when a required column is absent.
    bool bind(std::vector<std::string>& missing) {
        missing = resolve_seller_columns(index_, column_names, at_);
        return missing.empty();
    }

    bool map(const CsvRecord& record, UsageRecord& line, Diagnostic& error) override {
        FieldReader reader(record, index_, file_name_, error);
        if (!reader.check_column_count()) return false;
        line.source_line = record.line;
        if (!read_event(reader, line.event)) return false;
        const auto action = parse_aws_billing_action(reader.text(at(Col::action)));
        if (!action) return unknown(reader, Col::action, "a billing-event action", aws_billing_actions_list());
        const auto type = parse_aws_transaction_type(reader.text(at(Col::transaction_type)));
        if (!type) return unknown(reader, Col::transaction_type, "a billing-event transaction type", aws_transaction_types_list());
        Decimal amount;
        if (!read_amount(reader, at(Col::amount), amount)) return false;
        line.event.amount_negated = aws_revenue_sign(*action, *type) < 0;
        if (line.event.amount_negated) amount = -amount;
        line.set(CostColumn::BilledCost) = amount;
        line.set(CostColumn::EffectiveCost) = std::move(amount);
        line.set(CostColumn::ListCost).reset();
        line.set(CostColumn::ContractedCost).reset();
        copy_text(reader, *type, line);
        if (!currency_.check(reader, at(Col::currency), line)) return false;
        EventDates dates;
        if (!read_dates(reader, dates, line.event)) return false;
        set_periods(*action, *type, dates, *line.event.valid_from, line);
        return true;
    }

    [[nodiscard]] ScopeColumns scope_columns() const override {
        return {at(Col::recipient_account_id), at(Col::end_user_account_id)};
    }

    [[nodiscard]] bool maps_column(std::size_t position) const override {
        for (const auto& at : at_) {
            if (at == position) return true;
        }
        return false;
    }

private:
    [[nodiscard]] std::optional<std::size_t> at(Col column) const { return at_[static_cast<std::size_t>(column)]; }

    bool unknown(FieldReader& reader, Col column, std::string_view what, std::string_view accepted) const {
        const std::string_view cell = reader.text(at(column));
        const std::string value = cell.empty() ? std::string("empty, which") : "'" + std::string(cell.substr(0, 60)) + "'";
        return reader.fail(DiagnosticCode::unknown_charge_type, at(column),
                           value + " is not " + std::string(what) + " revshare knows",
                           "accepted (exact spelling): " + std::string(accepted));
    }

    bool read_event(FieldReader& reader, SellerEvent& event) const;
    bool read_version_date(FieldReader& reader, Col column, std::optional<Instant>& instant) const;
    bool read_dates(FieldReader& reader, EventDates& dates, SellerEvent& event) const;
    void copy_text(const FieldReader& reader, const AwsTransactionType& type, UsageRecord& line) const;
    static void set_periods(AwsBillingAction action, const AwsTransactionType& type, const EventDates& dates,
                            Instant valid_from, UsageRecord& line);

    ColumnIndex index_;
    std::string file_name_;
    std::array<std::optional<std::size_t>, column_count> at_{};
    CurrencyCheck currency_;
};

// The event key and its version (S4): both version dates are required, as instants.
bool AwsBillingEventMapper::read_event(FieldReader& reader, SellerEvent& event) const {
    if (!read_event_key(reader, at(Col::billing_event_id), event.key)) return false;
    if (!read_version_date(reader, Col::valid_from, event.valid_from)) return false;
    return read_version_date(reader, Col::update_date, event.update_date);
}

bool AwsBillingEventMapper::read_version_date(FieldReader& reader, Col column, std::optional<Instant>& instant) const {
    std::optional<SellerDate> date;
    if (!read_date(reader, at(column), date)) return false;
    if (!date) {
        return reader.fail(DiagnosticCode::missing_value, at(column),
                           "empty: the row does not say which version of its event it is",
                           "an event's versions are ordered by valid_from, then update_date; AWS fills both on "
                           "every row, so ask for the feed again");
    }
    instant = date->instant;
    return true;
}

// Every date cell the mapping reads must be a date when not empty, used or not (S1); an
// inclusive usage end before its start is bad-date too, whichever date the line takes.
bool AwsBillingEventMapper::read_dates(FieldReader& reader, EventDates& dates, SellerEvent& event) const {
    if (!read_date(reader, at(Col::invoice_date), dates.invoice)) return false;
    if (!read_date(reader, at(Col::usage_period_start_date), dates.usage_start)) return false;
    if (!read_date(reader, at(Col::usage_period_end_date), dates.usage_end)) return false;
    if (!read_date(reader, at(Col::action_date), dates.action)) return false;
    std::optional<SellerDate> deleted;
    if (!read_date(reader, at(Col::delete_date), deleted)) return false;
    event.deleted = deleted.has_value();
    if (dates.usage_start && dates.usage_end && exclusive_end(*dates.usage_end) <= dates.usage_start->instant) {
        const auto end_at = at(Col::usage_period_end_date);
        return reader.fail(DiagnosticCode::bad_date, end_at,
                           "'" + std::string(reader.text(end_at).substr(0, 60)) + "' is before usage_period_start_date '" +
                               std::string(reader.text(at(Col::usage_period_start_date)).substr(0, 60)) + "'",
                           "the usage period's end is inclusive (its last second, or its last day when no time is "
                           "written) and cannot come before its start");
    }
    return true;
}

void AwsBillingEventMapper::copy_text(const FieldReader& reader, const AwsTransactionType& type,
                                      UsageRecord& line) const {
    // AWS hosts and provides what its marketplace bills, as on every AWS line (mapping 2).
    line.set(TextColumn::ProviderName) = "AWS";
    line.set(TextColumn::HostProviderName) = "AWS";
    line.set(TextColumn::ServiceProviderName) = "AWS";
    line.set(TextColumn::PublisherName).clear();  // the seller is named by account id only
    std::string_view broker = reader.text(at(Col::broker_id));
    if (broker.empty()) broker = aws_default_broker;  // AWS's SQL fills the column so where it is not backfilled
    line.set(TextColumn::InvoiceIssuerName) = aws_broker_entity(broker);
    line.set(TextColumn::x_BrokerId) = broker;
    line.set(TextColumn::BillingAccountId) = reader.text(at(Col::recipient_account_id));
    line.set(TextColumn::SubAccountId) = reader.text(at(Col::end_user_account_id));
    line.set(TextColumn::ChargeCategory) = type.charge_category();
    line.set(TextColumn::ChargeClass) = type.charge_class();
    line.set(TextColumn::InvoiceId) = reader.text(at(Col::invoice_id));
    line.set(TextColumn::BillingCurrency) = reader.text(at(Col::currency));
    line.set(TextColumn::x_MarketplaceAction) = reader.text(at(Col::action));
    line.set(TextColumn::x_TransactionType) = reader.text(at(Col::transaction_type));
    line.set(TextColumn::x_ProductId) = reader.text(at(Col::product_id));
    line.set(TextColumn::x_OfferId) = reader.text(at(Col::offer_id));
    line.set(TextColumn::x_AgreementId) = reader.text(at(Col::agreement_id));
}

// S2, "Actions: sign and date": an invoice of usage lands in its usage month; a refund or
// credit on its own invoice's date; a collection, write-off or disbursement on its action date.
// valid_from (required) stands in for whichever is empty.
void AwsBillingEventMapper::set_periods(AwsBillingAction action, const AwsTransactionType& type,
                                        const EventDates& dates, Instant valid_from, UsageRecord& line) {
    const auto instant_or = [](const std::optional<SellerDate>& date, Instant fallback) {
        return date ? date->instant : fallback;
    };
    if (action == AwsBillingAction::invoiced && type.forward() && dates.usage_start) {
        line.charge_period_start = dates.usage_start->instant;
        line.charge_period_end =
            dates.usage_end ? exclusive_end(*dates.usage_end) : event_dated_end(line.charge_period_start);
    } else {
        line.charge_period_start = action == AwsBillingAction::invoiced ? instant_or(dates.invoice, valid_from)
                                                                         : instant_or(dates.action, valid_from);
        line.charge_period_end = event_dated_end(line.charge_period_start);
    }
    const BillingMonth month = billing_month_of(line.charge_period_start);
    line.billing_period_start = month.start;
    line.billing_period_end = month.end;
}

}  // namespace

std::unique_ptr<RowMapper> make_aws_billing_event_mapper(const std::vector<std::string>& header,
                                                         const std::string& file_name, Diagnostic& error) {
    auto mapper = std::make_unique<AwsBillingEventMapper>(header, file_name);
    std::vector<std::string> missing;
    if (!mapper->bind(missing)) {
        error = seller_missing_columns_error(
            file_name, missing, "AWS Marketplace billing events",
            "these columns say which event and version a row is, what it did, how much, when and for which "
            "product; the billing_event feed (documented or newer column set) has them all");
        return nullptr;
    }
    return mapper;
}

}  // namespace revshare::importers
