#include "app/contracts.hpp"

#include "engine/core/error.hpp"
#include "engine/rules/contract_parse.hpp"
#include "engine/settle/segments.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <set>

namespace revshare::app {
namespace {

// A canonical text of everything a version says, to tell whether two texts of a contract
// define the same version.
std::string version_fingerprint(const rules::Version& version) {
    std::string text = version.id + "|" + format_day(version.effective_from);
    auto optional_decimal = [](const std::optional<Decimal>& value) { return value ? value->to_string() : "-"; };
    for (const auto& rule : version.rules) {
        text += "\nrule " + rule.id + "|" + rule.payer + "|" + rule.payee + "|rate " +
                (rule.rate ? rule.rate->value().to_string() : "-") + "|min " + optional_decimal(rule.minimum) +
                "|max " + optional_decimal(rule.maximum) + "|cap " + rule.cap_group.value_or("-");
        for (const auto& tier : rule.tiers) text += "|tier " + optional_decimal(tier.up_to) + "@" + tier.rate.value().to_string();
        for (const auto& id : rule.net_of) text += "|net_of " + id;
        for (const auto& table : rule.match) {
            text += "|match";
            for (const auto& [column, patterns] : table.keys) {
                text += " " + std::string(text_column_name(column)) + "=";
                for (const auto& pattern : patterns) text += "[" + pattern + "]";
            }
        }
    }
    return text;
}

}  // namespace

rules::Contract parse_stored_contract(const schema::StoredContract& stored) {
    auto parsed = rules::parse_contract(stored.text, stored.file_name);
    if (!parsed.contract) {
        throw Error("internal invariant failed: stored contract " + stored.contract_id + " (text " +
                        std::to_string(stored.contract_text_id) + ") no longer validates: " +
                        (parsed.errors.empty() ? std::string("unknown error") : parsed.errors.front().headline()),
                    ExitCode::locked_or_invariant);
    }
    return std::move(*parsed.contract);
}

void check_closed_versions_unchanged(schema::Database& db, const rules::Contract& contract, const std::string& file_name) {
    SQLite::Statement closed(db.sql(),
                             "SELECT c.period, t.contract_text_id FROM period_close c JOIN settlement_run r ON "
                             "r.run_id = c.run_id JOIN contract_text t ON t.contract_text_id = r.contract_text_id "
                             "WHERE c.contract_id = ? ORDER BY c.period");
    closed.bind(1, contract.id);
    std::set<std::string> checked;
    while (closed.executeStep()) {
        const auto period = Period::parse(closed.getColumn(0).getString());
        const auto old_text = schema::load_contract_text(db, closed.getColumn(1).getInt64());
        if (!period || !old_text) continue;
        const rules::Contract old_contract = parse_stored_contract(*old_text);
        for (const auto& segment : settle::compute_segments(old_contract, *period)) {
            const rules::Version& used = *segment.version;
            if (!checked.insert(used.id + "@" + period->to_string()).second) continue;
            const auto same_id = std::find_if(contract.versions.begin(), contract.versions.end(),
                                              [&](const rules::Version& v) { return v.id == used.id; });
            if (same_id == contract.versions.end() || version_fingerprint(*same_id) != version_fingerprint(used)) {
                throw Error(file_name + ": refused: version \"" + used.id + "\" of contract " + contract.id +
                            " was used by closed period " + period->to_string() + " and this text " +
                            (same_id == contract.versions.end() ? "removes" : "changes") +
                            " it; versions are append-only: add a new version with a later effective_from instead");
            }
        }
    }
}

}  // namespace revshare::app
