#include "importers/azure/azure_mapper.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/currency.hpp"
#include "importers/azure/azure_charge_type.hpp"
#include "importers/azure/azure_columns.hpp"
#include "importers/azure/unit_of_measure.hpp"
#include "importers/column_index.hpp"
#include "importers/currency_check.hpp"
#include "importers/field_reader.hpp"

#include <utility>

namespace revshare::importers {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

std::string lower_ascii(std::string_view text) {
    std::string result(text);
    for (char& c : result) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return result;
}

Diagnostic missing_columns_error(const std::string& file_name, const std::vector<std::string>& missing,
                                 const std::string& format_label) {
    Diagnostic error;
    error.location = SourceLocation{file_name, 1, 0};
    error.code = DiagnosticCode::broken_header;
    error.message = missing.size() == 1 ? "missing column " : "missing columns ";
    for (std::size_t i = 0; i < missing.size(); ++i) error.message += (i == 0 ? "" : ", ") + missing[i];
    error.message += " (" + format_label + ")";
    error.hint = "an Azure cost-details export names these columns in its header row (in any letter case)";
    return error;
}

class AzureMapper final : public RowMapper {
public:
    AzureMapper(Format format, const std::vector<std::string>& header, const std::string& file_name, Mapping mapping)
        : format_(format), mapping_(mapping), columns_(header, ColumnIndex::Case::insensitive), file_name_(file_name) {}

    // Resolves the column positions; false (and `missing` filled) when required ones are absent.
    bool bind(std::vector<std::string>& missing) {
        at_ = resolve_azure_columns(format_, columns_, missing);
        return missing.empty();
    }

    bool map(const CsvRecord& record, UsageRecord& line, Diagnostic& error) override {
        FieldReader reader(record, columns_, file_name_, error);
        if (!reader.check_column_count()) return false;
        line.source_line = record.line;
        if (!map_charge_type(reader, line)) return false;
        if (!map_periods(reader, line)) return false;
        if (!map_costs(reader, line)) return false;
        if (!map_quantity(reader, line)) return false;
        map_parties(reader, line);
        map_product(reader, line);
        return currency_.check(reader, at_.billing_currency, line);
    }

    [[nodiscard]] ScopeColumns scope_columns() const override { return {at_.billing_account_id, at_.subscription_id}; }

    [[nodiscard]] bool maps_column(std::size_t position) const override {
        for (const auto& at : {at_.date, at_.cost, at_.billing_currency, at_.charge_type, at_.meter_category, at_.meter_name,
                               at_.billing_period_start, at_.billing_period_end, at_.billing_account_id,
                               at_.billing_profile_id, at_.subscription_id, at_.publisher_name, at_.publisher_type,
                               at_.reseller_name, at_.sku_id, at_.meter_subcategory, at_.resource_location, at_.payg_cost,
                               at_.quantity, at_.unit_of_measure, at_.pricing_model}) {
            if (at == position) return true;
        }
        return false;
    }

private:
    [[nodiscard]] std::string_view charge_type(const FieldReader& reader) const;
    bool map_charge_type(FieldReader& reader, UsageRecord& line) const;
    bool map_periods(FieldReader& reader, UsageRecord& line) const;
    bool map_costs(FieldReader& reader, UsageRecord& line) const;
    bool map_quantity(FieldReader& reader, UsageRecord& line);
    void map_parties(const FieldReader& reader, UsageRecord& line) const;
    void map_product(const FieldReader& reader, UsageRecord& line) const;
    [[nodiscard]] std::string billing_account_id(const FieldReader& reader) const;

