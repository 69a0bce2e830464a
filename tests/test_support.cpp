#include "tests/test_support.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>
#include <SQLiteCpp/Statement.h>
#include <sys/wait.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace revshare::testing {

std::uint32_t test_seed(std::uint32_t fallback) {
    const char* text = std::getenv("REVSHARE_SEED");
    const std::uint32_t seed = text != nullptr ? static_cast<std::uint32_t>(std::strtoul(text, nullptr, 10)) : fallback;
    MESSAGE("seed " << seed << " (replay with REVSHARE_SEED=" << seed << ")");
    return seed;
}

std::filesystem::path source_dir() { return REVSHARE_SOURCE_DIR; }

std::filesystem::path samples_dir() { return source_dir().parent_path() / "shared" / "samples"; }

std::filesystem::path fixtures_dir() { return source_dir() / "fixtures"; }

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void write_file(const std::filesystem::path& path, const std::string& content) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

ScratchDir::ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("revshare-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

void copy_prepared(const ScratchDir& dir, const std::string& name, const std::function<void(const ScratchDir&)>& build) {
    if (!std::filesystem::is_empty(dir.path())) {  // a setup on top of files of the test's own: built in place
        build(dir);
        return;
    }
    static std::map<std::string, std::unique_ptr<ScratchDir>> prepared;  // removed when the process ends
    auto& folder = prepared[name];
    if (!folder) {
        auto built = std::make_unique<ScratchDir>();
        build(*built);  // a failed REQUIRE throws: `folder` stays empty
        folder = std::move(built);
    }
    std::filesystem::copy(folder->path(), dir.path(),
                          std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
}

void edit_database(const std::filesystem::path& db, const std::string& sql) {
    SQLite::Database database(db.string(), SQLite::OPEN_READWRITE);
    database.exec(sql);
}

std::string query_value(const std::filesystem::path& db, const std::string& sql) {
    SQLite::Database database(db.string(), SQLite::OPEN_READONLY);
    SQLite::Statement query(database, sql);
    if (!query.executeStep()) return "";
    const auto column = query.getColumn(0);
    return column.isNull() ? "NULL" : column.getString();
}

std::filesystem::path copy_fixture(const std::string& relative, const std::filesystem::path& directory) {
    const auto source = fixtures_dir() / relative;
    const auto target = directory / source.filename();
    std::filesystem::copy_file(source, target, std::filesystem::copy_options::overwrite_existing);
    return target;
}

namespace {

// `command` (a shell command line) with its output in `directory`'s .stdout and .stderr, read back.
CommandResult run_in(const std::string& command, const std::filesystem::path& directory) {
    const auto out_path = directory / ".stdout";
    const auto err_path = directory / ".stderr";
    const std::string line = "cd '" + directory.string() + "' && " + command + " >'" + out_path.string() + "' 2>'" +
                             err_path.string() + "'";
    const int status = std::system(line.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_file(out_path);
    result.err = read_file(err_path);
    std::filesystem::remove(out_path);
    std::filesystem::remove(err_path);
    return result;
}

}  // namespace

CommandResult run_revshare(const std::string& arguments, const std::filesystem::path& directory,
                           const std::vector<std::pair<std::string, std::string>>& environment) {
    std::string variables;
    for (const auto& [name, value] : environment) variables += name + "='" + value + "' ";
    return run_in(variables + "'" + std::string(REVSHARE_BINARY) + "' " + arguments, directory);
}

CommandResult run_shell(const std::string& command, const std::filesystem::path& directory) {
    std::string quoted = "'";
    for (const char c : command) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return run_in("bash -c " + quoted + "'", directory);
}

}  // namespace revshare::testing
