#pragma once
// The `revshare` command line (shared/spec/cli.md): global options, then a command.
// A thin layer that wires the stages together; every command returns its exit code.
#include "engine/core/error.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace revshare::app {

struct GlobalOptions {
    std::filesystem::path db_path;  // --db, else $REVSHARE_DB, else ./revshare.db
    std::string log_level = "warn";
    std::filesystem::path log_file;  // --log-file: also log there (rotating), empty: stderr only
    bool quiet = false;
};

// The arguments after the command name, with `--flag value` and `--flag=value` forms.
class Arguments {
public:
    Arguments(std::string command, std::vector<std::string> words);
    // Removes and returns the value of `--name` (nullopt if absent). Throws on a missing value
    // and on an option given twice (which of two --out a user meant is not ours to guess).
    [[nodiscard]] std::optional<std::string> take_option(const std::string& name);
    // Every value of a repeatable `--name`, in order (e.g. --public-key).
    [[nodiscard]] std::vector<std::string> take_options(const std::string& name);
    [[nodiscard]] std::string take_required(const std::string& name);
    [[nodiscard]] bool take_flag(const std::string& name);
    // What is left: positional words. Throws on an unknown `--option`.
    [[nodiscard]] std::vector<std::string> positionals();
    [[nodiscard]] const std::string& command() const { return command_; }

private:
    [[nodiscard]] std::optional<std::string> take_first(const std::string& name);
    void refuse_repeated(const std::string& name) const;

    std::string command_;
    std::vector<std::string> words_;
};

// Thrown for bad usage: exit 2 with the message and a pointer to `revshare help`.
class UsageError : public Error {
public:
    explicit UsageError(std::string message) : Error(std::move(message), ExitCode::bad_input) {}
};

int run(int argc, char** argv);

}  // namespace revshare::app
