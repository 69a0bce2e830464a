#pragma once
// Database: opens (creating when needed) the SQLite file, applies the numbered migrations in
// schema/migrations (PRAGMA user_version), and sets WAL mode, foreign keys and a busy
// timeout. The only place besides schema/*_store.cpp that touches SQL.
#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <memory>
#include <string>

namespace revshare::schema {

class Database {
public:
    // How long a command waits for another process's write lock before it fails with exit 3.
    static constexpr int busy_timeout_seconds = 10;

    // Throws SQLite::Exception (SQLITE_BUSY: exit 3, cli/cli.cpp) when the database is locked
    // by another process past the busy timeout, and revshare::Error (exit 2) when it cannot be
    // opened or was written by a newer revshare (schema version ahead of this binary).
    // `vfs`: SQLite's default when null (read_ahead_vfs(): for a connection streaming `line`).
    explicit Database(const std::filesystem::path& path, const char* vfs = nullptr);

    [[nodiscard]] SQLite::Database& sql() { return *db_; }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    // Folder beside the database where imported files are archived by SHA-256.
    [[nodiscard]] std::filesystem::path archive_dir() const;
    // For a command that never writes (verify, replay, compare, evidence): any write is refused.
    void make_query_only();
    [[nodiscard]] int schema_version();
    [[nodiscard]] static int latest_schema_version();

private:
    void migrate();
    std::filesystem::path path_;
    std::unique_ptr<SQLite::Database> db_;
};

// The database path every file derived from it is named after (the archive folder, the nightly
// lock, temporaries beside it): `path` itself, or, when it is a symbolic link (a chain of them),
// the file the link leads to, as SQLite opens it (its write-ahead log and shared memory lie
// beside the real file). Without it, the same database opened through a link and by its own
// name would have two archives and two nightly locks. Resolved once, where the command line is
// read (cli/cli.cpp). Throws revshare::Error on a loop of links.
[[nodiscard]] std::filesystem::path resolve_database_path(const std::filesystem::path& path);

// `<db>.archive`, beside the database (Database::archive_dir()).
[[nodiscard]] std::filesystem::path archive_dir_for(const std::filesystem::path& db_path);

// While it lives, `db`'s connection does not enforce foreign keys: SQLite otherwise looks up
// the parent row of every reference of every row inserted. For a bulk load that writes the
// parents itself, in the same transaction (an import: its import row, scopes and lines).
// Construct it before that transaction begins: SQLite ignores the pragma inside one.
class ForeignKeyChecksOff {
public:
    explicit ForeignKeyChecksOff(Database& db);
    ~ForeignKeyChecksOff();
    ForeignKeyChecksOff(const ForeignKeyChecksOff&) = delete;
    ForeignKeyChecksOff& operator=(const ForeignKeyChecksOff&) = delete;

private:
    Database& db_;
};

}  // namespace revshare::schema
