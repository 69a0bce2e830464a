#include "importers/aws/aws_cur_mapper.hpp"

#include "engine/core/currency.hpp"
#include "importers/aws/aws_cur_columns.hpp"
#include "importers/aws/aws_cur_costs.hpp"
#include "importers/aws/aws_line_item_type.hpp"
#include "importers/currency_check.hpp"
#include "importers/field_reader.hpp"
#include "importers/json_object.hpp"

#include <initializer_list>

namespace revshare::importers {
namespace {

// Maps the rows of one AWS CUR file (legacy CSV, legacy Athena or CUR 2.0) to normalised
// lines, column by column as importers/MAPPING.md says. Positions are resolved once, in the
// factory; per row the mapper only reads cells, copies text and parses numbers and dates.
class AwsCurMapper final : public RowMapper {
public:
    AwsCurMapper(Format format, const std::vector<std::string>& header, std::string file_name, AwsCurColumns columns,
                 Mapping mapping)
        : format_(format), index_(header, ColumnIndex::Case::sensitive), file_name_(std::move(file_name)),
          columns_(std::move(columns)), mapping_(mapping) {}

    bool map(const CsvRecord& record, UsageRecord& line, Diagnostic& error) override {
        FieldReader reader(record, index_, file_name_, error);
        if (!reader.check_column_count()) return false;
        line.source_line = record.line;
        std::optional<AwsLineItemType> type;
        if (!read_charge(reader, line, type)) return false;
        if (!read_periods(reader, line)) return false;
        if (!read_aws_costs(reader, columns_, *type, line)) return false;
        if (!read_currency(reader, line)) return false;
        if (!read_product_map(reader)) return false;
        copy_text(reader, *type, line);
        return read_tags(reader, line);
    }

    [[nodiscard]] ScopeColumns scope_columns() const override {
        return {columns_[AwsColumn::payer_account], columns_[AwsColumn::usage_account]};
    }

    [[nodiscard]] bool maps_column(std::size_t position) const override {
        for (const auto& at : columns_.positions) {
            if (at == position) return true;
        }
        return columns_.product_map == position;
    }

    // Names the columns publisher() falls back to, as this file has them.
    [[nodiscard]] std::vector<std::string> notes() const override {
        if (columns_[AwsColumn::legal_entity]) return {};
        std::string product;
        if (columns_[AwsColumn::product_name]) product = name(AwsColumn::product_name) + ", else ";
        if (columns_.product_map) product += "the product map's product_name, else ";
        product += name(AwsColumn::product_code);
        const std::string from = columns_[AwsColumn::billing_entity]
                                     ? name(AwsColumn::billing_entity) + " (where it is empty or AWS Marketplace: " +
                                           product + ")"
                                     : product;
        return {"PublisherName from " + from + ": the file has no " + name(AwsColumn::legal_entity) + " column"};
    }

private:
    [[nodiscard]] std::string_view cell(const FieldReader& reader, AwsColumn column) const {
        return reader.text(columns_[column]);
    }

    [[nodiscard]] std::string name(AwsColumn column) const { return std::string(aws_column_name(format_, column)); }

    // Who produced what a row charges for. lineItem/LegalEntity names it (the seller of record on
    // Marketplace rows); a file without that column names the billing entity, except that a
    // marketplace is not the seller: there the product names it, never a guess at a company.
    [[nodiscard]] std::string_view publisher(const FieldReader& reader) const {
        if (columns_[AwsColumn::legal_entity]) return cell(reader, AwsColumn::legal_entity);
        const std::string_view entity = cell(reader, AwsColumn::billing_entity);
        if (!entity.empty() && entity != "AWS Marketplace") return entity;
        return first_non_empty({cell(reader, AwsColumn::product_name), product_attribute("product_name"),
                                cell(reader, AwsColumn::product_code)});
    }

