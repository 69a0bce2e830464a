#include "jobs/contracts.hpp"

#include "runtime/small_file.hpp"

#include "engine/core/error.hpp"
#include "engine/core/sha256.hpp"
#include "engine/rules/contract_parse.hpp"
#include "engine/settle/segments.hpp"
#include "schema/settlement_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

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
                "|max " + optional_decimal(rule.maximum) + "|cap " + rule.cap_group.value_or("-") +
                "|owed " + (rule.owed ? "true" : "false") +
                "|tiers_over " + (rule.tiers_over == rules::TiersOver::period ? "period" : "contract-year") +
                "|annual_minimum " + optional_decimal(rule.annual_minimum);
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

// The same for an advance and a withholding: what a closed period applied of them.
std::string advance_fingerprint(const rules::Advance& advance) {
    std::vector<std::string> from = advance.recoup_from;
    std::sort(from.begin(), from.end());
    std::string text = advance.id + "|" + advance.payer + "|" + advance.payee + "|" + advance.amount.to_string() + "|" +
                       format_day(advance.paid_on);
    for (const auto& id : from) text += "|" + id;
    return text;
}

std::string withholding_fingerprint(const rules::Withholding& withholding) {
    return withholding.id + "|" + withholding.payee + "|" + withholding.authority + "|" +
           withholding.rate.value().to_string() + "|" + (withholding.from ? format_day(*withholding.from) : "-");
}

}  // namespace

rules::Contract parse_stored_contract(const schema::StoredContract& stored) {
    if (Sha256::of(stored.text) != stored.sha256) {
        throw Error("internal invariant failed: stored contract " + stored.contract_id + " (text " +
                        std::to_string(stored.contract_text_id) + ") no longer hashes to its recorded sha256 " +
                        stored.sha256 + ": it was edited in the database; run revshare verify",
                    ExitCode::locked_or_invariant);
    }
    auto parsed = rules::parse_contract(stored.text, stored.file_name);
    if (!parsed.contract) {
        throw Error("internal invariant failed: stored contract " + stored.contract_id + " (text " +
                        std::to_string(stored.contract_text_id) + ") no longer validates: " +
                        (parsed.errors.empty() ? std::string("unknown error") : parsed.errors.front().headline()),
                    ExitCode::locked_or_invariant);
    }
    return std::move(*parsed.contract);
}

