#include "engine/rules/contract.hpp"

#include <algorithm>

namespace revshare::rules {

bool MatchTable::has_charge_category_key() const {
    return std::any_of(keys.begin(), keys.end(),
                       [](const auto& key) { return key.first == TextColumn::ChargeCategory; });
}

const CapGroup* Contract::find_cap_group(std::string_view group_name) const {
    const auto found = std::find_if(cap_groups.begin(), cap_groups.end(),
                                    [&](const CapGroup& group) { return group.name == group_name; });
    return found == cap_groups.end() ? nullptr : &*found;
}

const Party* Contract::find_party(std::string_view key) const {
    const auto found = std::find_if(parties.begin(), parties.end(), [&](const Party& party) { return party.key == key; });
    return found == parties.end() ? nullptr : &*found;
}

const Advance* Contract::find_advance(std::string_view advance_id) const {
    const auto found = std::find_if(advances.begin(), advances.end(),
                                    [&](const Advance& advance) { return advance.id == advance_id; });
    return found == advances.end() ? nullptr : &*found;
}

const Withholding* Contract::find_withholding(std::string_view withholding_id) const {
    const auto found = std::find_if(withholdings.begin(), withholdings.end(),
                                    [&](const Withholding& withholding) { return withholding.id == withholding_id; });
    return found == withholdings.end() ? nullptr : &*found;
}

const Rule* Contract::find_rule(std::string_view version_id, std::string_view rule_id) const {
    for (const Version& version : versions) {
        if (version.id != version_id) continue;
        for (const Rule& rule : version.rules) {
            if (rule.id == rule_id) return &rule;
        }
    }
    return nullptr;
}

Period Contract::contract_year_start(const Period& period) const {
    Period start = period;
    while (static_cast<unsigned>(start.month().month()) != year_start_month) start = start.previous();
    return start;
}

}  // namespace revshare::rules
