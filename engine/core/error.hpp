#pragma once
// Operating failures (missing file, locked database, schema mismatch): exceptions derived
// from revshare::Error, given context as they unwind, caught once in main (STYLE.md 3.2).
#include <stdexcept>
#include <string>

namespace revshare {

// Exit codes from shared/spec/cli.md.
enum class ExitCode : int { ok = 0, needs_attention = 1, bad_input = 2, locked_or_invariant = 3 };

class Error : public std::runtime_error {
public:
    explicit Error(std::string message, ExitCode exit_code = ExitCode::bad_input)
        : std::runtime_error(std::move(message)), exit_code_(exit_code) {}
    [[nodiscard]] ExitCode exit_code() const { return exit_code_; }

private:
    ExitCode exit_code_;
};

// Arithmetic that would overflow or lose precision. Caught at stage boundaries and turned
// into a diagnostic naming the input.
class ArithmeticError : public Error {
public:
    explicit ArithmeticError(std::string message) : Error(std::move(message)) {}
};

}  // namespace revshare
