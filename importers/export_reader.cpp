#include "importers/export_reader.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/scope_key.hpp"
#include "importers/unclaimed_format.hpp"

namespace revshare::importers {
namespace {

Diagnostic file_error(const std::string& file, DiagnosticCode code, std::string message, std::string hint) {
    Diagnostic diagnostic;
    diagnostic.location = SourceLocation{file, 0, 0};
    diagnostic.code = code;
    diagnostic.message = std::move(message);
    diagnostic.hint = std::move(hint);
    return diagnostic;
}

bool is_identifier_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '/';
}

// The same as `line = UsageRecord{}`, but the strings keep their buffers: a row then costs
// no allocation for its text cells.
void clear_keeping_capacity(UsageRecord& line) {
    for (std::string& text : line.text) text.clear();
    for (std::optional<Decimal>& cost : line.cost) cost.reset();
    line.consumed_quantity.reset();
    line.billing_period_start = Instant{};
    line.billing_period_end = Instant{};
    line.charge_period_start = Instant{};
    line.charge_period_end = Instant{};
    line.tags.clear();
    line.source_line = 0;
    line.event.key.clear();
    line.event.valid_from.reset();
    line.event.update_date.reset();
    line.event.deleted = false;
}

// A row with neither a billing account nor a sub-account has no scope: a later delivery could
// not be told from another customer's (engine/core/scope_key.hpp). The mapper read it well.
Diagnostic unscoped_row_error(const std::string& file, const CsvRecord& record, const std::vector<std::string>& header,
                              const RowMapper::ScopeColumns& columns) {
    Diagnostic diagnostic;
    const auto at = columns.billing_account ? columns.billing_account : columns.sub_account;
    diagnostic.location = SourceLocation{file, record.line, at ? static_cast<std::int64_t>(*at) + 1 : 0};
    diagnostic.code = DiagnosticCode::missing_value;
    diagnostic.field = at ? header[*at] : std::string{};
    if (columns.billing_account && columns.sub_account) {
        diagnostic.message = header[*columns.billing_account] + " and " + header[*columns.sub_account] + " are both empty";
    } else if (columns.billing_account) {
        diagnostic.message = header[*columns.billing_account] + " is empty, and the file has no SubAccountId column";
    } else if (columns.sub_account) {
        diagnostic.message = header[*columns.sub_account] + " is empty, and the file has no BillingAccountId column";
    } else {
        diagnostic.message = "the file has no BillingAccountId and no SubAccountId column";
    }
    diagnostic.message += ": the row does not say whose costs it holds";
    diagnostic.hint = "what a later delivery replaces is keyed by the billing account, or by the sub-account (AWS usage "
                      "account, Azure subscription) when a row has none; ask for the export again with them filled";
    diagnostic.raw_line = std::string(record.raw.substr(0, 4096));
    return diagnostic;
}

}  // namespace

std::string normalise_header_name(std::string_view name) {
    const std::size_t begin = name.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return {};
    const std::size_t end = name.find_last_not_of(" \t");
    name = name.substr(begin, end - begin + 1);
    // Only where a portal localises: an AWS name (`resourceTags/user:Cost center (CC)`) keeps its
    // parentheses.
    const bool aws_name = name.find('/') != std::string_view::npos || name.starts_with("resource_tags");
    if (!aws_name && name.size() > 2 && name.back() == ')') {
        const std::size_t open = name.rfind('(');
        if (open != std::string_view::npos && open > 0 && name[open - 1] == ' ') {
            const std::string_view inner = name.substr(open + 1, name.size() - open - 2);
            bool plain = !inner.empty();
            for (char c : inner) plain = plain && is_identifier_char(c);
            if (plain) return std::string(inner);
        }
    }
    return std::string(name);
}

std::unique_ptr<ExportReader> ExportReader::open(const std::string& path, const std::string& display_name,
                                                 std::optional<Format> forced_format, Diagnostic& error,
                                                 Mapping mapping) {
    return open(open_byte_source(path), display_name, forced_format, error, mapping);
}

