#include "schema/fx_store.hpp"

#include "schema/stored_values.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace revshare::schema {
FxStoreResult store_fx_rates(Database& db, const std::vector<FxRate>& rates, const std::string& file_name) {
    FxStoreResult result;
    SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
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
    if (result.conflicts.empty()) transaction.commit();
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

}  // namespace revshare::schema
