#include "schema/database.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"
#include "schema/event_key_hash.hpp"
#include "schema/fx_store.hpp"

#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <array>
#include <chrono>
#include <thread>
#include <string_view>
#include <utility>
#include <vector>

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

// Migration 0017: the key hash of every event version stored before it.
void hash_event_keys(SQLite::Database& db) {
    std::vector<std::pair<std::int64_t, std::int64_t>> hashes;  // (line id, hash): read first, then written
    SQLite::Statement keys(db, "SELECT line_id, event_key FROM event_line");
    while (keys.executeStep()) hashes.emplace_back(keys.getColumn(0).getInt64(), event_key_hash(keys.getColumn(1).getString()));
    SQLite::Statement update(db, "UPDATE event_line SET key_hash = ? WHERE line_id = ?");
    for (const auto& [line_id, hash] : hashes) {
        update.reset();
        update.bind(1, hash);
        update.bind(2, line_id);
        update.exec();
    }
}

// SQLite's allocation statistics take a global mutex on every malloc; nothing reads them.
// Must run before SQLite initialises (the first connection opened in the process).
const bool memory_statistics_off = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);  // SQLITE_MISUSE if already initialised: harmless
    return true;
}();

// Two processes creating the same new database at once: switching it to WAL needs an
// exclusive lock, and SQLite answers SQLITE_BUSY at once, without its busy handler, where
// waiting could deadlock (each holding a shared lock). So wait here, as the busy timeout says.
void set_wal_mode(SQLite::Database& db) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(Database::busy_timeout_seconds);
    for (;;) {
        try {
            db.exec("PRAGMA journal_mode = WAL");
            return;
        } catch (const SQLite::Exception& e) {
            if (e.getErrorCode() != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) throw;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace

Database::Database(const std::filesystem::path& path, const char* vfs) : path_(path) {
    (void)memory_statistics_off;
    try {
        db_ = std::make_unique<SQLite::Database>(path.c_str(),
                                                 SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE |
                                                     SQLite::OPEN_NOMUTEX,  // one thread per connection
                                                 0, vfs);
        db_->setBusyTimeout(busy_timeout_seconds * 1000);
        // A new database gets 16 KB pages (SQLite: 4 KB): a quarter of the pages, page reads and
        // WAL frames for the same lines (an existing database keeps its page size).
        db_->exec("PRAGMA page_size = 16384");
        set_wal_mode(*db_);
        db_->exec("PRAGMA foreign_keys = ON");
        db_->exec("PRAGMA synchronous = NORMAL");
        // Imports and settles touch millions of rows: a 64 MB page cache (peak RSS stays far
        // below 200 MB) and sorts in memory. Neither changes what a commit guarantees.
        db_->exec("PRAGMA cache_size = -65536");
        db_->exec("PRAGMA temp_store = MEMORY");
    } catch (const SQLite::Exception& e) {
        // A lock is reported in one place, cli/cli.cpp (exit 3, naming the lock).
        if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED) throw;
        const bool disk = e.getErrorCode() == SQLITE_IOERR || e.getErrorCode() == SQLITE_FULL;
        throw Error("cannot open database " + path.string() + ": " + e.what() + (disk ? " (is the disk full?)" : ""));
    }
    migrate();
}

ForeignKeyChecksOff::ForeignKeyChecksOff(Database& db) : db_(db) {
    ENGINE_ASSERT(db_.sql().getHandle() != nullptr && sqlite3_get_autocommit(db_.sql().getHandle()) != 0);  // no transaction open
    db_.sql().exec("PRAGMA foreign_keys = OFF");
}

ForeignKeyChecksOff::~ForeignKeyChecksOff() {
    try {
        db_.sql().exec("PRAGMA foreign_keys = ON");
    } catch (...) {
        // Cannot fail outside a transaction; a destructor must not throw either way.
    }
}

std::filesystem::path resolve_database_path(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    constexpr int links_max = 40;  // as Linux's SYMLOOP_MAX
    fs::path resolved = path;
    std::error_code error;
    for (int links = 0; fs::is_symlink(resolved, error); ++links) {
        if (links == links_max) throw Error("database " + path.string() + ": too many levels of symbolic links");
        const fs::path target = fs::read_symlink(resolved);
        resolved = target.is_absolute() ? target : resolved.parent_path() / target;
    }
    if (resolved == path) return path;  // not a link: named as given
    return fs::weakly_canonical(resolved);
}

std::filesystem::path archive_dir_for(const std::filesystem::path& db_path) {
    return db_path.parent_path() / (db_path.filename().string() + ".archive");
}

std::filesystem::path Database::archive_dir() const { return archive_dir_for(path_); }

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
    // A migration may sort every stored line (0007 groups them by dimensions): its sorter
    // spills to temporary files, not to memory (10 million lines took 1.5 GB in memory).
    db_->exec("PRAGMA temp_store = FILE");
    // A migration may rebuild a table that others reference (0009: import_scope), which SQLite
    // allows only with foreign keys off (they cannot be switched inside a transaction). Such a
    // migration keeps every referenced row; `revshare verify` checks each line's scope.
    db_->exec("PRAGMA foreign_keys = OFF");
    try {
        // One transaction for all pending migrations: a killed migration leaves the old schema.
        db_->exec("BEGIN IMMEDIATE");
        for (const Migration& migration : migrations) {
            if (migration.version <= schema_version()) continue;
            db_->exec(std::string(migration.sql));
            if (migration.version == 12) seal_fx_rates(*db_);  // the rates stored before seals existed
            if (migration.version == 17) hash_event_keys(*db_);  // the events stored before the hash
            db_->exec("PRAGMA user_version = " + std::to_string(migration.version));
        }
        db_->exec("COMMIT");
        db_->exec("PRAGMA temp_store = MEMORY");
        db_->exec("PRAGMA foreign_keys = ON");
    } catch (const SQLite::Exception& e) {
        try { db_->exec("ROLLBACK"); } catch (const SQLite::Exception&) {}
        try { db_->exec("PRAGMA temp_store = MEMORY"); } catch (const SQLite::Exception&) {}
        try { db_->exec("PRAGMA foreign_keys = ON"); } catch (const SQLite::Exception&) {}
        if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED) throw;  // cli/cli.cpp: exit 3
        throw Error("cannot migrate database " + path_.string() + ": " + e.what());
    }
}

void Database::make_query_only() { db_->exec("PRAGMA query_only = ON"); }

}  // namespace revshare::schema
