#pragma once
// What `revshare --help`, `revshare COMMAND --help` (or `revshare help COMMAND`) and
// `revshare --version` print. One source with the docs: docs/commands.md is compiled in
// (cli/embed_build_info.cmake); `--help` is its Synopsis block, a command's help is its entry
// there followed by the command's rows of the page's table, plain text.
#include <optional>
#include <string>

namespace revshare::app {

// The Synopsis block of docs/commands.md.
[[nodiscard]] std::string usage_text();

// The help of one command; nullopt when the Synopsis lists no such command.
[[nodiscard]] std::optional<std::string> command_help(const std::string& name);

// `revshare VERSION`, the schema version a database gets (`schema_version`), and the git
// commit of the build.
[[nodiscard]] std::string version_text(int schema_version);

}  // namespace revshare::app
