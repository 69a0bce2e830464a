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

std::vector<std::size_t> ColumnIndex::first_duplicate() const {
    // Positions sorted by key, then by position: the occurrences of a name are neighbours.
    std::vector<std::size_t> order(keys_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) { return keys_[a] < keys_[b]; });
    std::vector<std::size_t> first;  // every occurrence of the chosen name
    std::size_t first_second = keys_.size();
    for (std::size_t i = 0; i + 1 < order.size();) {
        std::size_t end = i + 1;
        while (end < order.size() && keys_[order[end]] == keys_[order[i]]) ++end;
        if (end - i > 1 && !keys_[order[i]].empty() && order[i + 1] < first_second) {
            first_second = order[i + 1];
            first.assign(order.begin() + static_cast<std::ptrdiff_t>(i), order.begin() + static_cast<std::ptrdiff_t>(end));
        }
        i = end;
    }
    return first;
}

std::optional<std::size_t> ColumnIndex::find_required(std::string_view aliases, std::vector<std::string>& missing) const {
    const auto position = find(aliases);
    if (!position) missing.push_back(display_name(aliases));
    return position;
}

}  // namespace revshare::importers