namespace {

[[noreturn]] void refuse(const std::string& file_name, const std::string& what) {
    throw Error(file_name + ": refused: " + what + "; what a closed period settled under never changes: add a version "
                "with a later effective_from for new terms, or start a new contract id");
}

[[noreturn]] void refuse_early_version(const rules::Version& version, const std::string& contract_id, const Period& closed,
                                       const std::string& file_name) {
    throw Error(file_name + ": refused: version \"" + version.id + "\" of contract " + contract_id + " takes effect on " +
                format_day(version.effective_from) + ", before the end of closed period " + closed.to_string() +
                "; versions are append-only: a new version must take effect after the last closed period");
}

// Advances paid and withholdings in force by the end of a closed period were applied by it (or
// could have been): they stay exactly as they were, and none is added with such dates.
void check_applied_terms(const rules::Contract& old_contract, const rules::Contract& contract, const Period& period,
                         const std::string& file_name) {
    const std::string closed = "closed period " + period.to_string();
    const Day last_day = period.end_exclusive() - date::days(1);
    const auto applied_advance = [&](const rules::Advance& advance) { return advance.paid_on <= last_day; };
    const auto applied_withholding = [&](const rules::Withholding& w) { return !w.from || *w.from <= last_day; };
    std::map<std::string, std::string> before;
    for (const auto& advance : old_contract.advances) {
        if (applied_advance(advance)) before["advance \"" + advance.id + "\""] = advance_fingerprint(advance);
    }
    for (const auto& withholding : old_contract.withholdings) {
        if (applied_withholding(withholding)) before["withholding \"" + withholding.id + "\""] = withholding_fingerprint(withholding);
    }
    std::map<std::string, std::string> now;
    for (const auto& advance : contract.advances) now["advance \"" + advance.id + "\""] = advance_fingerprint(advance);
    for (const auto& withholding : contract.withholdings) {
        now["withholding \"" + withholding.id + "\""] = withholding_fingerprint(withholding);
    }
    for (const auto& [name, fingerprint] : before) {
        const auto found = now.find(name);
        if (found == now.end()) refuse(file_name, name + ", which " + closed + " applied, is removed");
        if (found->second != fingerprint) refuse(file_name, name + ", which " + closed + " applied, is changed");
    }
    for (const auto& advance : contract.advances) {
        if (applied_advance(advance) && !before.contains("advance \"" + advance.id + "\"")) {
            refuse(file_name, "advance \"" + advance.id + "\" is paid on " + format_day(advance.paid_on) + ", by the end of " +
                                  closed + ", which did not apply it; a new advance is paid after the last closed period");
        }
    }
    for (const auto& withholding : contract.withholdings) {
        if (applied_withholding(withholding) && !before.contains("withholding \"" + withholding.id + "\"")) {
            refuse(file_name, "withholding \"" + withholding.id + "\" applies " +
                                  (withholding.from ? "from " + format_day(*withholding.from) : std::string("always")) +
                                  ", in " + closed + ", which did not apply it; a new withholding starts after the last "
                                  "closed period (from = a later date)");
        }
    }
}

// Terms outside the versions that a closed period settled under (contract.md "Versions are
// append-only"): currency, cost column, the parties its rows name.
void check_contract_terms(const rules::Contract& old_contract, const rules::Contract& contract, const Period& period,
                          const schema::StoredRun& closed_run, const std::string& file_name) {
    const std::string closed = "closed period " + period.to_string();
    if (contract.currency.code() != old_contract.currency.code()) {
        refuse(file_name,
               "currency " + std::string(contract.currency.code()) + " is not " + std::string(old_contract.currency.code()) +
                   ", the currency " + closed + " of contract " + contract.id + " settled in");
    }
    if (contract.cost_column != old_contract.cost_column) {
        refuse(file_name,
               "cost_column " + std::string(cost_column_name(contract.cost_column)) + " is not " +
                   std::string(cost_column_name(old_contract.cost_column)) + ", the cost column " + closed +
                   " of contract " + contract.id + " settled on");
    }
    if (contract.year_start_month != old_contract.year_start_month) {
        refuse(file_name, "year_start_month " + std::to_string(contract.year_start_month) + " is not " +
                              std::to_string(old_contract.year_start_month) + ", the contract year " + closed + " of contract " +
                              contract.id + " settled in");
    }
    check_applied_terms(old_contract, contract, period, file_name);
    std::set<std::string> named;
    for (const auto& row : closed_run.rows) {
        named.insert(row.payer);
        named.insert(row.payee);
    }
    for (const auto& key : named) {
        const rules::Party* before = old_contract.find_party(key);
        const rules::Party* now = contract.find_party(key);
        if (now == nullptr) refuse(file_name, "party \"" + key + "\", named by " + closed + ", is removed");
        if (before != nullptr && now->display_name != before->display_name) {
            refuse(file_name,
                   "party \"" + key + "\", named by " + closed + " as \"" + before->display_name + "\", is renamed \"" +
                       now->display_name + "\"");
        }
    }
}

// The versions in force in a closed period, and where each starts, stay as they were: a
// version added with an effective_from inside it would cut it differently.
void check_segments(const rules::Contract& old_contract, const rules::Contract& contract, const Period& period,
                    const std::string& file_name) {
    const auto before = settle::compute_segments(old_contract, period);
    const auto now = settle::compute_segments(contract, period);
    auto same = [](const settle::Segment& a, const settle::Segment& b) {
        return a.version->id == b.version->id && a.start == b.start && a.end_exclusive == b.end_exclusive;
    };
    if (before.size() == now.size() && std::equal(before.begin(), before.end(), now.begin(), same)) return;
    for (const auto& segment : now) {
        const bool known = std::any_of(before.begin(), before.end(), [&](const settle::Segment& old) { return old.version->id == segment.version->id; });
        if (!known) {
            refuse_early_version(*segment.version, contract.id, period, file_name);
        }
    }
    refuse(file_name, "the versions in force in closed period " + period.to_string() + " change");
}

// A version the closed text did not have takes effect after the last closed period: before it,
// every period counts as closed (those never settled too).
void check_new_versions_after(const rules::Contract& closed_contract, const rules::Contract& contract, const Period& last_closed,
                              const std::string& file_name) {
    for (const auto& version : contract.versions) {
        const bool known = std::any_of(closed_contract.versions.begin(), closed_contract.versions.end(),
                                       [&](const rules::Version& old) { return old.id == version.id; });
        if (known || version.effective_from >= last_closed.end_exclusive()) continue;
        refuse_early_version(version, contract.id, last_closed, file_name);
    }
}

}  // namespace

