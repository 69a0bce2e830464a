#include "schema/database.hpp"

#include "engine/core/error.hpp"

#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <array>
#include <string_view>

namespace revshare::schema {
namespace {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

constexpr Migration migrations[] = {
#include "schema/migrations.inc"
};

constexpr int busy_timeout_ms = 10'000;

}  // namespace

Database::Database(const std::filesystem::path& path) : path_(path) {
    try {
        db_ = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db_->setBusyTimeout(busy_timeout_ms);
        db_->exec("PRAGMA journal_mode = WAL");
        db_->exec("PRAGMA foreign_keys = ON");
        db_->exec("PRAGMA synchronous = NORMAL");
    } catch (const SQLite::Exception& e) {
        throw Error("cannot open database " + path.string() + ": " + e.what(),
                    e.getErrorCode() == SQLITE_BUSY ? ExitCode::locked_or_invariant : ExitCode::bad_input);
    }
    migrate();
}

std::filesystem::path Database::archive_dir() const {
    return path_.parent_path() / (path_.filename().string() + ".archive");
}

int Database::schema_version() { return db_->execAndGet("PRAGMA user_version").getInt(); }

int Database::latest_schema_version() { return std::end(migrations)[-1].version; }

void Database::migrate() {
    const int current = schema_version();
    if (current > latest_schema_version()) {
        throw Error("database " + path_.string() + " has schema version " + std::to_string(current) +
                    ", newer than this revshare understands (" + std::to_string(latest_schema_version()) +
                    "); use a newer revshare");
    }
    if (current == latest_schema_version()) return;
    try {
        // One transaction for all pending migrations: a killed migration leaves the old schema.
        db_->exec("BEGIN IMMEDIATE");
        for (const Migration& migration : migrations) {
            if (migration.version <= schema_version()) continue;
            db_->exec(std::string(migration.sql));
            db_->exec("PRAGMA user_version = " + std::to_string(migration.version));
        }
        db_->exec("COMMIT");
    } catch (const SQLite::Exception& e) {
        try { db_->exec("ROLLBACK"); } catch (const SQLite::Exception&) {}
        throw Error("cannot migrate database " + path_.string() + ": " + e.what(),
                    e.getErrorCode() == SQLITE_BUSY ? ExitCode::locked_or_invariant : ExitCode::bad_input);
    }
}

}  // namespace revshare::schema
