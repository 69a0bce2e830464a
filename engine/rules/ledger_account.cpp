#include "engine/rules/ledger_account.hpp"

#include "engine/core/limits.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace revshare::rules {
namespace {

constexpr std::array<std::string_view, 5> root_types{"Assets", "Liabilities", "Equity", "Income", "Expenses"};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// What is wrong with one component after the root, or "" when nothing is.
std::string component_problem(std::string_view component, std::size_t index) {
    const std::string which = "component " + std::to_string(index + 1);
    if (component.empty()) return which + " is empty (two `:` in a row, or a `:` at an end)";
    const auto character = [](char c) {
        return static_cast<unsigned char>(c) < 0x80 ? "'" + std::string(1, c) + "'" : std::string("a character outside ASCII");
    };
    if (!is_upper(component.front()) && !is_digit(component.front())) {
        return which + " \"" + std::string(component) + "\" starts with " + character(component.front()) +
               "; each component starts with a capital letter A-Z or a digit (beancount's rule)";
    }
    for (const char c : component) {
        if (is_upper(c) || is_lower(c) || is_digit(c) || c == '-') continue;
        return which + " \"" + std::string(component) + "\" holds " + character(c) +
               "; a component holds only the letters A-Z and a-z, digits and '-', which hledger and beancount "
               "both accept";
    }
    return "";
}

}  // namespace

std::optional<std::string> ledger_account_problem(std::string_view name) {
    if (name.size() > limits::ledger_account_bytes_max) {
        return "an account name of " + std::to_string(name.size()) + " bytes; the limit is " +
               std::to_string(limits::ledger_account_bytes_max);
    }
    std::vector<std::string_view> components;
    std::size_t start = 0;
    for (std::size_t colon = name.find(':'); colon != std::string_view::npos; colon = name.find(':', start)) {
        components.push_back(name.substr(start, colon - start));
        start = colon + 1;
    }
    components.push_back(name.substr(start));
    const std::string expected = "e.g. \"Liabilities:Revshare:OpenAI\"";
    if (std::find(root_types.begin(), root_types.end(), components.front()) == root_types.end()) {
        return "starts with \"" + std::string(components.front()) +
               "\"; an account starts with Assets, Liabilities, Equity, Income or Expenses (beancount's root types), " +
               expected;
    }
    if (components.size() < 2) return "has no component after " + std::string(components.front()) + "; expected " + expected;
    for (std::size_t i = 1; i < components.size(); ++i) {
        if (auto problem = component_problem(components[i], i); !problem.empty()) return problem;
    }
    return std::nullopt;
}

std::string default_ledger_account(std::string_view party_key) {
    std::string component(party_key);
    for (char& c : component) {
        if (c == '.' || c == '_') c = '-';
    }
    if (!component.empty() && is_lower(component.front())) component.front() = static_cast<char>(component.front() - 'a' + 'A');
    return "Liabilities:Revshare:" + component;
}

LedgerAccounts compute_ledger_accounts(const std::vector<Party>& parties,
                                       const std::map<std::string, std::string>& explicit_accounts) {
    LedgerAccounts accounts;
    std::map<std::string, std::string> owner;  // account -> the first party that has it
    for (const Party& party : parties) {
        const auto written = explicit_accounts.find(party.key);
        const bool is_explicit = written != explicit_accounts.end();
        const std::string account = is_explicit ? written->second : default_ledger_account(party.key);
        accounts.by_party[party.key] = account;
        const auto [first, inserted] = owner.emplace(account, party.key);
        if (!inserted) accounts.clashes.push_back(AccountClash{account, first->second, party.key, is_explicit});
    }
    return accounts;
}

LedgerAccounts compute_ledger_accounts(const Contract& contract) {
    std::map<std::string, std::string> written;
    for (const PartyAccount& entry : contract.accounts) written[entry.party] = entry.account;
    return compute_ledger_accounts(contract.parties, written);
}

}  // namespace revshare::rules
