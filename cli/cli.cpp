#include "cli/cli.hpp"

#include "cli/audit_log.hpp"
#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "cli/logging.hpp"
#include "jobs/stop_request.hpp"
#include "engine/core/diagnostic.hpp"
#include "schema/database.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>

namespace revshare::app {
namespace {

using Command = std::function<int(const GlobalOptions&, Arguments&)>;

const std::map<std::string, Command>& commands() {
    static const std::map<std::string, Command> table = {
        {"init", command_init},
        {"import", command_import},
        {"imports", command_imports},
        {"fx", command_fx},
        {"show-line", command_show_line},
        {"contract", command_contract},
        {"settle", command_settle},
        {"report", command_report},
        {"nightly", command_nightly},
        {"close", command_close},
        {"replay", command_replay},
        {"verify", command_verify},
        {"log", command_log},
        {"compare", command_compare},
        {"keygen", command_keygen},
        {"evidence", command_evidence},
        {"verify-evidence", command_verify_evidence},
        {"values", command_values},
        {"events", command_events},
        {"quarantine", command_quarantine},
        {"journal", command_journal},
        {"summary", command_summary},
    };
    return table;
}

// The message and exit code for the exception being handled (call only inside a catch block).
// A message may quote input (file names, fields): printed escaped (printable()).
int report_exception(const GlobalOptions& options) {
    try {
        throw;
    } catch (const UsageError& e) {
        std::cerr << "revshare: " << printable(e.what()) << "\n";
        return static_cast<int>(e.exit_code());
    } catch (const Error& e) {
        std::cerr << "revshare: error: " << printable(e.what()) << "\n";
        return static_cast<int>(e.exit_code());
    } catch (const Interrupted& e) {
        std::cerr << "revshare: " << e.what() << ": the step under way was rolled back, what was done before it is kept;"
                  << " run the command again to go on\n";
        return e.exit_code();
    } catch (const SQLite::Exception& e) {
        // The one place SQLite's errors become messages and exit codes (issue 8): a lock held
        // past the busy timeout is exit 3 and says which lock; a full disk says so.
        const int code = e.getErrorCode();
        const std::string db = printable(options.db_path.string());
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
            std::cerr << "revshare: error: database " << db << " is locked: another revshare run held its write lock "
                      << "for more than " << schema::Database::busy_timeout_seconds
                      << " s; this command stopped and its unfinished step was rolled back (SQLite: " << printable(e.what())
                      << "); run it again when the other run has finished\n";
            return 3;
        }
        if (code == SQLITE_FULL || code == SQLITE_IOERR) {
            std::cerr << "revshare: error: database " << db << ": cannot write (SQLite: " << printable(e.what())
                      << "); is the disk full? the unfinished step was rolled back; free space and run it again\n";
            return 2;
        }
        std::cerr << "revshare: error: database " << db << ": " << printable(e.what()) << "\n";
        return 2;
    } catch (const std::filesystem::filesystem_error& e) {
        // "filesystem error: cannot create directories: Not a directory [a/b]" as
        // "cannot create directories a/b: Not a directory".
        std::string what = e.what();
        if (what.rfind("filesystem error: ", 0) == 0) what.erase(0, 18);
        if (const auto paths = what.find(" ["); paths != std::string::npos) what.erase(paths);
        if (const auto reason = what.rfind(": " + e.code().message()); reason != std::string::npos && !e.path1().empty()) {
            what.insert(reason, " " + e.path1().string() + (e.path2().empty() ? "" : " -> " + e.path2().string()));
        }
        std::cerr << "revshare: error: " << printable(what) << "\n";
        return 2;
    } catch (const std::exception& e) {
        // Never a raw std::terminate: whatever escaped is a bug, reported as one (exit 3).
        std::cerr << "revshare: error: internal error: " << printable(e.what())
                  << " (this is a bug; the unfinished step was rolled back; please report it)\n";
        return 3;
    }
}

// The commands that pass safe points (jobs/stop_request.hpp): a signal stops them there. The
// others keep the default action (a signal ends them at once: each is one transaction, or
// writes its files under temporary names).
bool stops_at_safe_points(const std::string& name) { return name == "import" || name == "settle" || name == "nightly"; }

// Runs one command; a command that changes the database is then recorded in the audit log,
// whatever its outcome.
int run_command(const Command& command, const GlobalOptions& options, const std::string& name,
                const std::vector<std::string>& words) {
    int exit_code = 0;
    try {
        if (stops_at_safe_points(name)) install_stop_handlers();
        Arguments arguments(name, words);
        exit_code = command(options, arguments);
    } catch (...) {
        exit_code = report_exception(options);
    }
    if (changes_database(name, words)) record_audit_entry(options, name, words, exit_code);
    return exit_code;
}

// `revshare help COMMAND`, or `--help` among a command's words: the command whose help to print
// (before anything else is done: no database is opened, nothing is logged).
std::optional<std::string> help_asked(const std::vector<std::string>& words, std::size_t command) {
    if (words[command] == "help") {
        if (command + 2 < words.size()) throw UsageError("help: name one command (revshare help COMMAND)");
        return words[command + 1];
    }
    for (std::size_t i = command + 1; i < words.size(); ++i) {
        if (words[i] == "--help" || words[i] == "-h") return words[command];
    }
    return std::nullopt;
}

int print_command_help(const std::string& name) {
    if (name == "help" || name == "--help" || name == "-h") {
        std::cout << usage_text();
        return 0;
    }
    const auto help = command_help(name);
    if (!help) throw UsageError("unknown command '" + name + "' (see revshare --help)");
    std::cout << *help;
    return 0;
}

}  // namespace

