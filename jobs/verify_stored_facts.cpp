#include "jobs/verify_stored_facts.hpp"

#include "jobs/adjustments.hpp"
#include "jobs/contracts.hpp"
#include "engine/core/currency.hpp"
#include "engine/core/error.hpp"
#include "engine/core/sha256.hpp"
#include "engine/settle/journal.hpp"
#include "engine/settle/netting.hpp"
#include "engine/settle/segments.hpp"
#include "schema/audit_store.hpp"
#include "schema/close_store.hpp"
#include "schema/contract_change_store.hpp"
#include "schema/contract_store.hpp"
#include "schema/integrity_store.hpp"
#include "schema/settlement_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>
#include <set>
#include <regex>

namespace revshare::app {
namespace {

using Problems = std::vector<std::string>;

void check_contract_texts(schema::Database& db, Problems& problems) {
    SQLite::Statement texts(db.sql(), "SELECT contract_text_id FROM contract_text ORDER BY contract_text_id");
    while (texts.executeStep()) {
        const auto stored = schema::load_contract_text(db, texts.getColumn(0).getInt64());
        if (!stored) continue;
        const std::string sha = Sha256::of(stored->text);
        if (sha == stored->sha256) continue;
        problems.push_back("contract text " + std::to_string(stored->contract_text_id) + " (" + stored->contract_id +
                           ", from " + stored->file_name + "): its text hashes to " + sha + ", not to its recorded sha256 " +
                           stored->sha256 + " (the text was edited)");
    }
}

// A close records the SHA-256 of the contract text its run settled under.
void check_close_contract_hashes(schema::Database& db, Problems& problems) {
    for (const auto& close : schema::load_period_closes(db, "")) {
        const auto run = schema::load_run(db, close.run_id);
        if (!run) continue;  // reported with the chain
        const auto text = schema::load_contract_text(db, run->header.contract_text_id);
        const std::string sha = text ? Sha256::of(text->text) : std::string("(missing)");
        if (sha == close.contract_sha256) continue;
        problems.push_back("closed " + close.contract_id + " " + close.period.to_string() + ": the contract text its run " +
                           std::to_string(close.run_id) + " settled under hashes to " + sha +
                           ", not to the contract_sha256 the close recorded (" + close.contract_sha256 + ")");
    }
}

void check_nets(schema::Database& db, Problems& problems) {
    for (const auto run_id : schema::load_current_run_ids(db)) {
        const auto run = schema::load_run(db, run_id);
        if (!run) continue;
        const std::string difference = net_difference(*run);
        if (difference.empty()) continue;
        problems.push_back("run " + std::to_string(run_id) + " (" + run->header.contract_id + " " +
                           run->header.period.to_string() + "): its net rows are not what its statement rows net to: " +
                           difference);
    }
}

std::string journal_entry_text(const settle::JournalEntry& entry) {
    return entry.party + " " + std::string(settle::journal_account_name(entry.account)) + " " + entry.amount.to_string_min_places(2) + " (to " + entry.counterparty + ", " +
           entry.rule_id + " " + entry.version_id + " from " + format_day(entry.segment_start) + ")";
}

// Each current run's journal against the one its statement rows give (contract.md step 9: two
// entries per row that cancel): a journal rewritten so that it still sums to zero is found.
void check_journals_derived(schema::Database& db, Problems& problems) {
    for (const auto run_id : schema::load_current_run_ids(db)) {
        const auto run = schema::load_run(db, run_id);
        if (!run) continue;
        const auto derived = settle::compute_journal(run->rows);
        const std::string name = "run " + std::to_string(run_id) + " (" + run->header.contract_id + " " +
                                 run->header.period.to_string() + ")";
        if (derived.size() != run->journal.size()) {
            problems.push_back(name + ": its journal has " + std::to_string(run->journal.size()) + " entries; its " +
                               std::to_string(run->rows.size()) + " statement rows give " + std::to_string(derived.size()));
            continue;
        }
        for (std::size_t i = 0; i < derived.size(); ++i) {
            const std::string stored = journal_entry_text(run->journal[i]);
            const std::string expected = journal_entry_text(derived[i]);
            if (stored == expected) continue;
            problems.push_back(name + ": journal entry " + std::to_string(i + 1) + " is not what its statement rows give: "
                               "stored " + stored + ", derived " + expected);
            break;
        }
    }
}

// Every close the audit log saw (each entry's summary names the latest close and its chain
// hash, and the number of closes) is still in period_close.
void check_audited_closes(schema::Database& db, Problems& problems) {
    static const std::regex latest_close("; latest close (\\S+) (\\d{4}-\\d{2}) chain ([0-9a-f]{64})");
    static const std::regex closed_count(", closed (\\d+)");
    const auto closes = schema::load_period_closes(db, "");
    std::map<std::string, std::string> chain_by_close;
    for (const auto& close : closes) chain_by_close[close.contract_id + " " + close.period.to_string()] = close.chain_sha256;
    std::size_t most_closes = 0;
    std::int64_t most_entry = 0;
    std::map<std::string, std::int64_t> reported;
    for (const auto& entry : schema::load_audit_entries(db)) {
        std::smatch match;
        if (std::regex_search(entry.summary, match, closed_count)) {
            const std::size_t count = std::stoull(match[1].str());
            if (count > most_closes) {
                most_closes = count;
                most_entry = entry.entry_id;
            }
        }
        if (!std::regex_search(entry.summary, match, latest_close)) continue;
        const std::string name = match[1].str() + " " + match[2].str();
        const auto found = chain_by_close.find(name);
        if (found != chain_by_close.end() && found->second == match[3].str()) continue;
        if (!reported.emplace(name + " " + match[3].str(), entry.entry_id).second) continue;
        problems.push_back("audit log entry " + std::to_string(entry.entry_id) + " recorded the close of " + name +
                           " with chain sha256 " + match[3].str() + ", which period_close " +
                           (found == chain_by_close.end() ? "no longer holds" : "now records as " + found->second));
    }
    if (most_closes > closes.size()) {
        problems.push_back("audit log entry " + std::to_string(most_entry) + " recorded " + std::to_string(most_closes) +
                           " closed periods; period_close holds " + std::to_string(closes.size()));
    }
}

// The audit log's hash chain, walked from its first entry; the first broken link is named (every
// link after it is broken too). Entries written before migration 0010 have no stored hashes;
// the chain covers them all the same. Every entry from audit_chain_start on has its hashes.
void check_audit_chain(schema::Database& db, Problems& problems) {
    const auto first_hashed = schema::load_first_hashed_entry_id(db);
    if (!first_hashed) {
        problems.push_back("audit_chain_start does not hold its one row (where the audit chain's stored hashes begin): "
                           "it was changed");
        return;
    }
    const auto entries = schema::load_audit_entries(db);
    const std::int64_t next_id = entries.empty() ? 1 : entries.back().entry_id + 1;
    if (*first_hashed > next_id) {
        problems.push_back("audit_chain_start says the stored hashes begin at entry " + std::to_string(*first_hashed) +
                           ", after the last entry (" + std::to_string(next_id - 1) + "): it was changed");
        return;
    }
    std::string chain;
    for (const auto& entry : entries) {
        const std::string name = "audit log entry " + std::to_string(entry.entry_id);
        const bool hashed = !entry.chain_sha256.empty() || !entry.previous_sha256.empty();
        if (hashed != (entry.entry_id >= *first_hashed)) {
            problems.push_back(name + (hashed ? ": it has chain hashes, yet comes before entry " : ": it has no chain hash, "
                                                "yet every entry from ") +
                               std::to_string(*first_hashed) +
                               (hashed ? ", where the stored hashes begin: audit_chain_start or the entry was changed"
                                       : " on is written with one: its hashes were cleared or it was inserted by hand") +
                               " (the first broken link of the audit chain)");
            return;
        }
        if (!hashed) {
            chain = schema::audit_chain_sha256(chain, entry);
            continue;
        }
        if (entry.previous_sha256 != chain) {
            problems.push_back(name + ": it follows chain hash " + entry.previous_sha256 +
                               ", but the entries before it chain to " + chain +
                               ": an entry before it was changed or deleted (the first broken link of the audit chain)");
            return;
        }
        chain = schema::audit_chain_sha256(chain, entry);
        if (entry.chain_sha256 != chain) {
            problems.push_back(name + ": its chain hash " + entry.chain_sha256 + " is not what its fields give (" + chain +
                               "): it was changed (the first broken link of the audit chain)");
            return;
        }
    }
}

// Each current run's statement rows against the segments their period has under the run's
// contract (contract.md step 2): a row's version and dates must be one of them. A closed row's
// segment dates are not in its statement hash, and a later run's adjustments are computed
// against them: edited, they would move money unseen.
void check_row_segments(schema::Database& db, Problems& problems) {
    for (const auto run_id : schema::load_current_run_ids(db)) {
        const auto run = schema::load_run(db, run_id);
        if (!run) continue;
        const auto text = schema::load_contract_text(db, run->header.contract_text_id);
        if (!text || Sha256::of(text->text) != text->sha256) continue;  // reported with the texts
        const rules::Contract contract = parse_stored_contract(*text);
        std::map<Period, std::vector<settle::Segment>> segments_of;
        for (std::size_t i = 0; i < run->rows.size(); ++i) {
            const auto& row = run->rows[i];
            auto found = segments_of.find(row.for_period);
            if (found == segments_of.end()) {
                found = segments_of.emplace(row.for_period, settle::compute_segments(contract, row.for_period)).first;
            }
            // Recoupment and withholding rows belong to no version: they span the whole period.
            const bool whole_period = row.version_id.empty() && (row.kind == settle::RowKind::recoupment ||
                                                                 row.kind == settle::RowKind::withholding);
            const bool known =
                whole_period ? row.segment_start == row.for_period.start() && row.segment_end == row.for_period.end_exclusive()
                             : std::any_of(found->second.begin(), found->second.end(), [&row](const settle::Segment& segment) {
                                   return segment.version->id == row.version_id && segment.start == row.segment_start &&
                                          segment.end_exclusive == row.segment_end;
                               });
            if (known) continue;
            problems.push_back("run " + std::to_string(run_id) + " (" + run->header.contract_id + " " +
                               run->header.period.to_string() + "): statement row " + std::to_string(i + 1) + " (" +
                               row.rule_id + ", version " + row.version_id + ", " + format_day(row.segment_start) +
                               " to " + format_day(row.segment_end) + ") is not a segment of " +
                               row.for_period.to_string() + " under the run's contract: its dates or version were changed");
            break;
        }
    }
}

// A run's cap totals after are its totals before plus the shares its rows added to each group
// (runs stored before migration 0003 did not record their totals before: not checked).
void check_cap_totals(schema::Database& db, Problems& problems) {
    for (const auto run_id : schema::load_current_run_ids(db)) {
        const auto run = schema::load_run(db, run_id);
        if (!run || !run->header.fx_high_water) continue;
        const auto text = schema::load_contract_text(db, run->header.contract_text_id);
        if (!text || Sha256::of(text->text) != text->sha256) continue;  // reported with the texts
        const rules::Contract contract = parse_stored_contract(*text);
        std::map<std::string, Decimal> expected = run->cap_totals_before;
        for (const auto& row : run->rows) {
            if (const auto group = cap_group_of(contract, row)) expected[*group] += row.share;
        }
        std::set<std::string> groups;
        for (const auto& [group, total] : expected) groups.insert(group);
        for (const auto& [group, total] : run->cap_totals_after) groups.insert(group);
        for (const auto& group : groups) {
            const Decimal want = expected.count(group) != 0 ? expected.at(group) : Decimal();
            const Decimal have = run->cap_totals_after.count(group) != 0 ? run->cap_totals_after.at(group) : Decimal();
            if (want == have) continue;
            problems.push_back("run " + std::to_string(run_id) + " (" + run->header.contract_id + " " +
                               run->header.period.to_string() + "): cap group " + group + " totals " + have.to_string() +
                               " after the run, but its total before (" +
                               (run->cap_totals_before.count(group) != 0 ? run->cap_totals_before.at(group).to_string() : "0") +
                               ") and its rows' shares give " + want.to_string());
        }
    }
}

// "year basis msft-share 485000.00, recouped 2027-prepayment -15000.00", or "nothing".
std::string carried_text(const settle::CarriedTotals& carried) {
    std::string text;
    const auto add = [&text](const char* what, const std::map<std::string, Decimal>& totals) {
        for (const auto& [name, total] : totals) {
            text += std::string(text.empty() ? "" : ", ") + what + " " + name + " " + total.to_string();
        }
    };
    add("year basis", carried.year_basis);
    add("year share", carried.year_share);
    add("recouped", carried.recouped);
    return text.empty() ? std::string("nothing") : text;
}

// A closed run's year totals and recouped amounts before are what the closed runs of the
// earlier periods posted (settle::carried_into): its year-to-date tiers, true-ups and
// recoupments used them, and replay reads them back. (An open run may be stale: settle
// refreshes it.)
void check_carried_totals(schema::Database& db, Problems& problems) {
    std::map<std::string, std::vector<settle::PostedRow>> posted;  // per contract, closes in period order
    for (const auto& close : schema::load_period_closes(db, "")) {
        const auto run = schema::load_run(db, close.run_id);
        if (!run) continue;  // reported with the closes
        auto& earlier = posted[close.contract_id];
        const auto text = schema::load_contract_text(db, run->header.contract_text_id);
        if (text && Sha256::of(text->text) == text->sha256) {  // else reported with the texts
            const rules::Contract contract = parse_stored_contract(*text);
            const settle::CarriedTotals derived = settle::carried_into(contract, close.period, earlier);
            if (derived != run->carried_before) {
                problems.push_back("closed run " + std::to_string(close.run_id) + " (" + close.contract_id + " " +
                                   close.period.to_string() + "): it started from " + carried_text(run->carried_before) +
                                   ", but the closed runs before it posted " + carried_text(derived) +
                                   " (run_carried_before or an earlier closed run was changed)");
            }
        }
        for (const auto& row : run->rows) {
            earlier.push_back(settle::PostedRow{close.period, row.kind, row.rule_id, row.basis, row.share});
        }
    }
}

// The retirements and removals (contract_change, migration 0018): each row links to the one
// before it and hashes to its fields, and every count and chain head an audit log entry recorded
// is still there (a row deleted from the end, or the table rewritten, is found).
void check_contract_changes(schema::Database& db, Problems& problems) {
    const auto changes = schema::load_contract_changes(db);
    std::string chain;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const auto& change = changes[i];
        const std::string name = "contract_change row " + std::to_string(change.change_id) + " (" +
                                 schema::contract_change_kind_name(change.kind) + " " + change.contract_id + ")";
        if (change.change_id != static_cast<std::int64_t>(i + 1) || change.previous_sha256 != chain) {
            problems.push_back(name + ": it follows chain hash " + change.previous_sha256 + " as row " +
                               std::to_string(change.change_id) + ", but the rows before it chain to " + chain + " in " +
                               std::to_string(i) + " rows: a row before it was changed, inserted or deleted");
            return;
        }
        chain = schema::contract_change_chain_sha256(chain, change);
        if (change.chain_sha256 != chain) {
            problems.push_back(name + ": its chain hash " + change.chain_sha256 + " is not what its fields give (" + chain +
                               "): it was changed");
            return;
        }
    }
    static const std::regex recorded("; contract changes (\\d+) chain ([0-9a-f]{64})");
    for (const auto& entry : schema::load_audit_entries(db)) {
        std::smatch match;
        if (!std::regex_search(entry.summary, match, recorded)) continue;
        const std::size_t count = std::stoull(match[1].str());
        if (count <= changes.size() && count > 0 && changes[count - 1].chain_sha256 == match[2].str()) continue;
        problems.push_back("audit log entry " + std::to_string(entry.entry_id) + " recorded " + match[1].str() +
                           " contract retirements and removals with chain sha256 " + match[2].str() +
                           ", which contract_change no longer holds (it holds " + std::to_string(changes.size()) +
                           " rows): a retirement or removal was deleted or rewritten");
        return;
    }
}

void check_run_currency_links(schema::Database& db, Problems& problems) {
    for (const auto& run : schema::load_runs_dropped_without_replacement(db)) {
        problems.push_back("run " + std::to_string(run.run_id) + " (" + run.contract_id + " " + run.period +
                           ") is not current, but no run replaced it: its statement no longer counts anywhere");
    }
    for (const auto& run : schema::load_closed_runs_not_current(db)) {
        problems.push_back("closed " + run.contract_id + " " + run.period + ": its run " + std::to_string(run.run_id) +
                           " is not current");
    }
}

std::string net_text(const settle::NetRow& row, int minor_units) {
    return row.from_party + " pays " + row.to_party + " " + row.amount.to_string_min_places(minor_units);
}

}  // namespace