std::unique_ptr<ExportReader> ExportReader::open(std::unique_ptr<ByteSource> source, const std::string& display_name,
                                                 std::optional<Format> forced_format, Diagnostic& error,
                                                 Mapping mapping) {
    std::unique_ptr<ExportReader> reader(new ExportReader());
    reader->reader_ = std::make_unique<CsvReader>(std::move(source), display_name);
    Diagnostic csv_error;
    const auto status = reader->reader_->next(reader->record_, csv_error);
    if (status == CsvReader::Status::end) {
        error = file_error(display_name, DiagnosticCode::empty_file, "the file is empty: no header row",
                           "an export always has a header row; ask for the file to be delivered again");
        return nullptr;
    }
    if (status == CsvReader::Status::error && csv_error.code == DiagnosticCode::cr_line_ends) {
        error = csv_error;  // the whole file, named as such
        return nullptr;
    }
    if (status == CsvReader::Status::error && csv_error.raw_line.starts_with(std::string_view("PK\x03\x04", 4))) {
        error = file_error(display_name, DiagnosticCode::unknown_format,
                           "this is a zip archive, not a CSV file (its name says CSV)",
                           "name it .zip or .csv.zip and import it again: revshare imports a zip's CSV members");
        return nullptr;
    }
    if (status == CsvReader::Status::error) {
        error = csv_error;
        error.code = DiagnosticCode::broken_header;
        error.message = "the header row cannot be read: " + csv_error.message;
        return nullptr;
    }
    for (const auto field : reader->record_.fields) reader->header_.push_back(normalise_header_name(field));
    const auto detected = detect_format(reader->header_);
    if (!forced_format && !detected) {
        if (const auto unclaimed = recognise_unclaimed_format(reader->header_)) {
            error = file_error(display_name, DiagnosticCode::unknown_format, unclaimed->message, unclaimed->hint);
            error.raw_line = std::string(reader->record_.raw.substr(0, 4096));
            return nullptr;
        }
        error = file_error(display_name, DiagnosticCode::unknown_format,
                           "not a known export format: the header row matches none of " + format_names_list(),
                           "expected an AWS CUR (lineItem/UnblendedCost with bill/PayerAccountId or identity/LineItemId), "
                           "an Azure cost-details export (CostInBillingCurrency or Cost, MeterCategory), Azure "
                           "pay-as-you-go usage details (UsageDateTime, PreTaxCost), FOCUS (BilledCost, "
                           "ChargePeriodStart, ProviderName), an AWS Marketplace billing-event feed (billing_event_id, "
                           "transaction_type) or a Partner Center payouts transaction history (earningId, "
                           "earningAmount); use --format NAME to force one");
        error.raw_line = std::string(reader->record_.raw.substr(0, 4096));
        return nullptr;
    }
    reader->format_ = forced_format ? *forced_format : *detected;
    reader->mapping_ = mapping;
    reader->mapper_ = make_row_mapper(reader->format_, reader->header_, display_name, mapping, error);
    if (!reader->mapper_) return nullptr;
    return reader;
}

std::vector<std::string> ExportReader::notes() const {
    std::vector<std::string> notes = mapper_->notes();
    if (rows_without_last_column_ > 0) {
        const std::string& name = header_.back();
        notes.push_back("the header's last column, " +
                        (name.empty() ? "column " + std::to_string(header_.size()) + " (no name)" : name) +
                        ", is missing from " + std::to_string(rows_without_last_column_) +
                        (rows_without_last_column_ == 1 ? " row" : " rows") +
                        ": read as empty there (it gives the lines no value but their tags)");
    }
    if (lines_outside_billing_period_ > 0) {
        const UsageRecord& first = first_outside_billing_period_;
        notes.push_back(std::to_string(lines_outside_billing_period_) +
                        (lines_outside_billing_period_ == 1 ? " line is charged outside its" : " lines are charged outside their") +
                        " billing period (the first: line " + std::to_string(first.source_line) +
                        ", charged " + date::format("%F", first.charge_period_start) + " in the billing period " +
                        date::format("%F", first.billing_period_start) + " to " +
                        date::format("%F", first.billing_period_end) +
                        "): each settles in the month it is charged, and reconciliation.csv counts them "
                        "(lines_outside_billing_period)");
    }
    return notes;
}

void ExportReader::name_nul_column(Diagnostic& error) const {
    const auto column = static_cast<std::size_t>(error.location.column);
    if (error.code != DiagnosticCode::nul_in_field || column == 0 || column > header_.size()) return;
    error.field = header_[column - 1];
    error.message = nul_in_field_message("column " + error.field + " (field " + std::to_string(column) + ")");
}

ExportReader::Status ExportReader::next(UsageRecord& line, Diagnostic& error) {
    const auto status = reader_->next(record_, error);
    if (status == CsvReader::Status::end) return Status::end;
    ++rows_read_;
    if (status == CsvReader::Status::error) {
        name_nul_column(error);
        return Status::rejected;
    }
    if (record_.fields.size() == 1 && record_.fields[0].empty() && header_.size() > 1) {
        // A blank line (often the last one) is not a row.
        --rows_read_;
        return next(line, error);
    }
    // A row one cell short of the header, in a file whose first row is short too: the header
    // gained a column (a cost category, a tag) that the rows do not have. When that column gives
    // no line value but Tags, the row reads it as empty, if its cells then read well; a row whose
    // cells shifted (a cell lost in the middle) keeps its column-count error. (Mapping 2:
    // mapping 1 quarantined such a row, and an import it made keeps that.)
    const bool one_short = record_.fields.size() + 1 == header_.size();
    if (!rows_lack_last_column_) rows_lack_last_column_ = one_short;
    const bool without_last_column = mapping_ != Mapping::v1 && one_short && *rows_lack_last_column_ &&
                                     !mapper_->maps_column(header_.size() - 1);
    if (without_last_column) record_.fields.emplace_back();
    clear_keeping_capacity(line);
    line.source_line = record_.line;
    if (!mapper_->map(record_, line, error)) {
        if (without_last_column) {
            record_.fields.pop_back();
            const bool mapped = mapper_->map(record_, line, error);
            ENGINE_ASSERT(!mapped);  // the count of cells is checked first
        }
        return Status::rejected;
    }
    // A seller feed's rows supersede per event (formats.md S4), never per scope: a row without
    // a billing account or buyer is still its event's version, and is stored as such.
    if (!is_seller_format(format_) && !scope_key_column(line)) {
        error = unscoped_row_error(reader_->file_name(), record_, header_, mapper_->scope_columns());
        return Status::rejected;
    }
    if (without_last_column) ++rows_without_last_column_;
    if (line.charge_period_start < line.billing_period_start || line.charge_period_start >= line.billing_period_end) {
        if (lines_outside_billing_period_++ == 0) first_outside_billing_period_ = line;
    }
    return Status::line;
}

}  // namespace revshare::importers
