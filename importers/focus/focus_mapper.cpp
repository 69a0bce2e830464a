#include "importers/focus/focus_mapper.hpp"

#include "engine/core/currency.hpp"
#include "importers/column_index.hpp"
#include "importers/currency_check.hpp"
#include "importers/field_reader.hpp"
#include "importers/focus/focus_columns.hpp"
#include "importers/json_object.hpp"

#include <utility>

namespace revshare::importers {
namespace {

Diagnostic missing_columns_error(const std::string& file_name, const std::vector<std::string>& missing) {
    Diagnostic error;
    error.location = SourceLocation{file_name, 1, 0};
    error.code = DiagnosticCode::broken_header;
    error.message = missing.size() == 1 ? "missing column " : "missing columns ";
    for (std::size_t i = 0; i < missing.size(); ++i) error.message += (i == 0 ? "" : ", ") + missing[i];
    error.message += " (FOCUS)";
    error.hint = "a FOCUS 1.0-1.2 export names these columns in its header row (letter case as in the spec)";
    return error;
}

class FocusMapper final : public RowMapper {
public:
    FocusMapper(const std::vector<std::string>& header, const std::string& file_name, Mapping mapping)
        : columns_(header, ColumnIndex::Case::sensitive), file_name_(file_name), mapping_(mapping) {}

    // Resolves the column positions; false (and `missing` filled) when required ones are absent.
    bool bind(std::vector<std::string>& missing) {
        at_ = resolve_focus_columns(columns_, mapping_, missing);
        return missing.empty();
    }

    [[nodiscard]] bool maps_column(std::size_t position) const override {
        for (const auto& at : {at_.billed_cost, at_.billing_currency, at_.charge_category, at_.charge_period_start,
                               at_.charge_period_end, at_.billing_period_start, at_.billing_period_end, at_.effective_cost,
                               at_.list_cost, at_.contracted_cost, at_.charge_class, at_.consumed_quantity,
                               at_.x_sku_meter_name, at_.sku_price_details, at_.billing_account_id, at_.sub_account_id}) {
            if (at == position) return true;
        }
        for (const auto& [target, at] : at_.text_copies) {
            if (at == position) return true;
        }
        for (const std::size_t at : at_.provider_fallbacks) {
            if (at == position) return true;
        }
        return false;
    }

    bool map(const CsvRecord& record, UsageRecord& line, Diagnostic& error) override {
        FieldReader reader(record, columns_, file_name_, error);
        if (!reader.check_column_count()) return false;
        line.source_line = record.line;
        for (const auto& [target, position] : at_.text_copies) line.set(target) = reader.text_or_null(position);
        if (!map_empty_provider(reader, line)) return false;
        if (line.get(TextColumn::SkuMeter).empty()) line.set(TextColumn::SkuMeter) = line.get(TextColumn::x_SkuMeterName);
        line.tags = normalise_tags(reader.text_or_null(at_.tags));
        map_sku_price_details(reader, line);
        if (!check_charge(reader, line)) return false;
        if (!map_periods(reader, line)) return false;
        if (!map_numbers(reader, line)) return false;
        return currency_.check(reader, at_.billing_currency, line);
    }

    [[nodiscard]] ScopeColumns scope_columns() const override { return {at_.billing_account_id, at_.sub_account_id}; }

    [[nodiscard]] std::vector<std::string> notes() const override {
        std::vector<std::string> notes;
        if (!at_.effective_cost) {
            notes.emplace_back("the file has no EffectiveCost column: EffectiveCost is empty on every line (a contract "
                               "on EffectiveCost counts none of them)");
        }
        if (unreadable_price_details_ == 0) return notes;
        notes.push_back(std::to_string(unreadable_price_details_) + (unreadable_price_details_ == 1 ? " row's" : " rows'") +
                " SkuPriceDetails is not a flat JSON object (the first: " + first_unreadable_ +
                "): its x_SkuPriceDetails columns read as empty there");
        return notes;
    }

private:
    bool map_empty_provider(FieldReader& reader, UsageRecord& line) const;
    void map_sku_price_details(const FieldReader& reader, UsageRecord& line);
    bool check_charge(FieldReader& reader, const UsageRecord& line) const;
    bool map_periods(FieldReader& reader, UsageRecord& line) const;
    bool map_numbers(FieldReader& reader, UsageRecord& line) const;
    bool check_order(FieldReader& reader, std::optional<std::size_t> end_at, std::optional<std::size_t> start_at,
                     bool ordered) const;

