// The optional [accounts] table: party key = ledger account, for `revshare journal`. Each key is
// a party of [parties]; each value an account name that hledger and beancount both accept
// (ledger_account.hpp); no two parties post to one account, the defaults of the parties not
// listed included.
#include "engine/rules/contract_parse_detail.hpp"
#include "engine/rules/ledger_account.hpp"

#include <algorithm>

namespace revshare::rules::detail {
namespace {

const FieldPath accounts_path = FieldPath().field("accounts");

std::optional<PartyAccount> parse_account(ParseContext& ctx, const Entry& entry, const ContractScope& scope) {
    const std::string party(entry.key->str());
    const FieldPath path = accounts_path.field(party);
    const bool known = std::any_of(scope.parties.begin(), scope.parties.end(),
                                   [&](const Party& p) { return p.key == party; });
    if (!known) {
        ctx.error(where(*entry.key), path,
                  "unknown key: no party " + in_quotes(party) + " in [parties]; [accounts] maps party keys to ledger "
                  "accounts, e.g. openai = \"Liabilities:Revshare:OpenAI\"");
        return std::nullopt;
    }
    auto account = read_string(ctx, *entry.node, path);
    if (!account) return std::nullopt;
    if (auto problem = ledger_account_problem(*account)) {
        ctx.error(where(*entry.node), path, "account " + in_quotes(*account) + " " + *problem);
        return std::nullopt;
    }
    return PartyAccount{party, std::move(*account), where(*entry.node).line};
}

// One error per clash, at the [accounts] entry that makes it (at the table when both parties
// have their default account).
void check_clashes(ParseContext& ctx, const toml::table& table, const std::vector<PartyAccount>& accounts,
                   const ContractScope& scope) {
    std::map<std::string, std::string> written;
    std::map<std::string, std::int64_t> line;
    for (const PartyAccount& entry : accounts) {
        written[entry.party] = entry.account;
        line[entry.party] = entry.source_line;
    }
    const std::string why = "; each party needs an account of its own, or the journal cannot say what each is owed";
    for (const AccountClash& clash : compute_ledger_accounts(scope.parties, written).clashes) {
        const std::string account = in_quotes(clash.account);
        if (clash.second_is_explicit) {
            // Both written: at the entry written last; else at the written one.
            const bool both = written.contains(clash.first_party);
            const bool first_later = both && line[clash.first_party] > line[clash.second_party];
            const std::string& at = first_later ? clash.first_party : clash.second_party;
            const std::string& other = first_later ? clash.second_party : clash.first_party;
            ctx.error(where(*table.get(at)), accounts_path.field(at),
                      account + " is also " + (both ? "the account" : "the default account") + " of party " +
                          in_quotes(other) + why);
        } else if (written.contains(clash.first_party)) {
            ctx.error(where(*table.get(clash.first_party)), accounts_path.field(clash.first_party),
                      account + " is also the default account of party " + in_quotes(clash.second_party) + why);
        } else {
            ctx.error(where(table), accounts_path,
                      "parties " + in_quotes(clash.first_party) + " and " + in_quotes(clash.second_party) +
                          " both get the default account " + account + why + ": give one of them an account here");
        }
    }
}

}  // namespace

std::vector<PartyAccount> parse_accounts(ParseContext& ctx, const toml::table& root, const ContractScope& scope) {
    const toml::node* node = root.get("accounts");
    if (node == nullptr) return {};
    const auto* table = node->as_table();
    if (table == nullptr) {
        ctx.error(where(*node), accounts_path,
                  not_allowed(*node) + "; expected a table of party key = ledger account, e.g. [accounts] openai = "
                                       "\"Liabilities:Revshare:OpenAI\"");
        return {};
    }
    std::vector<PartyAccount> accounts;
    bool all_valid = true;
    for (const Entry& entry : entries_in_file_order(*table)) {
        auto account = parse_account(ctx, entry, scope);
        if (account) accounts.push_back(std::move(*account));
        all_valid = all_valid && account.has_value();
    }
    if (all_valid) check_clashes(ctx, *table, accounts, scope);
    return accounts;
}

}  // namespace revshare::rules::detail
