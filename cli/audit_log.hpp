#pragma once
// The audit trail: every command that changes the database appends who ran it (the OS user),
// when (utc_now_text, so REVSHARE_NOW fixes it), its arguments, its exit code and a summary
// of the database state it left, to the append-only table audit_log. `revshare log` prints it.
#include "cli/cli.hpp"

#include <string>
#include <vector>

namespace revshare::app {

// Whether `command` with these words changes the database (import, fx import, contract add,
// contract retire, contract remove, settle, close, nightly).
[[nodiscard]] bool changes_database(const std::string& command, const std::vector<std::string>& words);

// Appends one entry. Skipped when the database file does not exist (the command failed before
// creating it); a failure to write is reported on stderr and does not change the exit code.
void record_audit_entry(const GlobalOptions& options, const std::string& command, const std::vector<std::string>& words,
                        int exit_code);

// "import 'a b.csv' c.csv": words joined, quoted for a POSIX shell where needed.
[[nodiscard]] std::string shell_quoted(const std::vector<std::string>& words);

}  // namespace revshare::app
