#include "engine/settle/statement.hpp"

#include "engine/core/assert.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace revshare::settle {

namespace {

constexpr std::array<std::pair<RowKind, std::string_view>, 6> row_kind_names{{
    {RowKind::current, "current"},
    {RowKind::adjustment, "adjustment"},
    {RowKind::true_up, "true-up"},
    {RowKind::advance, "advance"},
    {RowKind::recoupment, "recoupment"},
    {RowKind::withholding, "withholding"},
}};

}  // namespace

std::string_view row_kind_name(RowKind kind) {
    for (const auto& [candidate, name] : row_kind_names) {
        if (candidate == kind) return name;
    }
    ENGINE_ASSERT(false);  // every enumerator is listed
    return "";
}

std::optional<RowKind> row_kind_from_name(std::string_view name) {
    for (const auto& [kind, candidate] : row_kind_names) {
        if (candidate == name) return kind;
    }
    return std::nullopt;
}

std::string LimitedBy::text() const {
    std::string text;
    auto add = [&text](bool applied, std::string_view name) {
        if (!applied) return;
        if (!text.empty()) text += ';';
        text += name;
    };
    add(minimum, "minimum");
    add(maximum, "maximum");
    add(cap, "cap");
    return text;
}

std::optional<LimitedBy> LimitedBy::from_text(std::string_view text) {
    LimitedBy limited;
    if (text.empty()) return limited;
    std::size_t start = 0;
    int last = -1;  // the steps come in the order they apply, each once
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(';', start), text.size());
        const std::string_view name = text.substr(start, end - start);
        int step = -1;
        if (name == "minimum") step = 0, limited.minimum = true;
        else if (name == "maximum") step = 1, limited.maximum = true;
        else if (name == "cap") step = 2, limited.cap = true;
        if (step <= last) return std::nullopt;
        last = step;
        start = end + 1;
    }
    return limited;
}

std::string_view journal_account_name(JournalAccount account) {
    return account == JournalAccount::payable ? "payable" : "receivable";
}

std::optional<JournalAccount> journal_account_from_name(std::string_view name) {
    if (name == "payable") return JournalAccount::payable;
    if (name == "receivable") return JournalAccount::receivable;
    return std::nullopt;
}

}  // namespace revshare::settle