Arguments::Arguments(std::string command, std::vector<std::string> words)
    : command_(std::move(command)), words_(std::move(words)) {}

std::optional<std::string> Arguments::take_option(const std::string& name) {
    auto value = take_first(name);
    if (value) refuse_repeated(name);
    return value;
}

std::vector<std::string> Arguments::take_options(const std::string& name) {
    std::vector<std::string> values;
    while (auto value = take_first(name)) values.push_back(std::move(*value));
    return values;
}

void Arguments::refuse_repeated(const std::string& name) const {
    const std::string flag = "--" + name;
    for (const auto& word : words_) {
        if (word == flag || word.rfind(flag + "=", 0) == 0) {
            throw UsageError(command_ + ": " + flag + " is given twice; give it once");
        }
    }
}

std::optional<std::string> Arguments::take_first(const std::string& name) {
    const std::string flag = "--" + name;
    for (std::size_t i = 0; i < words_.size(); ++i) {
        if (words_[i] == flag) {
            if (i + 1 >= words_.size()) throw UsageError(command_ + ": " + flag + " needs a value");
            std::string value = words_[i + 1];
            words_.erase(words_.begin() + static_cast<std::ptrdiff_t>(i), words_.begin() + static_cast<std::ptrdiff_t>(i + 2));
            return value;
        }
        if (words_[i].rfind(flag + "=", 0) == 0) {
            std::string value = words_[i].substr(flag.size() + 1);
            words_.erase(words_.begin() + static_cast<std::ptrdiff_t>(i));
            return value;
        }
    }
    return std::nullopt;
}

std::string Arguments::take_required(const std::string& name) {
    auto value = take_option(name);
    if (!value) throw UsageError(command_ + ": --" + name + " is required");
    return *value;
}

bool Arguments::take_flag(const std::string& name) {
    const std::string flag = "--" + name;
    for (std::size_t i = 0; i < words_.size(); ++i) {
        if (words_[i] == flag) {
            words_.erase(words_.begin() + static_cast<std::ptrdiff_t>(i));
            refuse_repeated(name);
            return true;
        }
    }
    return false;
}

std::vector<std::string> Arguments::positionals() {
    for (const auto& word : words_) {
        if (word.size() > 2 && word.rfind("--", 0) == 0) throw UsageError(command_ + ": unknown option " + word);
    }
    return words_;
}

int run(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    GlobalOptions options;
    if (const char* env = std::getenv("REVSHARE_DB"); env != nullptr && *env != '\0') options.db_path = env;
    else options.db_path = "revshare.db";
    std::size_t i = 0;
    try {
        for (; i < words.size() && words[i].rfind("--", 0) == 0; ++i) {
            const std::string& word = words[i];
            auto value = [&](const std::string& flag) {
                if (word.rfind(flag + "=", 0) == 0) return word.substr(flag.size() + 1);
                if (i + 1 >= words.size()) throw UsageError(flag + " needs a value");
                return words[++i];
            };
            if (word == "--help" || word == "-h") { std::cout << usage_text(); return 0; }
            if (word == "--version") { std::cout << version_text(schema::Database::latest_schema_version()); return 0; }
            if (word == "--quiet") options.quiet = true;
            else if (word.rfind("--db", 0) == 0) options.db_path = value("--db");
            else if (word.rfind("--log-level", 0) == 0) options.log_level = value("--log-level");
            else if (word.rfind("--log-file", 0) == 0) options.log_file = value("--log-file");
            else throw UsageError("unknown option " + word);
        }
        if (i >= words.size() || (words[i] == "help" && i + 1 >= words.size())) {
            std::cout << usage_text();
            return i >= words.size() ? 2 : 0;
        }
        if (const auto help = help_asked(words, i)) return print_command_help(*help);
        options.db_path = schema::resolve_database_path(options.db_path);
        const std::string name = words[i];
        const auto found = commands().find(name);
        if (found == commands().end()) throw UsageError("unknown command '" + name + "' (see revshare --help)");
        setup_logging(options);
        return run_command(found->second, options, name,
                           std::vector<std::string>(words.begin() + static_cast<std::ptrdiff_t>(i) + 1, words.end()));
    } catch (...) {
        return report_exception(options);
    }
}

}  // namespace revshare::app
