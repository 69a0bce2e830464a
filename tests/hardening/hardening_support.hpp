#pragma once
// Helpers for the hardening tests (issue 8): what a database holds, as one comparable text;
// running `revshare` as a child process that the test can start several of at once, with a
// limit on the size of the files it may write (a full disk without a small file system).
#include "engine/core/sha256.hpp"
#include "importers/csv/csv_reader.hpp"
#include "tests/test_support.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace revshare::testing::hardening {

namespace fs = std::filesystem;
using Environment = std::vector<std::pair<std::string, std::string>>;

// Every command runs at this instant, so that two databases built the same way are equal.
inline const Environment fixed_now = {{"REVSHARE_NOW", "2026-06-01T03:00:00Z"}};

// What the database holds: for every table but the audit log (every command appends to it,
// even a refused one), its row count and the SHA-256 of its rows (sorted, so that two databases
// built in a different order of commits compare by content).
inline std::string stored_state(const fs::path& db) {
    SQLite::Database database(db.string(), SQLite::OPEN_READONLY);
    SQLite::Statement tables(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                       "AND name <> 'audit_log' ORDER BY name");
    std::string state;
    while (tables.executeStep()) {
        const std::string table = tables.getColumn(0).getString();
        SQLite::Statement rows(database, "SELECT * FROM \"" + table + "\"");
        std::vector<std::string> rendered;
        while (rows.executeStep()) {
            std::string row;
            for (int i = 0; i < rows.getColumnCount(); ++i) {
                const auto column = rows.getColumn(i);
                row += column.isNull() ? std::string("\\N") : column.getString();
                row += '\x1f';
            }
            rendered.push_back(std::move(row));
        }
        std::sort(rendered.begin(), rendered.end());
        Sha256 hash;
        for (const auto& row : rendered) hash.update(row + "\x1e");
        state += table + " " + std::to_string(rendered.size()) + " " + hash.hex_digest() + "\n";
    }
    return state;
}

// The SHA-256 of the rows a query returns (in its order), to prove that rows did not change.
inline std::string query_digest(const fs::path& db, const std::string& sql) {
    SQLite::Database database(db.string(), SQLite::OPEN_READONLY);
    SQLite::Statement rows(database, sql);
    Sha256 hash;
    std::size_t count = 0;
    while (rows.executeStep()) {
        ++count;
        for (int i = 0; i < rows.getColumnCount(); ++i) {
            const auto column = rows.getColumn(i);
            hash.update(column.isNull() ? std::string("\\N") : column.getString());
            hash.update("\x1f");
        }
        hash.update("\x1e");
    }
    return std::to_string(count) + " rows " + hash.hex_digest();
}

// Every file under `dir` (recursively) with its content; temporaries included, so that a
// comparison also proves none was left behind.
inline std::vector<std::pair<std::string, std::string>> files_under(const fs::path& dir) {
    std::vector<std::pair<std::string, std::string>> files;
    if (!fs::exists(dir)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) files.emplace_back(fs::relative(entry.path(), dir).generic_string(), read_file(entry.path()));
    }
    std::sort(files.begin(), files.end());
    return files;
}

// Copies everything in `from` (the database, its archive, ...) into `to`.
inline void copy_directory(const fs::path& from, const fs::path& to) {
    for (const auto& entry : fs::directory_iterator(from)) {
        fs::copy(entry.path(), to / entry.path().filename(), fs::copy_options::recursive);
    }
}

// A `revshare` child process started with arguments as a list (no shell), in `directory`.
struct Child {
    pid_t pid = -1;
    fs::path out;
    fs::path err;
};

struct ChildOptions {
    Environment environment = fixed_now;
    // RLIMIT_FSIZE in bytes: a write past it fails with EFBIG (SIGXFSZ is ignored), as on a
    // full disk. Applies to every file the child writes, its stdout and stderr files too.
    std::optional<rlim_t> file_size_max;
};

inline Child start_revshare(const std::vector<std::string>& arguments, const fs::path& directory, const ChildOptions& options = {}) {
    static int counter = 0;
    const std::string tag = std::to_string(counter++);
    Child child{-1, directory / (".child-" + tag + ".out"), directory / (".child-" + tag + ".err")};
    std::vector<std::string> words{REVSHARE_BINARY};
    words.insert(words.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    child.pid = ::fork();
    REQUIRE(child.pid >= 0);
    if (child.pid == 0) {
        // Only async-signal-safe calls until exec.
        if (::chdir(directory.c_str()) != 0) ::_exit(126);
        const int out = ::open(child.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = ::open(child.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out < 0 || err < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0) ::_exit(126);
        for (const auto& [name, value] : options.environment) ::setenv(name.c_str(), value.c_str(), 1);
        if (options.file_size_max) {
            ::signal(SIGXFSZ, SIG_IGN);
            const rlimit limit{*options.file_size_max, *options.file_size_max};
            if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(126);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return child;
}

inline CommandResult finish(const Child& child) {
    int status = 0;
    REQUIRE(::waitpid(child.pid, &status, 0) == child.pid);
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_file(child.out);
    result.err = read_file(child.err);
    fs::remove(child.out);
    fs::remove(child.err);
    return result;
}

inline CommandResult run_child(const std::vector<std::string>& arguments, const fs::path& directory, const ChildOptions& options = {}) {
    return finish(start_revshare(arguments, directory, options));
}

// The fields of a CSV record (the fixtures' rows hold quoted commas).
inline std::vector<std::string> fields_of(const std::string& record) {
    ScratchDir dir;
    write_file(dir / "r.csv", record);
    importers::CsvReader reader(importers::open_byte_source((dir / "r.csv").string()), "r.csv");
    importers::CsvRecord parsed;
    Diagnostic error;
    REQUIRE(reader.next(parsed, error) == importers::CsvReader::Status::record);
    return {parsed.fields.begin(), parsed.fields.end()};
}

inline std::string csv_record(const std::vector<std::string>& fields) {
    std::string text;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) text += ',';
        const bool quoted = fields[i].find_first_of(",\"\n") != std::string::npos;
        if (!quoted) {
            text += fields[i];
            continue;
        }
        text += '"';
        for (char c : fields[i]) text += c == '"' ? std::string("\"\"") : std::string(1, c);
        text += '"';
    }
    return text;
}

// `revshare verify` on `db` (in its folder) passes: journals balance, import counts add up,
// the closed periods' hashes chain.
inline void check_verified(const fs::path& directory, const std::string& db = "r.db") {
    const auto verified = run_child({"--db", db, "verify"}, directory);
    CHECK(verified.exit_code == 0);
    CHECK(verified.out.rfind("verified: ", 0) == 0);
    CHECK(verified.err == "");
    CHECK(query_value(directory / db, "PRAGMA integrity_check") == "ok");
}

// What `nightly` needs to settle: the FX rates and the seed contract, stored in `db`.
inline void set_up_contract(const fs::path& directory, const std::string& db = "r.db") {
    REQUIRE(run_child({"--db", db, "fx", "import", (fixtures_dir() / "fx/eur-usd-2026.csv").string()}, directory).exit_code == 0);
    REQUIRE(run_child({"--db", db, "contract", "add", (fixtures_dir() / "contracts/openai-microsoft.toml").string()}, directory)
                .exit_code == 0);
}

}  // namespace revshare::testing::hardening