    Format format_;
    Mapping mapping_;
    ColumnIndex columns_;
    std::string file_name_;
    AzureColumns at_;
    // One-value caches: consecutive rows mostly repeat the unit and the currency, so these skip
    // most parses and table searches.
    std::optional<std::string> unit_text_;  // the UnitOfMeasure text `unit_` was parsed from
    UnitOfMeasure unit_;
    CurrencyCheck currency_;
};

// Only the pay-as-you-go usage details may lack the column: each of their rows is usage.
std::string_view AzureMapper::charge_type(const FieldReader& reader) const {
    return at_.charge_type ? reader.text(at_.charge_type) : std::string_view("Usage");
}

bool AzureMapper::map_charge_type(FieldReader& reader, UsageRecord& line) const {
    const std::string_view charge_type = this->charge_type(reader);
    const auto charge = map_azure_charge_type(charge_type);
    if (!charge) {
        return reader.fail(DiagnosticCode::unknown_charge_type, at_.charge_type,
                           "'" + std::string(charge_type.substr(0, 60)) + "' is not a known charge type",
                           "accepted: " + std::string(azure_charge_types_accepted));
    }
    line.set(TextColumn::ChargeCategory) = charge->category;
    if (charge->correction) line.set(TextColumn::ChargeClass) = "Correction";
    return true;
}

// ChargePeriod is the day of `Date`; the billing period's inclusive end becomes exclusive.
// With both billing-period cells empty (an MCA open month) the period is Date's calendar month.
bool AzureMapper::map_periods(FieldReader& reader, UsageRecord& line) const {
    Instant date{};
    if (!reader.instant(at_.date, date)) return false;
    line.charge_period_start = date;
    line.charge_period_end = date + date::days(1);
    std::optional<Instant> start;
    std::optional<Instant> end_inclusive;
    if (!reader.optional_instant(at_.billing_period_start, start)) return false;
    if (!reader.optional_instant(at_.billing_period_end, end_inclusive)) return false;
    if (!start && !end_inclusive) {
        const Period month = Period::containing(date);
        line.billing_period_start = Instant(month.start());
        line.billing_period_end = Instant(month.end_exclusive());
        return true;
    }
    if (!start || !end_inclusive) {
        const auto empty_at = start ? at_.billing_period_end : at_.billing_period_start;
        const auto set_at = start ? at_.billing_period_start : at_.billing_period_end;
        return reader.fail(DiagnosticCode::missing_value, empty_at,
                           "empty, but " + columns_.name(*set_at) + " is set",
                           "a billing period needs both dates, or neither for an open month");
    }
    line.billing_period_start = *start;
    line.billing_period_end = *end_inclusive + date::days(1);
    if (line.billing_period_end <= line.billing_period_start) {
        return reader.fail(DiagnosticCode::bad_date, at_.billing_period_end,
                           "'" + std::string(reader.text(at_.billing_period_end)) + "' is before " +
                               columns_.name(*at_.billing_period_start) + " '" +
                               std::string(reader.text(at_.billing_period_start)) + "'",
                           "the billing period's last day cannot precede its first");
    }
    return true;
}

// Which of BilledCost and EffectiveCost a row's cost is (mapping 2), row by row as Microsoft's
// FOCUS conversion splits them. A commitment (reservation, savings plan: `PricingModel`) is
// invoiced when bought and amortized over the usage it covers, so its purchase (or refund) is
// billed but not effective, and the usage it covers, and its unused part, are effective but
// not billed. Every other row is both. The rule is the same for actual-cost and amortized-cost
// files, which one header cannot tell apart: a contract on BilledCost never counts a
// reservation twice (it counts it where a file has its purchase at cost: actual-cost data).
enum class AzureCostKind { both, billed_only, effective_only };

AzureCostKind azure_cost_kind(std::string_view charge_type, std::string_view pricing_model) {
    if (charge_type == "UnusedReservation" || charge_type == "UnusedSavingsPlan") return AzureCostKind::effective_only;
    const bool commitment = equals_ignoring_case(pricing_model, "Reservation") || equals_ignoring_case(pricing_model, "SavingsPlan");
    if (!commitment) return AzureCostKind::both;
    if (charge_type == "Usage") return AzureCostKind::effective_only;
    if (charge_type == "Purchase" || charge_type == "Refund") return AzureCostKind::billed_only;
    return AzureCostKind::both;
}

// BilledCost and EffectiveCost come from one cost column: an actual-cost and an amortized-cost
// export share one header. Mapping 1 copied it into both; mapping 2 splits commitment rows
// (azure_cost_kind). ListCost only from a PAYG cost column; never quantity × price.
bool AzureMapper::map_costs(FieldReader& reader, UsageRecord& line) const {
    std::optional<Decimal> cost;
    if (!reader.cost(at_.cost, cost)) return false;
    const AzureCostKind kind = mapping_ == Mapping::v1
                                   ? AzureCostKind::both
                                   : azure_cost_kind(charge_type(reader), reader.text(at_.pricing_model));
    // The other column of a split row is zero; an empty cost cell stays empty in both.
    const auto zero = [&]() -> std::optional<Decimal> { return cost ? std::optional<Decimal>(Decimal{}) : std::nullopt; };
    line.set(CostColumn::BilledCost) = kind == AzureCostKind::effective_only ? zero() : cost;
    line.set(CostColumn::EffectiveCost) = kind == AzureCostKind::billed_only ? zero() : std::move(cost);
    if (at_.payg_cost) {
        std::optional<Decimal> list_cost;
        if (!reader.cost(at_.payg_cost, list_cost)) return false;
        line.set(CostColumn::ListCost) = std::move(list_cost);
    }
    return true;
}

// Quantity counts blocks of UnitOfMeasure; ConsumedQuantity counts units (exact product). A
// unit text we cannot read keeps the quantity as delivered and the whole text as the unit.
bool AzureMapper::map_quantity(FieldReader& reader, UsageRecord& line) {
    std::optional<Decimal> quantity;
    if (!reader.decimal(at_.quantity, quantity)) return false;
    if (!quantity) return true;  // no quantity: ConsumedUnit stays empty too, as in FOCUS
    const std::string_view unit_text = reader.text(at_.unit_of_measure);
    if (!unit_text_ || unit_text != *unit_text_) {
        auto parsed = parse_unit_of_measure(unit_text);
        unit_ = parsed ? std::move(*parsed) : UnitOfMeasure{1, std::string(unit_text)};
        unit_text_ = std::string(unit_text);
    }
    // |quantity| has at most limits::decimal_input_digits_max digits and block_size < 10^19,
    // so the product stays far inside the 76-digit mantissa.
    if (unit_.block_size != 1) quantity = *quantity * Decimal::from_integer(unit_.block_size);
    line.consumed_quantity = std::move(quantity);
    line.set(TextColumn::ConsumedUnit) = mapping_ == Mapping::v1 ? std::string_view(unit_.unit) : focus_unit_name(unit_.unit);
    return true;
}

// An id cell as placed in an ARM path: without surrounding spaces and tabs (a path with a space
// inside names no Azure resource).
std::string_view id_cell(const FieldReader& reader, std::optional<std::size_t> position) {
    const std::string_view cell = reader.text(position);
    const std::size_t begin = cell.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return {};
    return cell.substr(begin, cell.find_last_not_of(" \t") - begin + 1);
}

std::string AzureMapper::billing_account_id(const FieldReader& reader) const {
    const std::string_view account = id_cell(reader, at_.billing_account_id);
    if (account.empty()) return {};
    std::string id = "/providers/Microsoft.Billing/billingAccounts/" + std::string(account);
    // Microsoft's FOCUS export uses the billing profile as the MCA billing account.
    const std::string_view profile = id_cell(reader, at_.billing_profile_id);
    if (format_ == Format::azure_mca && !profile.empty()) id += "/billingProfiles/" + std::string(profile);
    return id;
}

void AzureMapper::map_parties(const FieldReader& reader, UsageRecord& line) const {
    const bool marketplace = equals_ignoring_case(reader.text(at_.publisher_type), "Marketplace");
    line.set(TextColumn::ProviderName) = "Microsoft";
    if (mapping_ != Mapping::v1) {  // FOCUS 1.3's split of ProviderName: Microsoft hosts and provides all it bills
        line.set(TextColumn::HostProviderName) = "Microsoft";
        line.set(TextColumn::ServiceProviderName) = "Microsoft";
    }
    line.set(TextColumn::PublisherName) = reader.text(at_.publisher_name);
    // An empty publisher is Microsoft's own service; on a Marketplace row we never guess the seller.
    if (line.get(TextColumn::PublisherName).empty() && !marketplace) line.set(TextColumn::PublisherName) = "Microsoft";
    line.set(TextColumn::x_PublisherCategory) = marketplace ? "Vendor" : "Cloud Provider";
    const std::string_view reseller = reader.text(at_.reseller_name);
    line.set(TextColumn::InvoiceIssuerName) = reseller.empty() ? std::string_view("Microsoft") : reseller;
    line.set(TextColumn::BillingAccountId) = billing_account_id(reader);
    const std::string_view subscription = id_cell(reader, at_.subscription_id);
    if (!subscription.empty()) line.set(TextColumn::SubAccountId) = "/subscriptions/" + std::string(subscription);
}

void AzureMapper::map_product(const FieldReader& reader, UsageRecord& line) const {
    line.set(TextColumn::ServiceName) = reader.text(at_.meter_category);
    line.set(TextColumn::SkuId) = reader.text(at_.sku_id);
    line.set(TextColumn::SkuMeter) = reader.text(at_.meter_name);
    line.set(TextColumn::RegionId) = lower_ascii(reader.text(at_.resource_location));
    line.set(TextColumn::BillingCurrency) = reader.text(at_.billing_currency);
    line.set(TextColumn::x_SkuMeterCategory) = reader.text(at_.meter_category);
    line.set(TextColumn::x_SkuMeterSubcategory) = reader.text(at_.meter_subcategory);
    line.set(TextColumn::x_SkuMeterName) = reader.text(at_.meter_name);
    line.tags = normalise_tags(reader.text(at_.tags));
}


}  // namespace

std::unique_ptr<RowMapper> make_azure_mapper(Format format, const std::vector<std::string>& header,
                                             const std::string& file_name, Mapping mapping, Diagnostic& error) {
    ENGINE_ASSERT(format == Format::azure_ea || format == Format::azure_mca || format == Format::azure_payg);
    auto mapper = std::make_unique<AzureMapper>(format, header, file_name, mapping);
    std::vector<std::string> missing;
    if (!mapper->bind(missing)) {
        error = missing_columns_error(file_name, missing, azure_format_label(format));
        return nullptr;
    }
    return mapper;
}

}  // namespace revshare::importers
