#include "cli/audit_log.hpp"

#include "engine/core/diagnostic.hpp"
#include "jobs/clock.hpp"
#include "cli/commands.hpp"
#include "schema/audit_store.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>
#include <pwd.h>
#include <unistd.h>

#include <iostream>

namespace revshare::app {
namespace {

std::string os_user() {
    const uid_t uid = geteuid();
    if (const passwd* entry = getpwuid(uid); entry != nullptr && entry->pw_name != nullptr) return entry->pw_name;
    return "uid " + std::to_string(uid);
}

std::string quoted_word(const std::string& word) {
    if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%") ==
                             std::string::npos) {
        return word;
    }
    std::string text = "'";
    for (const char c : word) text += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return text + "'";
}

}  // namespace

bool changes_database(const std::string& command, const std::vector<std::string>& words) {
    if (command == "import" || command == "settle" || command == "close" || command == "nightly") return true;
    const std::string first = words.empty() ? "" : words.front();
    return (command == "fx" && first == "import") ||
           (command == "contract" && (first == "add" || first == "retire" || first == "remove"));
}

std::string shell_quoted(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& word : words) text += (text.empty() ? "" : " ") + quoted_word(word);
    return text;
}

void record_audit_entry(const GlobalOptions& options, const std::string& command, const std::vector<std::string>& words,
                        int exit_code) {
    std::error_code error;
    if (!std::filesystem::exists(options.db_path, error)) return;
    try {
        schema::Database db(options.db_path);
        SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
        schema::append_audit_entry(db, schema::AuditEntry{.at = utc_now_text(),
                                                          .os_user = os_user(),
                                                          .command = command,
                                                          .arguments = shell_quoted(words),
                                                          .exit_code = exit_code,
                                                          .summary = schema::load_database_summary(db),
                                                          .previous_sha256 = {},
                                                          .chain_sha256 = {}});
        transaction.commit();
    } catch (const std::exception& e) {
        std::cerr << "revshare: warning: the audit log of " << printable(options.db_path.string())
                  << " was not written: " << printable(e.what())
                  << "\n";
    }
}

int command_log(const GlobalOptions& options, Arguments& arguments) {
    (void)arguments.positionals();
    schema::Database db(options.db_path);
    for (const auto& entry : schema::load_audit_entries(db)) {
        // The arguments name files, and file names are input: escaped.
        std::cout << entry.entry_id << "  " << entry.at << "  " << printable(entry.os_user) << "  exit " << entry.exit_code
                  << "  revshare " << printable(entry.command) << (entry.arguments.empty() ? "" : " ")
                  << printable(entry.arguments) << "\n"
                  << "    " << printable(entry.summary) << "\n";
    }
    return 0;
}

}  // namespace revshare::app
