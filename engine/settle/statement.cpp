#include "engine/settle/statement.hpp"

namespace revshare::settle {

std::string_view row_kind_name(RowKind kind) { return kind == RowKind::current ? "current" : "adjustment"; }

std::optional<RowKind> row_kind_from_name(std::string_view name) {
    if (name == "current") return RowKind::current;
    if (name == "adjustment") return RowKind::adjustment;
    return std::nullopt;
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
