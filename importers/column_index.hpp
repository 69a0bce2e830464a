#pragma once
// ColumnIndex: resolves column names to positions once per file. Lookups accept aliases
// (`Cost|CostInBillingCurrency`) and may ignore case (Azure, formats.md section 0).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::importers {

class ColumnIndex {
public:
    enum class Case { sensitive, insensitive };
    ColumnIndex(const std::vector<std::string>& header, Case match_case);

    // Position of the first of `aliases` present in the header ('|'-separated names).
    [[nodiscard]] std::optional<std::size_t> find(std::string_view aliases) const;
    [[nodiscard]] bool has(std::string_view aliases) const { return find(aliases).has_value(); }
    // find(), and when absent adds the name to `missing` for a broken-header message
    // (`CostInBillingCurrency|Cost` is listed as `CostInBillingCurrency (or Cost)`).
    [[nodiscard]] std::optional<std::size_t> find_required(std::string_view aliases,
                                                           std::vector<std::string>& missing) const;
    // Positions (ascending) of the first name that the header holds more than once, as lookups
    // compare names (in this index's letter case); empty when every name is unique. The first
    // name is the one whose second occurrence comes first. Empty names are no column's name
    // (no lookup can find one), so they never count as duplicates.
    [[nodiscard]] std::vector<std::size_t> first_duplicate() const;
    [[nodiscard]] const std::string& name(std::size_t position) const { return header_[position]; }
    [[nodiscard]] std::size_t size() const { return header_.size(); }

private:
    std::vector<std::string> header_;
    std::vector<std::string> keys_;  // lower-cased when case-insensitive
    Case case_;
};

}  // namespace revshare::importers
