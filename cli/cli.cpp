#include "cli/cli.hpp"

#include "cli/audit_log.hpp"
#include "cli/commands.hpp"
#include "cli/logging.hpp"
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

constexpr const char* usage_text =
    "usage: revshare [--db PATH] [--log-level LEVEL] [--log-file PATH] [--quiet] COMMAND ...\n"
    "\n"
    "commands:\n"
    "  init                                  create or migrate the database\n"
    "  import [--format NAME] FILE...        import usage exports (.csv, .csv.gz, .csv.zip)\n"
    "  imports                               list imported files\n"
    "  show-line --import ID --line N        show the delivered row behind a line\n"
    "  events --import ID [--out FILE]       what each row of a seller-feed import did (new, newer,\n"
    "                                        older, already known, quarantined), as CSV\n"
    "  fx import [--format rows|ecb|wide] [--base CCY] FILE\n"
    "                                        import FX rates: rows date,base,quote,rate (the default),\n"
    "                                        the ECB's reference rates (1 EUR = x), or wide date,<quote>...\n"
    "  contract add FILE | list | show ID    store, list, show contracts\n"
    "  contract check FILE [--period YYYY-MM]\n"
    "                                        validate a contract file, store nothing; with a period,\n"
    "                                        settle it in memory and warn of match tables that match no line\n"
    "  values COLUMN [--period YYYY-MM] [--limit N] [--csv]\n"
    "                                        the values a text column of the current lines holds, with\n"
    "                                        their line counts (what a contract's match can name)\n"
    "  settle --period YYYY-MM [--contract ID]\n"
    "                                        settle a period (and earlier changed open periods)\n"
    "  report --period YYYY-MM [--contract ID] --out DIR\n"
    "                                        write statement.csv, net.csv, lines.csv,\n"
    "                                        reconciliation.csv, variance.csv, statement.html,\n"
    "                                        statement.xlsx (the workbook)\n"
    "                                        (and disbursements.csv where AWS Marketplace paid out),\n"
    "                                        ytd.csv (the contract year to date)\n"
    "  summary --year YYYY [--contract ID] --out DIR\n"
    "                                        write summary-YYYY.csv: the contract year's periods x\n"
    "                                        rules and the nets, per period, quarter and year\n"
    "  journal --period YYYY-MM [--contract ID] --format hledger|beancount|csv --out FILE\n"
    "                                        write the period's double-entry journal for a ledger\n"
    "                                        or an ERP (--out - writes to standard output)\n"
    "  close --period YYYY-MM [--contract ID] [--allow-stale] [--sign-key FILE]\n"
    "                                        freeze a settled period (its statement never changes);\n"
    "                                        with a key, sign the close record\n"
    "  replay --period YYYY-MM [--contract ID] recompute a run from its inputs as they stood; compare\n"
    "  verify [--chain-head HASH] [--public-key FILE] [--deep]\n"
    "                                        check every invariant, the hash chains and the archive;\n"
    "                                        with a chain head or public key kept outside, the closes;\n"
    "                                        --deep: every stored line against its delivery\n"
    "  log                                   print the audit log of commands that changed the database\n"
    "  keygen --out PREFIX                   write an Ed25519 key pair for signed closes\n"
    "  evidence --period YYYY-MM [--contract ID] --out DIR\n"
    "                                        write a closed period's evidence pack\n"
    "  verify-evidence DIR [--public-key FILE]\n"
    "                                        re-check an evidence pack without the database, and\n"
    "                                        re-settle its closed periods from its own files\n"
    "  compare --period YYYY-MM --contract ID --with FILE.toml|ID --out DIR\n"
    "                                        settle a period under two contracts, store nothing;\n"
    "                                        write comparison.csv, print the shares side by side\n"
    "  nightly --inbox DIR --out DIR [--contract ID]\n"
    "                                        the batch job: import new exports, settle changed\n"
    "                                        open periods, write their reports and run-summary.json\n"
    "\n"
    "The database is --db PATH, else $REVSHARE_DB, else ./revshare.db. --log-file PATH also\n"
    "logs to PATH (info and above, rotated at 5 MB, 3 old files kept). close signs with\n"
    "--sign-key FILE, else $REVSHARE_SIGN_KEY when set.\n";

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
        std::cerr << "revshare: error: " << printable(e.what()) << "\n";
        return 2;
    } catch (const std::exception& e) {
        // Never a raw std::terminate: whatever escaped is a bug, reported as one (exit 3).
        std::cerr << "revshare: error: internal error: " << printable(e.what())
                  << " (this is a bug; the unfinished step was rolled back; please report it)\n";
        return 3;
    }
}

// Runs one command; a command that changes the database is then recorded in the audit log,
// whatever its outcome.
int run_command(const Command& command, const GlobalOptions& options, const std::string& name,
                const std::vector<std::string>& words) {
    int exit_code = 0;
    try {
        Arguments arguments(name, words);
        exit_code = command(options, arguments);
    } catch (...) {
        exit_code = report_exception(options);
    }
    if (changes_database(name, words)) record_audit_entry(options, name, words, exit_code);
    return exit_code;
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
            if (word == "--help") { std::cout << usage_text; return 0; }
            if (word == "--quiet") options.quiet = true;
            else if (word.rfind("--db", 0) == 0) options.db_path = value("--db");
            else if (word.rfind("--log-level", 0) == 0) options.log_level = value("--log-level");
            else if (word.rfind("--log-file", 0) == 0) options.log_file = value("--log-file");
            else throw UsageError("unknown option " + word);
        }
        if (i >= words.size() || words[i] == "help") {
            std::cout << usage_text;
            return i >= words.size() ? 2 : 0;
        }
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
