#include "schema/fx_store.hpp"

#include "engine/core/error.hpp"
#include "schema/stored_values.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "engine/core/sha256.hpp"

#include <limits>
#include <map>

namespace revshare::schema {
FxStoreResult store_fx_rates(Database& db, const std::vector<FxRate>& rates, const std::string& file_name) {
    FxStoreResult result;
    SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    // A new seal would cover a rate edited, deleted or added by hand: refused until verify's
    // finding is dealt with.
    if (const auto problems = fx_seal_problems(db); !problems.empty()) {
        throw Error(file_name + ": refused: " + problems.front() + "; no rate was stored; run revshare verify",
                    ExitCode::locked_or_invariant);
    }
    SQLite::Statement find(db.sql(), "SELECT rate FROM fx_rate WHERE rate_date = ? AND base = ? AND quote = ?");
    SQLite::Statement insert(db.sql(),
                             "INSERT INTO fx_rate (rate_date, base, quote, rate, file_name) VALUES (?,?,?,?,?)");
    for (const auto& rate : rates) {
        const std::string day = format_day(rate.date);
        find.reset();
        find.bind(1, day);
        find.bind(2, rate.base);
        find.bind(3, rate.quote);
        if (find.executeStep()) {
            const Decimal stored = stored_decimal(find.getColumn(0).getString(), "fx_rate.rate of " + day + " " + rate.base + "/" + rate.quote);
            if (stored == rate.rate) {
                ++result.already_stored;
            } else {
                result.conflicts.push_back(FxConflict{FxRate{rate.date, rate.base, rate.quote, stored}, rate});
            }
            continue;
        }
        insert.reset();
        insert.bind(1, day);
        insert.bind(2, rate.base);
        insert.bind(3, rate.quote);
        insert.bind(4, rate.rate.to_string());
        insert.bind(5, file_name);
        insert.exec();
        ++result.added;
    }
    if (result.conflicts.empty()) {
        if (result.added > 0) seal_fx_rates(db.sql());
        transaction.commit();
    }
    return result;
}

std::vector<FxRate> load_fx_rates(Database& db) { return load_fx_rates_up_to(db, load_fx_high_water(db)); }

std::int64_t load_fx_high_water(Database& db) {
    return db.sql().execAndGet("SELECT coalesce(max(rowid), 0) FROM fx_rate").getInt64();
}

std::vector<FxRate> load_fx_rates_up_to(Database& db, std::int64_t rowid_high_water) {
    SQLite::Statement query(db.sql(), "SELECT rate_date, base, quote, rate FROM fx_rate WHERE rowid <= ? "
                                      "ORDER BY base, quote, rate_date");
    query.bind(1, rowid_high_water);
    std::vector<FxRate> rates;
    while (query.executeStep()) {
        const std::string text = query.getColumn(0).getString();
        const std::string pair = query.getColumn(1).getString() + "/" + query.getColumn(2).getString();
        const Day day = stored_day(text, "fx_rate.rate_date of " + pair);
        const Decimal rate = stored_decimal(query.getColumn(3).getString(), "fx_rate.rate of " + text + " " + pair);
        // FxTable holds only rates > 0 (fx import refuses the others).
        if (rate.sign() <= 0) throw_invalid_content("fx_rate.rate of " + text + " " + pair, rate.to_string(), "a rate > 0");
        rates.push_back(FxRate{day, query.getColumn(1).getString(), query.getColumn(2).getString(), rate});
    }
    return rates;
}

std::vector<FxRate> load_fx_rates_in_stored_order(Database& db, std::int64_t rowid_high_water) {
    SQLite::Statement query(db.sql(), "SELECT rate_date, base, quote, rate FROM fx_rate WHERE rowid <= ? ORDER BY rowid");
    query.bind(1, rowid_high_water);
    std::vector<FxRate> rates;
    while (query.executeStep()) {
        const std::string text = query.getColumn(0).getString();
        const std::string pair = query.getColumn(1).getString() + "/" + query.getColumn(2).getString();
        rates.push_back(FxRate{stored_day(text, "fx_rate.rate_date of " + pair), query.getColumn(1).getString(),
                               query.getColumn(2).getString(),
                               stored_decimal(query.getColumn(3).getString(), "fx_rate.rate of " + text + " " + pair)});
    }
    return rates;
}

namespace {

constexpr const char* seal_rows_sql = "SELECT rowid, rate_date, base, quote, rate FROM fx_rate ORDER BY rowid";

// One row as the seal hashes it: "rowid,date,base,quote,rate\n".
std::string seal_row(SQLite::Statement& rows) {
    return std::to_string(rows.getColumn(0).getInt64()) + "," + rows.getColumn(1).getString() + "," +
           rows.getColumn(2).getString() + "," + rows.getColumn(3).getString() + "," + rows.getColumn(4).getString() + "\n";
}

std::map<std::int64_t, std::string> load_fx_seals(SQLite::Database& db) {
    std::map<std::int64_t, std::string> seals;
    SQLite::Statement query(db, "SELECT through_rowid, sha256 FROM fx_rate_seal ORDER BY through_rowid");
    while (query.executeStep()) seals.emplace(query.getColumn(0).getInt64(), query.getColumn(1).getString());
    return seals;
}

// The rows so far, hashed on demand: seals are few (one per fx import), rows a few thousand.
class RunningSeal {
public:
    void add(const std::string& row) { text_ += row; }
    [[nodiscard]] std::string digest() const { return Sha256::of(text_); }

private:
    std::string text_ = "revshare fx seal v1\n";
};

}  // namespace

std::vector<std::string> fx_seal_problems(Database& db) {
    const auto seals = load_fx_seals(db.sql());
    std::vector<std::string> problems;
    SQLite::Statement rows(db.sql(), seal_rows_sql);
    RunningSeal seal;
    std::int64_t last_rowid = 0;
    auto next_seal = seals.begin();
    const auto check_seals_through = [&](std::int64_t rowid) {
        for (; next_seal != seals.end() && next_seal->first <= rowid; ++next_seal) {
            if (next_seal->first != rowid || seal.digest() != next_seal->second) {
                problems.push_back("fx_rate: the rates stored up to row " + std::to_string(next_seal->first) +
                                   " no longer give the seal fx import recorded (a rate was edited, deleted or added by "
                                   "hand)");
            }
        }
    };
    while (rows.executeStep()) {
        const std::int64_t rowid = rows.getColumn(0).getInt64();
        check_seals_through(rowid - 1);
        seal.add(seal_row(rows));
        check_seals_through(rowid);
        last_rowid = rowid;
    }
    check_seals_through(std::numeric_limits<std::int64_t>::max());
    const std::int64_t sealed = seals.empty() ? 0 : seals.rbegin()->first;
    if (last_rowid > sealed) {
        problems.push_back("fx_rate: rates were stored after the last seal (rows " + std::to_string(sealed + 1) + " to " +
                           std::to_string(last_rowid) + "): added by hand, not by fx import");
    }
    return problems;
}

void seal_fx_rates(SQLite::Database& db) {
    RunningSeal seal;
    std::int64_t last_rowid = 0;
    SQLite::Statement rows(db, seal_rows_sql);
    while (rows.executeStep()) {
        last_rowid = rows.getColumn(0).getInt64();
        seal.add(seal_row(rows));
    }
    if (last_rowid == 0) return;
    SQLite::Statement insert(db, "INSERT OR IGNORE INTO fx_rate_seal (through_rowid, sha256) VALUES (?, ?)");
    insert.bind(1, last_rowid);
    insert.bind(2, seal.digest());
    insert.exec();
}

}  // namespace revshare::schema
