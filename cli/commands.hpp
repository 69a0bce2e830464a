#pragma once
// One function per command; each returns the process exit code (shared/spec/cli.md).
#include "cli/cli.hpp"

namespace revshare::app {

int command_init(const GlobalOptions& options, Arguments& arguments);
int command_import(const GlobalOptions& options, Arguments& arguments);
int command_fx(const GlobalOptions& options, Arguments& arguments);
int command_show_line(const GlobalOptions& options, Arguments& arguments);
int command_imports(const GlobalOptions& options, Arguments& arguments);
int command_contract(const GlobalOptions& options, Arguments& arguments);
int command_settle(const GlobalOptions& options, Arguments& arguments);
int command_report(const GlobalOptions& options, Arguments& arguments);
int command_nightly(const GlobalOptions& options, Arguments& arguments);
int command_close(const GlobalOptions& options, Arguments& arguments);
int command_replay(const GlobalOptions& options, Arguments& arguments);
int command_verify(const GlobalOptions& options, Arguments& arguments);
int command_log(const GlobalOptions& options, Arguments& arguments);
int command_compare(const GlobalOptions& options, Arguments& arguments);
int command_keygen(const GlobalOptions& options, Arguments& arguments);
int command_evidence(const GlobalOptions& options, Arguments& arguments);
int command_verify_evidence(const GlobalOptions& options, Arguments& arguments);
int command_values(const GlobalOptions& options, Arguments& arguments);
int command_quarantine(const GlobalOptions& options, Arguments& arguments);
int command_events(const GlobalOptions& options, Arguments& arguments);
int command_journal(const GlobalOptions& options, Arguments& arguments);
int command_summary(const GlobalOptions& options, Arguments& arguments);

}  // namespace revshare::app