    ColumnIndex columns_;
    std::string file_name_;
    Mapping mapping_;
    FocusColumns at_;
    CurrencyCheck currency_;
    JsonObject price_details_;  // reused across rows
    std::string json_error_;
    std::int64_t unreadable_price_details_ = 0;
    std::string first_unreadable_;
};

// A row's empty ProviderName (mapping 2): the row's HostProviderName, else ServiceProviderName.
// A row that names no provider at all is quarantined: its scope would have an empty provider,
// and deliveries of different clouds with the same account id would replace each other.
bool FocusMapper::map_empty_provider(FieldReader& reader, UsageRecord& line) const {
    if (mapping_ == Mapping::v1 || !line.get(TextColumn::ProviderName).empty()) return true;
    for (const std::size_t position : at_.provider_fallbacks) {
        const std::string_view fallback = reader.text_or_null(position);
        if (!fallback.empty()) {
            line.set(TextColumn::ProviderName) = fallback;
            if (line.get(TextColumn::HostProviderName).empty()) line.set(TextColumn::HostProviderName) = fallback;
            if (line.get(TextColumn::ServiceProviderName).empty()) line.set(TextColumn::ServiceProviderName) = fallback;
            return true;
        }
    }
    std::string message = "empty";
    for (std::size_t i = 0; i < at_.provider_fallbacks.size(); ++i) {
        message += (i == 0 ? " (as is " : " and ") + columns_.name(at_.provider_fallbacks[i]);
    }
    if (!at_.provider_fallbacks.empty()) message += ")";
    return reader.fail(DiagnosticCode::missing_value, at_.provider_name,
                       message + ": the row does not say whose service it charges",
                       "every FOCUS row names its provider; deliveries are told apart by it, so ask for the export "
                       "again with it filled");
}

// The documented keys of SkuPriceDetails into the x_SkuPriceDetails.<Key> columns. A cell that
// is not a flat JSON object leaves them empty and is counted in notes(): the row's costs are
// still good, and a contract that matches on these keys would not match it either way.
void FocusMapper::map_sku_price_details(const FieldReader& reader, UsageRecord& line) {
    const std::string_view text = reader.text_or_null(at_.sku_price_details);
    if (text.empty()) return;
    if (!price_details_.parse(text, json_error_)) {
        if (unreadable_price_details_++ == 0) {
            first_unreadable_ = "line " + std::to_string(line.source_line) + ", " + json_error_;
        }
        return;
    }
    for (const std::string_view key : sku_price_detail_keys) {
        // No text of a line may hold a NUL; JSON can spell one (\u0000).
        const auto member = price_details_.find(key);
        if (member && member->value.find('\0') != std::string_view::npos) {
            if (unreadable_price_details_++ == 0) {
                first_unreadable_ = "line " + std::to_string(line.source_line) + ", " + std::string(key) +
                                    " holds a NUL character (\\u0000)";
            }
            return;
        }
    }
    for (std::size_t i = 0; i < sku_price_detail_keys.size(); ++i) {
        const auto member = price_details_.find(sku_price_detail_keys[i]);
        if (!member || member->kind == JsonObject::Kind::null) continue;
        line.set(static_cast<TextColumn>(static_cast<std::size_t>(first_sku_price_detail_column) + i)) = member->value;
    }
}

bool FocusMapper::check_charge(FieldReader& reader, const UsageRecord& line) const {
    const std::string& category = line.get(TextColumn::ChargeCategory);
    if (!is_focus_charge_category(category)) {
        return reader.fail(DiagnosticCode::unknown_charge_type, at_.charge_category,
                           "'" + category.substr(0, 60) + "' is not a FOCUS charge category",
                           "accepted: Usage, Purchase, Tax, Credit, Adjustment");
    }
    const std::string& charge_class = line.get(TextColumn::ChargeClass);
    if (!charge_class.empty() && charge_class != "Correction") {
        return reader.fail(DiagnosticCode::unknown_charge_type, at_.charge_class,
                           "'" + charge_class.substr(0, 60) + "' is not a FOCUS charge class",
                           "accepted: Correction, or empty (NULL)");
    }
    return true;
}

// A period whose end precedes its start would be assigned to the wrong settlement period.
bool FocusMapper::check_order(FieldReader& reader, std::optional<std::size_t> end_at,
                              std::optional<std::size_t> start_at, bool ordered) const {
    if (ordered) return true;
    return reader.fail(DiagnosticCode::bad_date, end_at,
                       "'" + std::string(reader.text(end_at)) + "' is before " + columns_.name(*start_at) + " '" +
                           std::string(reader.text(start_at)) + "'",
                       "periods are [start, end): the end must come after the start");
}

bool FocusMapper::map_periods(FieldReader& reader, UsageRecord& line) const {
    if (!reader.instant(at_.billing_period_start, line.billing_period_start)) return false;
    if (!reader.instant(at_.billing_period_end, line.billing_period_end)) return false;
    if (!reader.instant(at_.charge_period_start, line.charge_period_start)) return false;
    if (!reader.instant(at_.charge_period_end, line.charge_period_end)) return false;
    if (!check_order(reader, at_.billing_period_end, at_.billing_period_start,
                     line.billing_period_start < line.billing_period_end)) {
        return false;
    }
    return check_order(reader, at_.charge_period_end, at_.charge_period_start,
                       line.charge_period_start <= line.charge_period_end);
}

bool FocusMapper::map_numbers(FieldReader& reader, UsageRecord& line) const {
    constexpr bool null_literal = true;
    if (!reader.cost(at_.billed_cost, line.set(CostColumn::BilledCost), null_literal)) return false;
    if (!reader.cost(at_.effective_cost, line.set(CostColumn::EffectiveCost), null_literal)) return false;
    if (!reader.cost(at_.list_cost, line.set(CostColumn::ListCost), null_literal)) return false;
    if (!reader.cost(at_.contracted_cost, line.set(CostColumn::ContractedCost), null_literal)) return false;
    return reader.decimal(at_.consumed_quantity, line.consumed_quantity, null_literal);
}


}  // namespace

std::unique_ptr<RowMapper> make_focus_mapper(const std::vector<std::string>& header, const std::string& file_name,
                                             Mapping mapping, Diagnostic& error) {
    auto mapper = std::make_unique<FocusMapper>(header, file_name, mapping);
    std::vector<std::string> missing;
    if (!mapper->bind(missing)) {
        error = missing_columns_error(file_name, missing);
        return nullptr;
    }
    return mapper;
}

}  // namespace revshare::importers