    // Who invoices: bill/InvoicingEntity; without it lineItem/LegalEntity; without both, the
    // billing entity (`AWS`, `AWS Marketplace`: who bills).
    [[nodiscard]] std::string_view invoice_issuer(const FieldReader& reader) const {
        if (columns_[AwsColumn::invoicing_entity]) return cell(reader, AwsColumn::invoicing_entity);
        if (columns_[AwsColumn::legal_entity]) return cell(reader, AwsColumn::legal_entity);
        return cell(reader, AwsColumn::billing_entity);
    }

    bool read_charge(FieldReader& reader, UsageRecord& line, std::optional<AwsLineItemType>& type) const {
        const std::string_view text = cell(reader, AwsColumn::line_item_type);
        type = parse_aws_line_item_type(text);
        if (!type) {
            return reader.fail(DiagnosticCode::unknown_charge_type, columns_[AwsColumn::line_item_type],
                               "unknown line item type '" + std::string(text.substr(0, 60)) + "'",
                               "accepted: " + std::string(aws_line_item_types_list()) +
                                   "; any other type is quarantined rather than guessed");
        }
        line.set(TextColumn::ChargeCategory) = aws_charge_category(*type);
        const bool refund = *type == AwsLineItemType::refund || cell(reader, AwsColumn::bill_type) == "Refund";
        line.set(TextColumn::ChargeClass) = refund ? "Correction" : "";
        return true;
    }

    bool read_periods(FieldReader& reader, UsageRecord& line) const {
        return reader.instant(columns_[AwsColumn::billing_period_start], line.billing_period_start) &&
               reader.instant(columns_[AwsColumn::billing_period_end], line.billing_period_end) &&
               reader.instant(columns_[AwsColumn::usage_start], line.charge_period_start) &&
               reader.instant(columns_[AwsColumn::usage_end], line.charge_period_end);
    }

    // A row with any cost needs an ISO 4217 currency; a row without one may leave it empty.
    bool read_currency(FieldReader& reader, UsageRecord& line) {
        line.set(TextColumn::BillingCurrency) = cell(reader, AwsColumn::currency_code);
        return currency_.check(reader, columns_[AwsColumn::currency_code], line);
    }

    // CUR 2.0 `product` map: parsed when the file has the column and the cell is not empty.
    bool read_product_map(FieldReader& reader) {
        product_has_value_ = false;
        if (!columns_.product_map) return true;
        const std::string_view text = reader.text(columns_.product_map);
        if (text.empty()) return true;
        if (!product_.parse(text, json_error_)) return fail_json(reader, columns_.product_map);
        product_has_value_ = true;
        return true;
    }

    // A value that holds a NUL (JSON can spell one: \u0000) reads as absent (mapping 2): no text
    // of a line may hold one.
    [[nodiscard]] std::string_view product_attribute(std::string_view key) const {
        if (!product_has_value_) return {};
        const auto found = product_.find(key);
        if (!found) return {};
        if (mapping_ != Mapping::v1 && found->value.find('\0') != std::string_view::npos) return {};
        return found->value;
    }

    void copy_text(const FieldReader& reader, AwsLineItemType type, UsageRecord& line) const {
        line.set(TextColumn::ProviderName) = "AWS";
        if (mapping_ != Mapping::v1) {  // FOCUS 1.3's split of ProviderName: AWS hosts and provides all it bills
            line.set(TextColumn::HostProviderName) = "AWS";
            line.set(TextColumn::ServiceProviderName) = "AWS";
        }
        line.set(TextColumn::PublisherName) = publisher(reader);
        line.set(TextColumn::InvoiceIssuerName) = invoice_issuer(reader);
        line.set(TextColumn::BillingAccountId) = cell(reader, AwsColumn::payer_account);
        line.set(TextColumn::SubAccountId) = cell(reader, AwsColumn::usage_account);
        line.set(TextColumn::ServiceName) = first_non_empty(
            {cell(reader, AwsColumn::product_name), product_attribute("product_name"), cell(reader, AwsColumn::product_code)});
        line.set(TextColumn::SkuId) = cell(reader, AwsColumn::sku);
        line.set(TextColumn::SkuMeter) = cell(reader, AwsColumn::usage_type);
        line.set(TextColumn::RegionId) = first_non_empty(
            {cell(reader, AwsColumn::region_code), cell(reader, AwsColumn::region), product_attribute("region")});
        line.set(TextColumn::ConsumedUnit) = is_aws_usage_row(type) ? cell(reader, AwsColumn::pricing_unit) : "";
        line.set(TextColumn::x_ServiceCode) = cell(reader, AwsColumn::product_code);
        line.set(TextColumn::x_UsageType) = cell(reader, AwsColumn::usage_type);
        line.set(TextColumn::x_Operation) = cell(reader, AwsColumn::operation);
        // Azure's columns are empty on AWS lines (set here too in case `line` is reused).
        for (const auto column : {TextColumn::x_SkuMeterCategory, TextColumn::x_SkuMeterSubcategory,
                                  TextColumn::x_SkuMeterName, TextColumn::x_PublisherCategory}) {
            line.set(column).clear();
        }
    }

