#pragma once
// RowMapper: turns one data record of a known format into a UsageRecord (a normalised line),
// or into a Diagnostic that sends the row to quarantine. A mapper is bound to one file's
// header once (column positions resolved once per file), then called for every row.
#include "engine/core/diagnostic.hpp"
#include "engine/core/usage_record.hpp"
#include "importers/csv/csv_reader.hpp"
#include "importers/format.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace revshare::importers {

class RowMapper {
public:
    virtual ~RowMapper() = default;
    // Fills `line` from `record` (its source_line too) and returns true; or fills `error`
    // (file, line, column number and field name, code, message) and returns false.
    // `record.fields.size()` may differ from the header's column count: that is an error.
    virtual bool map(const CsvRecord& record, UsageRecord& line, Diagnostic& error) = 0;

    // The file's columns that a line's BillingAccountId and SubAccountId come from (nullopt when
    // the file has none), for the message about a line with neither (engine/core/scope_key.hpp).
    struct ScopeColumns {
        std::optional<std::size_t> billing_account;
        std::optional<std::size_t> sub_account;
    };
    [[nodiscard]] virtual ScopeColumns scope_columns() const = 0;

    // Whether column `position` gives a line any value but its Tags: a file whose rows end one
    // cell short of the header may read that cell as empty only when the header's last column
    // does not (ExportReader), so that no cost, date or name is ever read from a missing cell.
    [[nodiscard]] virtual bool maps_column(std::size_t position) const = 0;

    // What the import summary says about how this file was mapped, beyond the table in
    // MAPPING.md (a fallback for a column the file lacks). Empty for most files.
    [[nodiscard]] virtual std::vector<std::string> notes() const { return {}; }
};

// Binds `format` to `header`, mapping rows as version `mapping` does. Returns nullptr and fills `error` (code broken_header, naming
// the file and the missing columns) when a column the format needs is absent.
[[nodiscard]] std::unique_ptr<RowMapper> make_row_mapper(Format format, const std::vector<std::string>& header,
                                                          const std::string& file_name, Mapping mapping, Diagnostic& error);

}  // namespace revshare::importers
