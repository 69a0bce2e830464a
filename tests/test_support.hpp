#pragma once
// Helpers shared by tests: paths to the source tree, the samples and the built binary, a
// scratch directory per test, running the CLI and reading files.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace revshare::testing {

[[nodiscard]] std::filesystem::path source_dir();
[[nodiscard]] std::filesystem::path samples_dir();  // ../shared/samples beside the repo
[[nodiscard]] std::filesystem::path fixtures_dir();
[[nodiscard]] std::string read_file(const std::filesystem::path& path);
// A seeded test's seed: REVSHARE_SEED when set, `fallback` otherwise; the test's output names
// it, so that a failure can be replayed.
[[nodiscard]] std::uint32_t test_seed(std::uint32_t fallback);
void write_file(const std::filesystem::path& path, const std::string& content);

// A fresh empty directory, removed when the object goes out of scope.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// A setup many tests share (the fixtures imported, periods closed), built once per test process:
// the first call runs `build` in a folder of its own; every call then copies that folder's files
// into `dir` (or, when `dir` already holds files, runs `build` there). A copied workspace is the same files as one built in place (a database finds its
// archive beside itself), so each test still starts from its own files. A `build` that fails
// keeps nothing: the next call builds again.
void copy_prepared(const ScratchDir& dir, const std::string& name, const std::function<void(const ScratchDir&)>& build);

struct CommandResult {
    int exit_code = 0;
    std::string out;
    std::string err;
};
// The single value of a query against the SQLite database at `db` (as text; NULL as "NULL").
// Runs `sql` on the database read-write: a hand edit, for the tamper tests.
void edit_database(const std::filesystem::path& db, const std::string& sql);
[[nodiscard]] std::string query_value(const std::filesystem::path& db, const std::string& sql);
// Copies a fixture file (path relative to fixtures/) into `directory`, keeping its file name.
std::filesystem::path copy_fixture(const std::string& relative, const std::filesystem::path& directory);

// Runs the built `revshare` binary with `arguments` (a shell-quoted string) in `directory`.
// `environment` adds variables for this run only (e.g. REVSHARE_CRASH_AT).
[[nodiscard]] CommandResult run_revshare(const std::string& arguments, const std::filesystem::path& directory,
                                         const std::vector<std::pair<std::string, std::string>>& environment = {});

// Runs a shell command line (bash -c) in `directory`: for tools besides revshare.
[[nodiscard]] CommandResult run_shell(const std::string& command, const std::filesystem::path& directory);

}  // namespace revshare::testing
