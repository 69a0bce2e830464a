#pragma once
// Contract: the validated, typed form of a contract TOML file (shared/spec/contract.md).
// Built only by parse_contract (contract_parse.hpp); every field here has passed validation.
#include "engine/core/currency.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"
#include "engine/core/rate.hpp"
#include "engine/core/usage_record.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace revshare::rules {

// One `match` table: for every key, the line's column must match one of the glob patterns
// (`*` any run, `?` one code point). Without a ChargeCategory key, Tax lines never match.
struct MatchTable {
    std::vector<std::pair<TextColumn, std::vector<std::string>>> keys;  // in file order
    [[nodiscard]] bool has_charge_category_key() const;
};

struct Tier {
    std::optional<Decimal> up_to;  // inclusive upper bound of the tier; absent on the last tier
    Rate rate;
};

// Which basis a rule's tiers apply to (contract.md `tiers_over`).
enum class TiersOver : std::uint8_t {
    period,         // each statement row's basis on its own (the default)
    contract_year,  // the rule id's year-to-date basis (step 5a)
};

struct Rule {
    std::string id;
    std::string payer;  // party key
    std::string payee;  // party key
    std::vector<MatchTable> match;  // a line matches the rule if it matches any table
    std::optional<Rate> rate;       // exactly one of rate / tiers
    std::vector<Tier> tiers;
    std::vector<std::string> net_of;  // ids of earlier rules of the same version
    std::optional<Decimal> minimum;   // per period, settlement currency, prorated
    std::optional<Decimal> maximum;
    std::optional<std::string> cap_group;
    // false: a memo rule (a fee already withheld elsewhere): computed and stated, and may be
    // named in net_of, but owed by no one: no net, journal, cap, advance or withholding.
    bool owed = true;
    TiersOver tiers_over = TiersOver::period;  // contract_year only with tiers
    std::optional<Decimal> annual_minimum;     // >= 0, per contract year, trued up (step 7a)
    std::int64_t source_line = 0;  // line of the [[version.rule]] header in the TOML
};

struct Version {
    std::string id;
    Day effective_from;  // UTC date, inclusive
    std::vector<Rule> rules;  // file order = statement order
    std::int64_t source_line = 0;
};

struct CapGroup {
    std::string name;
    Decimal cap;  // >= 0, lifetime bound on the group's total share
};

// A recoupable advance (step 7b): paid on `paid_on`, recouped from later shares of the
// rules named in `recoup_from` (all with the advance's payer and payee, owed).
struct Advance {
    std::string id;
    std::string payer;  // party key
    std::string payee;  // party key
    Decimal amount;     // > 0, settlement currency minor units
    Day paid_on;
    std::vector<std::string> recoup_from;  // rule ids, distinct, as written
    std::int64_t source_line = 0;
};

// A withholding tax (step 7c) on what the other parties owe `payee`, paid to `authority`.
struct Withholding {
    std::string id;
    std::string payee;      // the party whose receipts are taxed
    std::string authority;  // the party the tax is paid to
    Rate rate;
    std::optional<Day> from;  // applies to periods whose last day is on or after it; nullopt: always
    std::int64_t source_line = 0;
};

struct Party {
    std::string key;
    std::string display_name;
};

// An entry of the optional [accounts] table: the ledger account a party's journal postings go
// to (revshare journal). Presentation only: it changes no figure, and no version's terms.
struct PartyAccount {
    std::string party;    // party key
    std::string account;  // ledger_account_problem() found nothing wrong with it
    std::int64_t source_line = 0;
};

struct Contract {
    std::string id;
    std::string name;
    Currency currency;
    CostColumn cost_column = CostColumn::BilledCost;
    std::vector<Party> parties;       // file order
    std::vector<Version> versions;    // sorted by effective_from, strictly increasing
    std::vector<CapGroup> cap_groups; // sorted by name
    unsigned year_start_month = 1;     // 1-12: contract years start on the 1st of this month
    std::vector<Advance> advances;          // file order
    std::vector<Withholding> withholdings;  // file order
    std::vector<PartyAccount> accounts;     // [accounts], file order; parties not in it get the default

    // The first month of the contract year that contains `period`.
    [[nodiscard]] Period contract_year_start(const Period& period) const;

    [[nodiscard]] const CapGroup* find_cap_group(std::string_view name) const;
    [[nodiscard]] const Party* find_party(std::string_view key) const;
    [[nodiscard]] const Advance* find_advance(std::string_view id) const;
    [[nodiscard]] const Withholding* find_withholding(std::string_view id) const;
    // The rule `rule_id` of version `version_id`; nullptr when there is none.
    [[nodiscard]] const Rule* find_rule(std::string_view version_id, std::string_view rule_id) const;
};

}  // namespace revshare::rules
