#include "engine/core/scope_key.hpp"

#include "engine/core/assert.hpp"

namespace revshare {
namespace {

std::string_view trimmed(std::string_view text) {
    const std::size_t begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return {};
    return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

}  // namespace

std::optional<TextColumn> scope_key_column(const UsageRecord& line) {
    for (const TextColumn column : {TextColumn::BillingAccountId, TextColumn::SubAccountId}) {
        if (!trimmed(line.get(column)).empty()) return column;
    }
    return std::nullopt;
}

std::string scope_key(std::string_view provider, TextColumn column, std::string_view value) {
    ENGINE_ASSERT(column == TextColumn::BillingAccountId || column == TextColumn::SubAccountId);
    std::string key(text_column_name(column));
    key += '=';
    key += trimmed(value);
    if (provider == "Microsoft") {
        for (std::size_t i = key.find('=') + 1; i < key.size(); ++i) {
            if (key[i] >= 'A' && key[i] <= 'Z') key[i] = static_cast<char>(key[i] + ('a' - 'A'));
        }
    }
    return key;
}

}  // namespace revshare