    static std::string_view first_non_empty(std::initializer_list<std::string_view> candidates) {
        for (const std::string_view candidate : candidates) {
            if (!candidate.empty()) return candidate;
        }
        return {};
    }

    // Tags: CUR 2.0's `resource_tags` map, re-written canonically; otherwise one JSON member
    // per non-empty tag column, in key order (the columns were sorted once, in the factory).
    bool read_tags(FieldReader& reader, UsageRecord& line) {
        line.tags.clear();
        if (columns_.resource_tags_map) {
            const std::string_view text = reader.text(columns_.resource_tags_map);
            if (text.empty()) return true;
            if (!tags_.parse(text, json_error_)) return fail_json(reader, columns_.resource_tags_map);
            if (!tags_.empty()) tags_.write_sorted(line.tags);
            return true;
        }
        for (const auto& tag : columns_.tag_columns) {
            const std::string_view value = reader.text(tag.position);
            if (value.empty()) continue;
            line.tags.push_back(line.tags.empty() ? '{' : ',');
            line.tags.append(tag.json_member);
            append_json_string(line.tags, value);
        }
        if (!line.tags.empty()) line.tags.push_back('}');
        return true;
    }

    bool fail_json(FieldReader& reader, std::optional<std::size_t> position) {
        return reader.fail(DiagnosticCode::bad_json, position, "not a flat JSON object (" + json_error_ + ")",
                           "expected a JSON object of string keys and scalar values, such as "
                           "{\"user_team\":\"ml\",\"user_env\":\"prod\"}");
    }

    Format format_;
    ColumnIndex index_;
    std::string file_name_;
    AwsCurColumns columns_;
    Mapping mapping_;
    // Reused across rows so that parsing the JSON cells allocates nothing once warmed up.
    JsonObject product_;
    JsonObject tags_;
    bool product_has_value_ = false;
    std::string json_error_;
    CurrencyCheck currency_;
};

std::string join(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) {
        if (!text.empty()) text += ", ";
        text += name;
    }
    return text;
}

}  // namespace

std::unique_ptr<RowMapper> make_aws_cur_mapper(Format format, const std::vector<std::string>& header,
                                               const std::string& file_name, Mapping mapping, Diagnostic& error) {
    const ColumnIndex index(header, ColumnIndex::Case::sensitive);
    AwsCurColumns columns;
    const std::vector<std::string> missing = resolve_aws_cur_columns(format, index, columns);
    if (!missing.empty()) {
        error = Diagnostic{};
        error.location = SourceLocation{file_name, 1, 0};
        error.code = DiagnosticCode::broken_header;
        error.message = std::string(missing.size() == 1 ? "missing column " : "missing columns ") + join(missing) +
                        " (" + std::string(aws_format_label(format)) + ")";
        error.hint = "these columns say who is charged what, when and by whom; export the report with all its "
                     "columns (an extract that selected some columns may have left them out)";
        return nullptr;
    }
    return std::make_unique<AwsCurMapper>(format, header, file_name, std::move(columns), mapping);
}

}  // namespace revshare::importers
