#pragma once
// The ledger account of each party in an exported journal (`revshare journal`; contract.md's
// `[accounts]` as docs/contracts.md writes it): the contract's `[accounts]` entry, else the
// default `Liabilities:Revshare:<Party>`. An account name is one that both hledger and
// beancount accept: ledger_account_problem says what is not.
#include "engine/rules/contract.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace revshare::rules {

// What is wrong with `name` as a ledger account, or nullopt when hledger and beancount both
// accept it: components joined by `:`, at least two; the first one of Assets, Liabilities,
// Equity, Income, Expenses (beancount's five root types); every other starts with an ASCII
// capital letter or a digit and holds only ASCII letters, digits and `-` (beancount 2's
// components, in ASCII; hledger accepts any such name). At most limits::ledger_account_bytes_max bytes.
[[nodiscard]] std::optional<std::string> ledger_account_problem(std::string_view name);

// `Liabilities:Revshare:<Party>`: the party key with its first letter in capitals and each `.`
// and `_` written `-` (party keys allow them, beancount's components do not). Always valid.
[[nodiscard]] std::string default_ledger_account(std::string_view party_key);

// Two parties of one contract that would post to the same account: the journal could no longer
// say what each is owed.
struct AccountClash {
    std::string account;
    std::string first_party;   // in [parties] order
    std::string second_party;
    bool second_is_explicit = false;  // the second party's account is written in [accounts]
};

struct LedgerAccounts {
    std::map<std::string, std::string> by_party;  // party key -> account, every party
    std::vector<AccountClash> clashes;            // in [parties] order of the second party
};

// Every party's account: `explicit_accounts` (party key -> account), else the default.
[[nodiscard]] LedgerAccounts compute_ledger_accounts(const std::vector<Party>& parties,
                                                     const std::map<std::string, std::string>& explicit_accounts);
[[nodiscard]] LedgerAccounts compute_ledger_accounts(const Contract& contract);

}  // namespace revshare::rules
