#include "importers/column_index.hpp"

#include <algorithm>

namespace revshare::importers {
namespace {
std::string lower(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    return result;
}
// `CostInBillingCurrency|Cost` -> `CostInBillingCurrency (or Cost)` for messages.
std::string display_name(std::string_view aliases) {
    const std::size_t bar = aliases.find('|');
    if (bar == std::string_view::npos) return std::string(aliases);
    std::string name(aliases.substr(0, bar));
    name += " (or ";
    for (char c : aliases.substr(bar + 1)) name += c == '|' ? std::string(" or ") : std::string(1, c);
    return name + ")";
}

}  // namespace

ColumnIndex::ColumnIndex(const std::vector<std::string>& header, Case match_case) : header_(header), case_(match_case) {
    keys_.reserve(header.size());
    for (const auto& name : header) keys_.push_back(case_ == Case::insensitive ? lower(name) : name);
}

std::optional<std::size_t> ColumnIndex::find(std::string_view aliases) const {
    std::size_t start = 0;
    while (start <= aliases.size()) {
        const std::size_t bar = aliases.find('|', start);
        const std::string_view alias = aliases.substr(start, bar == std::string_view::npos ? bar : bar - start);
        const std::string key = case_ == Case::insensitive ? lower(alias) : std::string(alias);
        const auto found = std::find(keys_.begin(), keys_.end(), key);
        if (found != keys_.end()) return static_cast<std::size_t>(found - keys_.begin());
        if (bar == std::string_view::npos) break;
        start = bar + 1;
    }
    return std::nullopt;
}

std::optional<std::size_t> ColumnIndex::find_required(std::string_view aliases, std::vector<std::string>& missing) const {
    const auto position = find(aliases);
    if (!position) missing.push_back(display_name(aliases));
    return position;
}

}  // namespace revshare::importers