std::string net_difference(const schema::StoredRun& run) {
    const auto derived = settle::compute_net(run.rows);
    const auto& net = run.net;
    const auto currency = Currency::from_code(run.header.currency);
    const int minor_units = currency ? currency->minor_units() : 0;
    std::string text;
    for (std::size_t i = 0; i < std::max(derived.size(), net.size()); ++i) {
        if (i < derived.size() && i < net.size() && derived[i].from_party == net[i].from_party &&
            derived[i].to_party == net[i].to_party && derived[i].amount == net[i].amount) {
            continue;
        }
        const std::string want = i < derived.size() ? net_text(derived[i], minor_units) : "(no row)";
        const std::string have = i < net.size() ? net_text(net[i], minor_units) : "(no row)";
        text += (text.empty() ? "" : "; ") + std::string("stored ") + have + ", derived " + want;
    }
    return text;
}

std::vector<std::string> chain_head_problems(schema::Database& db, const std::vector<std::string>& heads) {
    if (heads.empty()) return {};
    std::set<std::string> held;
    for (const auto& close : schema::load_period_closes(db, "")) held.insert(close.chain_sha256);
    for (const auto& entry : schema::load_audit_entries(db)) held.insert(entry.chain_sha256);
    std::vector<std::string> problems;
    for (const auto& head : heads) {
        if (held.contains(head)) continue;
        problems.push_back("the chain head " + head + " is not in this database (no close's chain_sha256 and no audit "
                           "log entry's chain_sha256 is it): the closes or the audit log it stood for were rewritten or "
                           "removed");
    }
    return problems;
}

std::vector<std::string> stored_fact_problems(schema::Database& db) {
    Problems problems;
    // Database content this version never writes stops a check with an Error (exit 3 in the
    // commands): verify lists it and goes on with the other checks.
    const auto run_check = [&](const char* what, void (*check)(schema::Database&, Problems&)) {
        try {
            check(db, problems);
        } catch (const Error& error) {
            problems.push_back(std::string(what) + " cannot be checked: " + error.what());
        }
    };
    run_check("the contract texts", check_contract_texts);
    run_check("the closes' contract hashes", check_close_contract_hashes);
    run_check("the net rows", check_nets);
    run_check("the journals", check_journals_derived);
    run_check("the statement rows' segments", check_row_segments);
    run_check("the audit log's chain", check_audit_chain);
    run_check("the closes the audit log recorded", check_audited_closes);
    run_check("the cap totals", check_cap_totals);
    run_check("the year totals and advances recouped", check_carried_totals);
    run_check("the current runs", check_run_currency_links);
    run_check("the contract retirements and removals", check_contract_changes);
    return problems;
}

}  // namespace revshare::app