void check_closed_versions_unchanged(schema::Database& db, const rules::Contract& contract, const std::string& file_name) {
    SQLite::Statement closed(db.sql(),
                             "SELECT c.period, t.contract_text_id, c.run_id FROM period_close c JOIN settlement_run r ON "
                             "r.run_id = c.run_id JOIN contract_text t ON t.contract_text_id = r.contract_text_id "
                             "WHERE c.contract_id = ? ORDER BY c.period");
    closed.bind(1, contract.id);
    std::set<std::string> checked;
    std::optional<std::pair<Period, rules::Contract>> last_closed;
    while (closed.executeStep()) {
        const auto period = Period::parse(closed.getColumn(0).getString());
        const auto old_text = schema::load_contract_text(db, closed.getColumn(1).getInt64());
        const auto closed_run = schema::load_run(db, closed.getColumn(2).getInt64());
        if (!period || !old_text || !closed_run) continue;
        const rules::Contract old_contract = parse_stored_contract(*old_text);
        check_contract_terms(old_contract, contract, *period, *closed_run, file_name);
        // The closed period, and every period its adjustment rows settled (late data of months
        // before it, recomputed under its text): their versions stay as they were.
        std::set<Period> settled{*period};
        for (const auto& row : closed_run->rows) settled.insert(row.for_period);
        for (const auto& used_in : settled) {
            for (const auto& segment : settle::compute_segments(old_contract, used_in)) {
                const rules::Version& used = *segment.version;
                if (!checked.insert(used.id + "@" + used_in.to_string()).second) continue;
                const auto same_id = std::find_if(contract.versions.begin(), contract.versions.end(),
                                                  [&](const rules::Version& v) { return v.id == used.id; });
                if (same_id == contract.versions.end() || version_fingerprint(*same_id) != version_fingerprint(used)) {
                    throw Error(file_name + ": refused: version \"" + used.id + "\" of contract " + contract.id +
                                " was used by closed period " + period->to_string() +
                                (used_in == *period ? std::string() : " (for late data of " + used_in.to_string() + ")") +
                                " and this text " + (same_id == contract.versions.end() ? "removes" : "changes") +
                                " it; versions are append-only: add a new version with a later effective_from instead");
                }
            }
            check_segments(old_contract, contract, used_in, file_name);
        }
        last_closed.emplace(*period, old_contract);
    }
    if (last_closed) check_new_versions_after(last_closed->second, contract, last_closed->first, file_name);
}

std::string read_contract_file(const std::string& path, const std::string& command) {
    return read_small_file(path, 64 * 1024 * 1024, command + ":");
}

}  // namespace revshare::app
