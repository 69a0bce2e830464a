#include "schema/settlement_store.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/currency.hpp"
#include "engine/core/error.hpp"
#include "engine/core/number_limits.hpp"
#include "schema/stored_values.hpp"

#include <SQLiteCpp/Statement.h>

namespace revshare::schema {
namespace {

std::int64_t minor_units(const Decimal& amount, const Currency& currency) {
    const auto minor = amount.to_scaled_int64(currency.minor_units());
    // check_storable ran: every amount is in minor units and below 10^14 (limits.hpp: fits).
    ENGINE_ASSERT(minor.has_value());
    return *minor;
}

std::string amount_text(const Decimal& amount, const Currency& currency) {
    return amount.to_string_min_places(currency.minor_units());
}

// Every amount the run stores is within the amount limit (limits.hpp), so that its minor
// units fit an int64; else the settlement stops here, naming what is too large.
void check_storable(const StoredRun& run, const Currency& currency) {
    const std::string run_name = run.header.contract_id + " " + run.header.period.to_string();
    const auto check = [&](const Decimal& amount, const std::string& what) {
        if (const auto problem = amount_limit_problem(amount)) {
            throw ArithmeticError("settle " + run_name + ": " + what + " is " + amount_text(amount, currency) + " " +
                                  currency.code() + ", " + *problem +
                                  "; nothing was stored for this period (check the costs and FX rates of its lines)");
        }
    };
    for (const auto& row : run.rows) {
        check(row.share, "the " + std::string(settle::row_kind_name(row.kind)) + " share of rule \"" + row.rule_id + "\" (version \"" + row.version_id +
                             "\", " + row.for_period.to_string() + ")");
    }
    for (const auto& row : run.net) check(row.amount, "the net from " + row.from_party + " to " + row.to_party);
    for (const auto& [group, total] : run.cap_totals_after) check(total, "the total of cap group \"" + group + "\"");
}


void check_balanced(const StoredRun& run, const Currency& currency) {
    Decimal sum;  // exact: a sum of many int64 minor amounts could overflow an int64
    for (const auto& entry : run.journal) sum += entry.amount;
    if (!sum.is_zero()) {
        throw Error("internal invariant failed: the journal of " + run.header.contract_id + " " +
                        run.header.period.to_string() + " does not balance (off by " + sum.to_string() + " " +
                        currency.code() + "); nothing was stored",
                    ExitCode::locked_or_invariant);
    }
}

void insert_rows(Database& db, std::int64_t run_id, const StoredRun& run, const Currency& currency) {
    SQLite::Statement insert(db.sql(),
                             "INSERT INTO statement_row (run_id, row_number, kind, for_period, version_id, rule_id, "
                             "payer, payee, currency, segment_start, segment_end, basis, share, share_minor, lines, owed, "
                             "share_before_limits, limited_by, cap_remaining) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    int number = 0;
    for (const auto& row : run.rows) {
        insert.reset();
        insert.bind(1, run_id);
        insert.bind(2, ++number);
        insert.bind(3, std::string(settle::row_kind_name(row.kind)));
        insert.bind(4, row.for_period.to_string());
        insert.bind(5, row.version_id);
        insert.bind(6, row.rule_id);
        insert.bind(7, row.payer);
        insert.bind(8, row.payee);
        insert.bind(9, currency.code());
        insert.bind(10, format_day(row.segment_start));
        insert.bind(11, format_day(row.segment_end));
        insert.bind(12, row.basis.to_string());
        insert.bind(13, amount_text(row.share, currency));
        insert.bind(14, minor_units(row.share, currency));
        insert.bind(15, row.lines);
        insert.bind(16, row.owed ? 1 : 0);
        if (row.share_before_limits) insert.bind(17, amount_text(*row.share_before_limits, currency));
        else insert.bind(17);
        insert.bind(18, row.limited_by.text());
        if (row.cap_remaining) insert.bind(19, amount_text(*row.cap_remaining, currency));
        else insert.bind(19);
        insert.exec();
    }
}

void insert_net_and_journal(Database& db, std::int64_t run_id, const StoredRun& run, const Currency& currency) {
    SQLite::Statement net(db.sql(), "INSERT INTO net_row (run_id, from_party, to_party, currency, amount, amount_minor) "
                                    "VALUES (?,?,?,?,?,?)");
    for (const auto& row : run.net) {
        net.reset();
        net.bind(1, run_id);
        net.bind(2, row.from_party);
        net.bind(3, row.to_party);
        net.bind(4, currency.code());
        net.bind(5, amount_text(row.amount, currency));
        net.bind(6, minor_units(row.amount, currency));
        net.exec();
    }
    SQLite::Statement journal(db.sql(),
                              "INSERT INTO journal_entry (run_id, entry_number, party, counterparty, account, currency, "
                              "amount, amount_minor, rule_id, version_id, segment_start) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    int number = 0;
    for (const auto& entry : run.journal) {
        journal.reset();
        journal.bind(1, run_id);
        journal.bind(2, ++number);
        journal.bind(3, entry.party);
        journal.bind(4, entry.counterparty);
        journal.bind(5, std::string(settle::journal_account_name(entry.account)));
        journal.bind(6, currency.code());
        journal.bind(7, amount_text(entry.amount, currency));
        journal.bind(8, minor_units(entry.amount, currency));
        journal.bind(9, entry.rule_id);
        journal.bind(10, entry.version_id);
        journal.bind(11, format_day(entry.segment_start));
        journal.exec();
    }
}

// `table` is one of two fixed names (run_cap_total, run_cap_before), never user input.
void insert_cap_totals(Database& db, const std::string& table, std::int64_t run_id, const std::map<std::string, Decimal>& totals) {
    SQLite::Statement caps(db.sql(), "INSERT INTO " + table + " (run_id, cap_group, total) VALUES (?,?,?)");
    for (const auto& [group, total] : totals) {
        caps.reset();
        caps.bind(1, run_id);
        caps.bind(2, group);
        caps.bind(3, total.to_string());
        caps.exec();
    }
}

std::map<std::string, Decimal> load_cap_totals(Database& db, const std::string& table, std::int64_t run_id) {
    SQLite::Statement caps(db.sql(), "SELECT cap_group, total FROM " + table + " WHERE run_id = ? ORDER BY cap_group");
    caps.bind(1, run_id);
    std::map<std::string, Decimal> totals;
    while (caps.executeStep()) totals.emplace(caps.getColumn(0).getString(),
                                             stored_decimal(caps.getColumn(1).getString(), table + ".total of run " + std::to_string(run_id)));
    return totals;
}

RunHeader read_header(SQLite::Statement& query) {
    RunHeader header;
    header.run_id = query.getColumn(0).getInt64();
    header.contract_id = query.getColumn(1).getString();
    header.period = stored_period(query.getColumn(2).getString(), "settlement_run.period of run " + std::to_string(header.run_id));
    header.contract_text_id = query.getColumn(3).getInt64();
    header.currency = query.getColumn(4).getString();
    header.inputs_sha256 = query.getColumn(5).getString();
    header.import_high_water = query.getColumn(6).getInt64();
    header.statement_sha256 = query.getColumn(7).getString();
    header.settled_at = query.getColumn(8).getString();
    if (!query.getColumn(9).isNull()) header.fx_high_water = query.getColumn(9).getInt64();
    header.statement_columns = query.getColumn(10).getInt();
    return header;
}

constexpr const char* header_columns =
    "run_id, contract_id, period, contract_text_id, currency, inputs_sha256, import_high_water, statement_sha256, "
    "settled_at, fx_high_water, statement_columns";

// The three measures of settle::CarriedTotals as run_carried_before names them.
struct CarriedMeasure {
    const char* name;
    std::map<std::string, Decimal> settle::CarriedTotals::*totals;
};
constexpr CarriedMeasure carried_measures[] = {
    {"year_basis", &settle::CarriedTotals::year_basis},
    {"year_share", &settle::CarriedTotals::year_share},
    {"recouped", &settle::CarriedTotals::recouped},
};

void insert_carried_before(Database& db, std::int64_t run_id, const settle::CarriedTotals& carried) {
    SQLite::Statement insert(db.sql(), "INSERT INTO run_carried_before (run_id, measure, name, total) VALUES (?,?,?,?)");
    for (const auto& measure : carried_measures) {
        for (const auto& [name, total] : carried.*measure.totals) {
            insert.reset();
            insert.bind(1, run_id);
            insert.bind(2, measure.name);
            insert.bind(3, name);
            insert.bind(4, total.to_string());
            insert.exec();
        }
    }
}

settle::CarriedTotals load_carried_before(Database& db, std::int64_t run_id) {
    settle::CarriedTotals carried;
    SQLite::Statement query(db.sql(), "SELECT measure, name, total FROM run_carried_before WHERE run_id = ? ORDER BY measure, name");
    query.bind(1, run_id);
    const std::string where = "run_carried_before.total of run " + std::to_string(run_id);
    while (query.executeStep()) {
        const std::string measure = query.getColumn(0).getString();
        for (const auto& known : carried_measures) {
            if (measure == known.name) {
                (carried.*known.totals)[query.getColumn(1).getString()] = stored_decimal(query.getColumn(2).getString(), where);
            }
        }
    }
    return carried;
}

void load_run_body(Database& db, StoredRun& run);
settle::RowKind stored_row_kind(const std::string& text, const std::string& where);

}  // namespace

std::int64_t store_run(Database& db, const StoredRun& run, const std::vector<std::int64_t>& import_ids) {
    const auto currency = Currency::from_code(run.header.currency);
    ENGINE_ASSERT(currency.has_value());  // the contract's currency, validated when it was added
    check_storable(run, *currency);
    check_balanced(run, *currency);
    SQLite::Statement insert(db.sql(),
                             "INSERT INTO settlement_run (contract_id, period, contract_text_id, currency, inputs_sha256, "
                             "import_high_water, statement_sha256, settled_at, fx_high_water, statement_columns) "
                             "VALUES (?,?,?,?,?,?,?,?,?,?)");
    insert.bind(1, run.header.contract_id);
    insert.bind(2, run.header.period.to_string());
    insert.bind(3, run.header.contract_text_id);
    insert.bind(4, run.header.currency);
    insert.bind(5, run.header.inputs_sha256);
    insert.bind(6, run.header.import_high_water);
    insert.bind(7, run.header.statement_sha256);
    insert.bind(8, run.header.settled_at);
    if (run.header.fx_high_water) insert.bind(9, *run.header.fx_high_water);
    else insert.bind(9);
    insert.bind(10, run.header.statement_columns);
    // The unique index allows one current run: retire the old one first, then link it.
    SQLite::Statement old(db.sql(), "SELECT run_id FROM settlement_run WHERE contract_id = ? AND period = ? AND is_current = 1");
    old.bind(1, run.header.contract_id);
    old.bind(2, run.header.period.to_string());
    const std::optional<std::int64_t> old_run_id =
        old.executeStep() ? std::optional<std::int64_t>(old.getColumn(0).getInt64()) : std::nullopt;
    old.reset();
    if (old_run_id) {
        SQLite::Statement retire(db.sql(), "UPDATE settlement_run SET is_current = 0 WHERE run_id = ?");
        retire.bind(1, *old_run_id);
        retire.exec();
    }
    insert.exec();
    const std::int64_t run_id = db.sql().getLastInsertRowid();
    if (old_run_id) {
        SQLite::Statement link(db.sql(), "UPDATE settlement_run SET replaced_by = ? WHERE run_id = ?");
        link.bind(1, run_id);
        link.bind(2, *old_run_id);
        link.exec();
    }
    insert_rows(db, run_id, run, *currency);
    insert_net_and_journal(db, run_id, run, *currency);
    insert_cap_totals(db, "run_cap_total", run_id, run.cap_totals_after);
    insert_cap_totals(db, "run_cap_before", run_id, run.cap_totals_before);
    insert_carried_before(db, run_id, run.carried_before);
    SQLite::Statement adjusted(db.sql(), "INSERT INTO run_adjusted_period (run_id, for_period, closed_run_id) VALUES (?,?,?)");
    for (const auto& period : run.adjusted_periods) {
        adjusted.reset();
        adjusted.bind(1, run_id);
        adjusted.bind(2, period.for_period.to_string());
        if (period.closed_run_id) {
            adjusted.bind(3, *period.closed_run_id);
        } else {
            adjusted.bind(3);  // NULL: never settled, closed with no rows
        }
        adjusted.exec();
    }
    SQLite::Statement used(db.sql(), "INSERT INTO run_import (run_id, import_id) VALUES (?,?)");
    for (const auto import_id : import_ids) {
        used.reset();
        used.bind(1, run_id);
        used.bind(2, import_id);
        used.exec();
    }
    return run_id;
}

void retire_runs_out_of_order(Database& db, const std::vector<std::int64_t>& run_ids, std::int64_t replaced_by) {
    SQLite::Statement retire(db.sql(), "UPDATE settlement_run SET is_current = 0, replaced_by = ? WHERE run_id = ? AND is_current = 1");
    for (const auto run_id : run_ids) {
        retire.reset();
        retire.bind(1, replaced_by);
        retire.bind(2, run_id);
        retire.exec();
    }
}

std::optional<StoredRun> load_run(Database& db, std::int64_t run_id) {
    SQLite::Statement query(db.sql(), std::string("SELECT ") + header_columns + " FROM settlement_run WHERE run_id = ?");
    query.bind(1, run_id);
    if (!query.executeStep()) return std::nullopt;
    StoredRun run;
    run.header = read_header(query);
    load_run_body(db, run);
    return run;
}

std::optional<StoredRun> load_current_run(Database& db, const std::string& contract_id, const Period& period) {
    SQLite::Statement query(db.sql(), std::string("SELECT ") + header_columns +
                                          " FROM settlement_run WHERE contract_id = ? AND period = ? AND is_current = 1");
    query.bind(1, contract_id);
    query.bind(2, period.to_string());
    if (!query.executeStep()) return std::nullopt;
    StoredRun run;
    run.header = read_header(query);
    load_run_body(db, run);
    return run;
}

std::vector<RunHeader> load_current_run_headers(Database& db, const std::string& contract_id) {
    SQLite::Statement query(db.sql(), std::string("SELECT ") + header_columns +
                                          " FROM settlement_run WHERE contract_id = ? AND is_current = 1 ORDER BY period");
    query.bind(1, contract_id);
    std::vector<RunHeader> headers;
    while (query.executeStep()) headers.push_back(read_header(query));
    return headers;
}

std::vector<settle::PostedRow> load_rows_posted_before(Database& db, const std::string& contract_id, const Period& period) {
    SQLite::Statement query(db.sql(),
                            "SELECT r.period, s.kind, s.rule_id, s.basis, s.share FROM settlement_run r JOIN statement_row s "
                            "ON s.run_id = r.run_id WHERE r.contract_id = ? AND r.period < ? AND r.is_current = 1 "
                            "ORDER BY r.period, s.row_number");
    query.bind(1, contract_id);
    query.bind(2, period.to_string());
    std::vector<settle::PostedRow> rows;
    while (query.executeStep()) {
        const std::string where = "statement_row of " + contract_id + " " + query.getColumn(0).getString();
        rows.push_back(settle::PostedRow{stored_period(query.getColumn(0).getString(), "settlement_run.period of " + contract_id),
                                         stored_row_kind(query.getColumn(1).getString(), where + " kind"),
                                         query.getColumn(2).getString(),
                                         stored_decimal(query.getColumn(3).getString(), where + " basis"),
                                         stored_decimal(query.getColumn(4).getString(), where + " share")});
    }
    return rows;
}

std::map<std::string, Decimal> load_cap_totals_before(Database& db, const std::string& contract_id, const Period& period) {
    SQLite::Statement query(db.sql(),
                            "SELECT c.cap_group, c.total FROM run_cap_total c WHERE c.run_id = (SELECT run_id FROM "
                            "settlement_run WHERE contract_id = ? AND period < ? AND is_current = 1 ORDER BY period "
                            "DESC LIMIT 1) ORDER BY c.cap_group");
    query.bind(1, contract_id);
    query.bind(2, period.to_string());
    std::map<std::string, Decimal> totals;
    while (query.executeStep()) {
        totals.emplace(query.getColumn(0).getString(),
                       stored_decimal(query.getColumn(1).getString(), "run_cap_total.total of " + contract_id));
    }
    return totals;
}

namespace {

settle::RowKind stored_row_kind(const std::string& text, const std::string& where) {
    const auto kind = settle::row_kind_from_name(text);
    if (!kind) throw_invalid_content(where, text, "current, adjustment, true-up, advance, recoupment or withholding");
    return *kind;
}

settle::JournalAccount stored_journal_account(const std::string& text, const std::string& where) {
    const auto account = settle::journal_account_from_name(text);
    if (!account) throw_invalid_content(where, text, "payable or receivable");
    return *account;
}

settle::LimitedBy stored_limited_by(const std::string& text, const std::string& where) {
    const auto limited = settle::LimitedBy::from_text(text);
    if (!limited) throw_invalid_content(where, text, "'minimum', 'maximum' and 'cap' joined by ';' in that order, or empty");
    return *limited;
}

std::optional<Decimal> stored_optional_decimal(const SQLite::Column& column, const std::string& where) {
    if (column.isNull()) return std::nullopt;
    return stored_decimal(column.getString(), where);
}

void load_run_body(Database& db, StoredRun& run) {
    SQLite::Statement rows(db.sql(), "SELECT kind, for_period, version_id, rule_id, payer, payee, segment_start, "
                                     "segment_end, basis, share, lines, owed, share_before_limits, limited_by, cap_remaining "
                                     "FROM statement_row WHERE run_id = ? ORDER BY row_number");
    rows.bind(1, run.header.run_id);
    const std::string of_run = " of run " + std::to_string(run.header.run_id);
    const std::string row_place = "statement_row.";
    while (rows.executeStep()) {
        settle::StatementRow row{.kind = stored_row_kind(rows.getColumn(0).getString(), row_place + "kind" + of_run),
                                 .for_period = stored_period(rows.getColumn(1).getString(), row_place + "for_period" + of_run),
                                 .version_id = rows.getColumn(2).getString(),
                                 .rule_id = rows.getColumn(3).getString(),
                                 .payer = rows.getColumn(4).getString(),
                                 .payee = rows.getColumn(5).getString(),
                                 .segment_start = stored_day(rows.getColumn(6).getString(), row_place + "segment_start" + of_run),
                                 .segment_end = stored_end_day(rows.getColumn(7).getString(), row_place + "segment_end" + of_run),
                                 .basis = stored_decimal(rows.getColumn(8).getString(), row_place + "basis" + of_run),
                                 .share = stored_decimal(rows.getColumn(9).getString(), row_place + "share" + of_run),
                                 .lines = rows.getColumn(10).getInt64(),
                                 .owed = rows.getColumn(11).getInt64() != 0,
                                 .share_before_limits = stored_optional_decimal(rows.getColumn(12), row_place + "share_before_limits" + of_run),
                                 .limited_by = stored_limited_by(rows.getColumn(13).getString(), row_place + "limited_by" + of_run),
                                 .cap_remaining = stored_optional_decimal(rows.getColumn(14), row_place + "cap_remaining" + of_run)};
        // A 12-column statement (stored before migration 0015) hashes none of the explanation
        // columns: they must be what 0015 gave those rows, or an edit of `owed` would move the
        // net with nothing to detect it.
        if (run.header.statement_columns == 12 &&
            (!row.owed || row.share_before_limits || row.limited_by.any() || row.cap_remaining)) {
            throw_invalid_content(row_place + "owed/share_before_limits/limited_by/cap_remaining" + of_run,
                                  row.owed ? "an explanation" : "owed = 0",
                                  "owed = 1 and no explanation on a run stored before migration 0015 (12-column statement)");
        }
        run.rows.push_back(std::move(row));
    }
    SQLite::Statement net(db.sql(), "SELECT from_party, to_party, amount FROM net_row WHERE run_id = ? "
                                    "ORDER BY from_party, to_party");
    net.bind(1, run.header.run_id);
    while (net.executeStep()) {
        run.net.push_back(settle::NetRow{net.getColumn(0).getString(), net.getColumn(1).getString(),
                                         stored_decimal(net.getColumn(2).getString(), "net_row.amount" + of_run)});
    }
    SQLite::Statement journal(db.sql(), "SELECT party, counterparty, account, amount, rule_id, version_id, segment_start "
                                        "FROM journal_entry WHERE run_id = ? ORDER BY entry_number");
    journal.bind(1, run.header.run_id);
    while (journal.executeStep()) {
        run.journal.push_back(settle::JournalEntry{journal.getColumn(0).getString(), journal.getColumn(1).getString(),
                                                   stored_journal_account(journal.getColumn(2).getString(),
                                                                          "journal_entry.account" + of_run),
                                                   stored_decimal(journal.getColumn(3).getString(), "journal_entry.amount" + of_run),
                                                   journal.getColumn(4).getString(), journal.getColumn(5).getString(),
                                                   stored_day(journal.getColumn(6).getString(), "journal_entry.segment_start" + of_run)});
    }
    run.cap_totals_after = load_cap_totals(db, "run_cap_total", run.header.run_id);
    run.cap_totals_before = load_cap_totals(db, "run_cap_before", run.header.run_id);
    run.carried_before = load_carried_before(db, run.header.run_id);
    SQLite::Statement adjusted(db.sql(), "SELECT for_period, closed_run_id FROM run_adjusted_period WHERE run_id = ? "
                                         "ORDER BY for_period");
    adjusted.bind(1, run.header.run_id);
    while (adjusted.executeStep()) {
        const auto closed_run = adjusted.getColumn(1);
        run.adjusted_periods.push_back(AdjustedPeriod{
            stored_period(adjusted.getColumn(0).getString(), "run_adjusted_period.for_period" + of_run),
            closed_run.isNull() ? std::nullopt : std::optional<std::int64_t>(closed_run.getInt64())});
    }
}

}  // namespace
}  // namespace revshare::schema
